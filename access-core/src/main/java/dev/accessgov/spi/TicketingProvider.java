package dev.accessgov.spi;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import java.util.Optional;

/**
 * A ticketing system (Jira, ...) where people see and discuss a record. The evidence chain stays
 * the source of truth: the ticket mirrors it. Every method is idempotent, so a call repeated after
 * a crash creates no duplicate ticket, comment or transition. A ticket's status never approves
 * anything by itself. Implementations are thread-safe; arguments are never null.
 */
public interface TicketingProvider {

  /** Names this provider in {@link TicketRef}s and evidence. Constant. */
  String id();

  /**
   * Opens a ticket for the record, or links the one named by {@link AccessRecord#ticketKey()}, or
   * returns the ticket already opened for this record id. When the ticketing system cannot be
   * reached, an implementation that queues its work may return a {@linkplain
   * TicketRef#provisional() provisional} ticket at once rather than block the grant; asked again
   * for the same record (whose {@code ticketKey} then holds the placeholder), it returns the real
   * ticket once it exists.
   *
   * @return the ticket
   */
  TicketRef openOrLink(AccessRecord record);

  /**
   * Adds the event to the ticket as a comment. Repeating it for the same event (same sequence
   * number) adds nothing.
   */
  void append(TicketRef ticket, EvidenceEvent event);

  /**
   * Moves the ticket to the status that mirrors {@code state}. Moving to the current status is a
   * no-op.
   */
  void transition(TicketRef ticket, RecordState state);

  /**
   * Whether the ticket with this key exists and is open, for justification rules that require an
   * open ticket ({@link dev.accessgov.policy.JustificationRule#requireOpenTicket()}). Optional
   * capability: the default returns empty, meaning "this provider cannot check", and a rule that
   * requires an open ticket then refuses the request. Read-only, idempotent, thread-safe.
   *
   * @param key a ticket key, e.g. {@code ABC-123}
   * @return the ticket's state, or empty when this provider cannot check tickets
   * @throws dev.accessgov.ProviderException when the ticketing system cannot be reached or fails;
   *     {@link dev.accessgov.ProviderException#retryable()} says whether to try again
   */
  default Optional<TicketState> ticketState(String key) {
    return Optional.empty();
  }
}
