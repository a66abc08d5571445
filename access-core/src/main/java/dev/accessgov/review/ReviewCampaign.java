package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a review campaign.
 *
 * @param id the campaign id
 * @param spec what it covers
 * @param status where it stands
 * @param startedAt when its items were built from live membership
 * @param deadline when undecided items are handled by the deadline rules (moved on escalation)
 * @param items how many items it has
 * @param decided how many are decided
 * @param closedAt when it closed, or null while it is not {@link CampaignStatus#CLOSED}
 */
public record ReviewCampaign(
    CampaignId id,
    CampaignSpec spec,
    CampaignStatus status,
    Instant startedAt,
    Instant deadline,
    int items,
    int decided,
    @Nullable Instant closedAt) {
  /** Checks required fields. */
  public ReviewCampaign {
    requireNonNull(id, "id");
    requireNonNull(spec, "spec");
    requireNonNull(status, "status");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(deadline, "deadline");
  }

  /** When reviewers may start deciding: the spec's start, or when the campaign was started. */
  public Instant opensAt() {
    return spec.start() != null ? spec.start() : startedAt;
  }

  /** This campaign with another status, deadline and closing time (counts unchanged). */
  public ReviewCampaign with(CampaignStatus status, Instant deadline, @Nullable Instant closedAt) {
    return new ReviewCampaign(id, spec, status, startedAt, deadline, items, decided, closedAt);
  }
}
