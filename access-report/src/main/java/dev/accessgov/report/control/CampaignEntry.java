package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A review campaign with decisions (or a start) in the report's period.
 *
 * <p>Decisions come from the evidence chain and are always complete. The campaign's name, size and
 * each reviewer's assignment come from the store's governance state, so any instance (and {@code
 * access-cli} on the store) reports them; for a campaign only the evidence knows (an imported
 * chain) they are null, and completion is unknown.
 *
 * @param campaignId the campaign's id
 * @param name its name, or null when not known here
 * @param startedAt when its items were built, or null when not known here
 * @param status e.g. {@code OPEN} or {@code CLOSED}, or null when not known here
 * @param items how many items it has, or null when not known here
 * @param kept items a reviewer kept
 * @param revoked items a reviewer revoked
 * @param keptWithException items kept at the deadline because nobody decided
 * @param revokedAtDeadline items revoked at the deadline because nobody decided
 * @param reviewers each reviewer's progress, by id
 * @param decisions every decision in the period, in chain order
 */
public record CampaignEntry(
    String campaignId,
    @Nullable String name,
    @Nullable Instant startedAt,
    @Nullable String status,
    @Nullable Integer items,
    int kept,
    int revoked,
    int keptWithException,
    int revokedAtDeadline,
    List<ReviewerProgress> reviewers,
    List<Decision> decisions) {

  /**
   * How far one reviewer got.
   *
   * @param reviewer the reviewer's id
   * @param assigned items they hold, or null when not known here
   * @param decided decisions they made
   */
  public record ReviewerProgress(String reviewer, @Nullable Integer assigned, int decided) {
    /** Checks the reviewer is present. */
    public ReviewerProgress {
      requireNonNull(reviewer, "reviewer");
    }

    /** Decided over assigned, from 0 to 1, or null when the assignment is not known. */
    public @Nullable Double completion() {
      if (assigned == null) {
        return null;
      }
      return assigned == 0 ? 1.0 : Math.min(1.0, (double) decided / assigned);
    }
  }

  /**
   * One decision on one item.
   *
   * @param recordId the record the decision was written to
   * @param person whose access was reviewed
   * @param role the role
   * @param verdict {@code KEEP} or {@code REVOKE}
   * @param by the reviewer's id, or {@code system:review-deadline} for a deadline rule
   * @param at when
   * @param comment the reviewer's comment or the deadline rule, or null
   * @param exception whether the access was kept only because nobody decided by the deadline
   * @param evidenceHash the hash of the evidence event that records the decision
   */
  public record Decision(
      String recordId,
      String person,
      String role,
      String verdict,
      String by,
      Instant at,
      @Nullable String comment,
      boolean exception,
      String evidenceHash) {
    /** Checks the required fields. */
    public Decision {
      requireNonNull(recordId, "recordId");
      requireNonNull(person, "person");
      requireNonNull(role, "role");
      requireNonNull(verdict, "verdict");
      requireNonNull(by, "by");
      requireNonNull(at, "at");
      requireNonNull(evidenceHash, "evidenceHash");
    }
  }

  /** Checks the required fields and copies the lists. */
  public CampaignEntry {
    requireNonNull(campaignId, "campaignId");
    reviewers = List.copyOf(requireNonNull(reviewers, "reviewers"));
    decisions = List.copyOf(requireNonNull(decisions, "decisions"));
  }
}
