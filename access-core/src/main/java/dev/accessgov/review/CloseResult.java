package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** What {@link Reviews#close} did. */
public sealed interface CloseResult {

  /**
   * The campaign is closed; the report is final.
   *
   * @param report the report
   */
  record Closed(CampaignReport report) implements CloseResult {
    /** Checks the report is present. */
    public Closed {
      requireNonNull(report, "report");
    }
  }

  /**
   * The deadline escalated undecided items; the campaign stays open for them until {@code until},
   * when closing again revokes what is still undecided.
   *
   * @param escalated the escalated items, with their new reviewers
   * @param until the escalation deadline
   */
  record Escalated(List<ReviewItem> escalated, Instant until) implements CloseResult {
    /** Copies the list. */
    public Escalated {
      escalated = List.copyOf(escalated);
      requireNonNull(until, "until");
    }
  }
}
