package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;
import java.time.Instant;

/**
 * A decision on a review item, as it landed in the evidence chain.
 *
 * @param verdict keep or revoke
 * @param actor who decided: {@code person:<id>}, or {@code system:review-deadline} at the deadline
 * @param comment the reviewer's comment, or the deadline rule applied
 * @param at when
 * @param recordId the record the evidence was written to (opened for unexplained access)
 * @param evidenceHash the hash of the {@code REVIEW_KEPT} or {@code REVIEW_REVOKED} event
 * @param evidenceSeq that event's sequence number in the chain
 * @param exception whether the access was kept only because nobody decided by the deadline
 * @param moot whether the decision changed nothing because the membership had already vanished (a
 *     revocation of access that was gone is recorded, not executed)
 */
public record ReviewDecision(
    Verdict verdict,
    String actor,
    String comment,
    Instant at,
    RecordId recordId,
    String evidenceHash,
    long evidenceSeq,
    boolean exception,
    boolean moot) {
  /** Checks required fields. */
  public ReviewDecision {
    requireNonNull(verdict, "verdict");
    requireNonNull(actor, "actor");
    requireNonNull(comment, "comment");
    requireNonNull(at, "at");
    requireNonNull(recordId, "recordId");
    requireNonNull(evidenceHash, "evidenceHash");
  }

  /** Whether the deadline decided rather than a person. */
  public boolean atDeadline() {
    return !actor.startsWith("person:");
  }
}
