package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

/**
 * A ticket in a ticketing system.
 *
 * @param providerId the ticketing provider's {@code id()}
 * @param key the ticket's key, e.g. {@code ACCESS-42}
 * @param provisional true when the ticketing system could not be reached and the ticket is only
 *     queued: {@code key} is a placeholder, and a later {@link TicketingProvider#openOrLink} for
 *     the same record returns the real key once the ticket exists
 */
public record TicketRef(String providerId, String key, boolean provisional) {
  /** Checks both are present. */
  public TicketRef {
    requireNonNull(providerId, "providerId");
    requireNonNull(key, "key");
  }

  /** A ticket that exists, with its real key. */
  public TicketRef(String providerId, String key) {
    this(providerId, key, false);
  }
}
