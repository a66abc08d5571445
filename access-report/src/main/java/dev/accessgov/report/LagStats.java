package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How long one step took across a set of grants. Percentiles use the nearest-rank method, so every
 * value reported is one that was observed.
 *
 * @param count how many grants were measured
 * @param median the 50th percentile, or null when nothing was measured
 * @param p95 the 95th percentile, or null when nothing was measured
 */
public record LagStats(int count, @Nullable Duration median, @Nullable Duration p95) {

  /** Checks that the percentiles are present exactly when something was measured. */
  public LagStats {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    if ((count == 0) != (median == null) || (count == 0) != (p95 == null)) {
      throw new IllegalArgumentException(
          "median and p95 must be given exactly when count > 0; count was " + count);
    }
  }

  /** The statistics of {@code lags}, in any order. */
  public static LagStats of(Collection<Duration> lags) {
    List<Duration> sorted = new ArrayList<>(requireNonNull(lags, "lags"));
    if (sorted.isEmpty()) {
      return new LagStats(0, null, null);
    }
    sorted.sort(null);
    return new LagStats(sorted.size(), rank(sorted, 50), rank(sorted, 95));
  }

  private static Duration rank(List<Duration> sorted, int percentile) {
    // Nearest rank: the smallest value with at least percentile% of the values at or below it.
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
