package dev.accessgov.report.internal;

import dev.accessgov.report.LagStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A horizontal bar chart of lags, laid out here so the template only places numbers: one row per
 * label with its 95th percentile and median bars, scaled to the largest p95. Not API.
 *
 * @param title what the chart shows
 * @param bars one per label, top to bottom
 */
public record LagChart(String title, List<Bar> bars) {
  /** The width of the label column, in pixels. */
  public static final int LABEL_WIDTH = 200;

  /** The width of the longest bar, in pixels. */
  public static final int BAR_WIDTH = 360;

  /** The width of the whole chart, in pixels. */
  public static final int WIDTH = LABEL_WIDTH + BAR_WIDTH + 240;

  private static final int ROW = 30;

  /**
   * One label's bars.
   *
   * @param label e.g. an application or a removal trigger
   * @param y the top of the row
   * @param medianWidth the median bar's width
   * @param p95Width the p95 bar's width
   * @param text the figures in words, e.g. {@code median 1h · p95 2h (n=3)}
   */
  public record Bar(String label, int y, int medianWidth, int p95Width, String text) {}

  /** Copies the list. */
  public LagChart {
    bars = List.copyOf(bars);
  }

  /** A chart of {@code stats} by label, leaving out labels with nothing measured. */
  public static LagChart of(String title, Map<String, LagStats> stats) {
    long max = 1;
    for (LagStats s : stats.values()) {
      if (s.p95() != null) {
        max = Math.max(max, s.p95().getSeconds());
      }
    }
    List<Bar> bars = new ArrayList<>();
    for (Map.Entry<String, LagStats> e : stats.entrySet()) {
      LagStats s = e.getValue();
      Duration median = s.median();
      Duration p95 = s.p95();
      if (median == null || p95 == null) {
        continue; // nothing measured: LagStats has both exactly when count > 0
      }
      String text =
          "median "
              + Durations.human(median)
              + " · p95 "
              + Durations.human(p95)
              + " (n="
              + s.count()
              + ")";
      bars.add(new Bar(e.getKey(), bars.size() * ROW, width(median, max), width(p95, max), text));
    }
    return new LagChart(title, bars);
  }

  /** The chart's height in pixels. */
  public int height() {
    return Math.max(ROW, bars.size() * ROW);
  }

  private static int width(Duration d, long max) {
    // A zero lag still shows a sliver, so the row does not look like missing data.
    return Math.max(2, (int) Math.round((double) d.getSeconds() / max * BAR_WIDTH));
  }
}
