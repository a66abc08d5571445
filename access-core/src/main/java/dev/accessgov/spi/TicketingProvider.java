package dev.accessgov.spi;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;

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
}
