package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import java.time.Instant;
import java.util.List;

/**
 * The final account of a closed campaign: counts, each reviewer's completion, and every decision
 * with the hash of the evidence event that records it.
 *
 * @param campaignId the campaign
 * @param name its name
 * @param startedAt when its items were built
 * @param closedAt when it closed
 * @param items how many items it had
 * @param kept kept by a reviewer
 * @param revoked revoked by a reviewer
 * @param keptWithException kept at the deadline without a decision
 * @param revokedAtDeadline revoked at the deadline without a decision
 * @param unexplained items for access no request explained
 * @param reviewers each reviewer's completion, by name
 * @param decisions every item, decided, in item order
 */
public record CampaignReport(
    CampaignId campaignId,
    String name,
    Instant startedAt,
    Instant closedAt,
    int items,
    int kept,
    int revoked,
    int keptWithException,
    int revokedAtDeadline,
    int unexplained,
    List<ReviewerProgress> reviewers,
    List<ReviewItem> decisions) {

  /**
   * How far one reviewer got.
   *
   * @param reviewer the reviewer (items count for whoever held them at the deadline)
   * @param assigned items they held
   * @param decided items they decided themselves
   */
  public record ReviewerProgress(PersonId reviewer, int assigned, int decided) {
    /** Checks the reviewer is present. */
    public ReviewerProgress {
      requireNonNull(reviewer, "reviewer");
    }

    /** Decided over assigned, from 0 to 1. */
    public double completion() {
      return assigned == 0 ? 1 : (double) decided / assigned;
    }
  }

  /** Copies the lists. */
  public CampaignReport {
    requireNonNull(campaignId, "campaignId");
    requireNonNull(name, "name");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(closedAt, "closedAt");
    reviewers = List.copyOf(reviewers);
    decisions = List.copyOf(decisions);
  }

  /** A plain-text report: counts, completion per reviewer, then one line per decision. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append("campaign ").append(name).append(" (").append(campaignId).append(")\n");
    s.append("  started ").append(startedAt).append(", closed ").append(closedAt).append('\n');
    s.append(
        String.format(
            "  %d items: %d kept, %d revoked, %d kept with exception, %d revoked at deadline,"
                + " %d unexplained%n",
            items, kept, revoked, keptWithException, revokedAtDeadline, unexplained));
    for (ReviewerProgress p : reviewers) {
      s.append(
          String.format(
              "  reviewer %-10s %d/%d decided (%.0f%%)%n",
              p.reviewer(), p.decided(), p.assigned(), 100 * p.completion()));
    }
    for (ReviewItem i : decisions) {
      ReviewDecision d = requireNonNull(i.decision(), "decision");
      s.append(
          String.format(
              "  %s %s %s %s by %s: \"%s\" → %s evidence %s%n",
              i.id().number(),
              i.subject(),
              i.roleId(),
              d.verdict() + (d.exception() ? " (exception)" : ""),
              d.actor(),
              d.comment(),
              d.recordId(),
              d.evidenceHash().substring(0, 16)));
    }
    return s.toString();
  }
}
