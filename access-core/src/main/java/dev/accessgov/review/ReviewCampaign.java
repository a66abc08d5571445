package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A snapshot of a review campaign.
 *
 * @param id the campaign id, {@code rc-...}
 * @param spec what it covers
 * @param status where it stands
 * @param startedAt when its items were built from live membership
 * @param deadline when undecided items are handled by the deadline rules (moved on escalation)
 * @param items how many items it has
 * @param decided how many are decided
 */
public record ReviewCampaign(
    String id,
    CampaignSpec spec,
    CampaignStatus status,
    Instant startedAt,
    Instant deadline,
    int items,
    int decided) {
  /** Checks required fields. */
  public ReviewCampaign {
    requireNonNull(id, "id");
    requireNonNull(spec, "spec");
    requireNonNull(status, "status");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(deadline, "deadline");
  }
}
