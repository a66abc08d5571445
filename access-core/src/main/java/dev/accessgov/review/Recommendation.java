package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

/**
 * What the campaign suggests for an item, and why: revoke when the membership is unexplained or the
 * subject has been inactive past the tier's threshold, keep otherwise.
 *
 * @param verdict the suggested answer
 * @param reason why, e.g. {@code no sign-in for 120 days (threshold 90 days for STANDARD)}
 */
public record Recommendation(Verdict verdict, String reason) {
  /** Checks both are present. */
  public Recommendation {
    requireNonNull(verdict, "verdict");
    requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return verdict + ": " + reason;
  }
}
