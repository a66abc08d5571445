package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How much time-bound (just-in-time) access one role or application was given in a period.
 *
 * @param resource the role id (e.g. {@code github/admin}) or application id (e.g. {@code github})
 * @param requests how many time-bound requests for it were made in the period, in any state
 * @param grants how many of them became active
 * @param granted the total time those grants were active: from activation to the end (expiry,
 *     revocation or review), or to their current end while still active
 * @param hint what a reviewer should consider, or null when the requests stay below the report's
 *     threshold
 */
public record ResourceUse(
    String resource, int requests, int grants, Duration granted, @Nullable String hint) {

  /** The hint given to a resource requested at least the threshold number of times. */
  public static final String FREQUENT =
      "requested often: consider standing access or a smaller role";

  /** Checks the fields. */
  public ResourceUse {
    requireNonNull(resource, "resource");
    requireNonNull(granted, "granted");
    if (requests < 0 || grants < 0 || grants > requests) {
      throw new IllegalArgumentException(
          "need 0 <= grants <= requests, were " + grants + " and " + requests);
    }
  }

  /** {@link #granted()} in hours, as a decimal number. */
  public double grantedHours() {
    return granted.toSeconds() / 3600.0;
  }
}
