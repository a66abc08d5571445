package dev.accessgov;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the service records whether time-bound access was used: when a grant with an end ends
 * (expiry, revoke, review, reclaim), it asks each identity provider of the role for the subject's
 * activity with the role's application from activation to the end, and records a {@code
 * USAGE_OBSERVED} event (see {@link dev.accessgov.evidence.EvidenceType#USAGE_OBSERVED}); a
 * provider without an {@linkplain dev.accessgov.spi.IdentityProvider#activityLog() activity log} is
 * recorded as not available. The question is asked after the removal is committed, and a failure to
 * answer it never undoes or holds up the removal.
 *
 * <p>On by default with {@link #defaults()}; other settings through {@link
 * AccessServiceBuilder#usageEvidence(UsageEvidence)}, off with {@link
 * AccessServiceBuilder#withoutUsageEvidence()}. A provider without an activity log is asked
 * nothing: one "not available" event per provider, and the removal is neither held up nor delayed.
 *
 * @param lookPast how long after the end to look for activity that should not be there; the expiry
 *     sweep ({@link AccessService#expireDue()}) asks once that much time has passed after the end,
 *     so the vendor's log has caught up. {@link Duration#ZERO} does not look past the end
 * @param retryAfter how long after a failed, retryable question the expiry sweep asks again
 * @param maxAttempts how many times one question is asked before "unavailable" stands, at least 1
 * @param maxEvents the most events read for one window; beyond it the count is a lower bound
 */
public record UsageEvidence(
    Duration lookPast, Duration retryAfter, int maxAttempts, int maxEvents) {

  /** Checks the durations are not negative and the counts positive. */
  public UsageEvidence {
    requireNonNull(lookPast, "lookPast");
    requireNonNull(retryAfter, "retryAfter");
    if (lookPast.isNegative() || retryAfter.isNegative()) {
      throw new AccessConfigurationException(
          "usage evidence durations must not be negative; lookPast was "
              + lookPast
              + ", retryAfter "
              + retryAfter);
    }
    if (maxAttempts < 1 || maxEvents < 1) {
      throw new AccessConfigurationException(
          "usage evidence needs maxAttempts and maxEvents of at least 1; were "
              + maxAttempts
              + " and "
              + maxEvents);
    }
  }

  /**
   * Looks 30 minutes past the end (vendors publish sign-ins within minutes), asks again 10 minutes
   * after a retryable failure, up to 3 times, and reads at most 10,000 events a window.
   */
  public static UsageEvidence defaults() {
    return new UsageEvidence(Duration.ofMinutes(30), Duration.ofMinutes(10), 3, 10_000);
  }

  /** These settings looking {@code lookPast} past the end instead. */
  public UsageEvidence lookingPast(Duration lookPast) {
    return new UsageEvidence(lookPast, retryAfter, maxAttempts, maxEvents);
  }
}
