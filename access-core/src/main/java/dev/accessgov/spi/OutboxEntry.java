package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One update waiting to reach a ticketing system. Entries of one ticket are delivered in the order
 * they were added; the payload is JSON so a durable {@link Outbox} can store it as text.
 *
 * @param id assigned by the outbox when the entry is added, increasing; 0 before that
 * @param ticket the ticket key the host holds: e.g. a Jira key, or {@code pending:<record id>}
 *     while the ticket is still to be created
 * @param kind what to do
 * @param recordId the access record the update belongs to
 * @param seq the evidence sequence number for {@link Kind#COMMENT}, else 0
 * @param payload what the delivery needs, as JSON
 * @param enqueuedAt when the update was handed to the outbox
 */
public record OutboxEntry(
    long id,
    String ticket,
    Kind kind,
    String recordId,
    long seq,
    String payload,
    Instant enqueuedAt) {

  /** Checks the fields are present. */
  public OutboxEntry {
    requireNonNull(ticket, "ticket");
    requireNonNull(kind, "kind");
    requireNonNull(recordId, "recordId");
    requireNonNull(payload, "payload");
    requireNonNull(enqueuedAt, "enqueuedAt");
  }

  /** This entry with the id the outbox assigned. */
  public OutboxEntry withId(long newId) {
    return new OutboxEntry(newId, ticket, kind, recordId, seq, payload, enqueuedAt);
  }

  /** What an entry asks the ticketing system to do. */
  public enum Kind {
    /** Create the issue for a record (it could not be created when the record was opened). */
    OPEN,
    /** Mark an issue as the record's: the record property and the remote link to the host. */
    LINK,
    /** Add one evidence event as a comment. */
    COMMENT,
    /** Move the issue to the status that mirrors the record's state. */
    TRANSITION,
    /** Add a comment that is not an evidence event (e.g. an approval that was refused). */
    NOTE
  }
}
