package dev.accessgov.spi;

/**
 * Whether a ticket a request names exists and is open, as {@link TicketingProvider#ticketState}
 * reports it.
 */
public enum TicketState {
  /** The ticket exists and is not done. */
  EXISTS_OPEN,
  /** The ticket exists but is done (resolved, closed). */
  CLOSED,
  /** No ticket with this key exists, or the service account cannot see it. */
  NOT_FOUND
}
