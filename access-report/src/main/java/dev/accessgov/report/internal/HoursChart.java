package dev.accessgov.report.internal;

import dev.accessgov.report.ResourceUse;
import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart of granted hours by role, laid out here so the template only places
 * numbers: one row per role, scaled to the largest, hinted roles marked. Not API.
 *
 * @param bars one per role with granted time, top to bottom
 */
public record HoursChart(List<Bar> bars) {
  /** The width of the label column, in pixels. */
  public static final int LABEL_WIDTH = 200;

  /** The width of the longest bar, in pixels. */
  public static final int BAR_WIDTH = 360;

  /** The width of the whole chart, in pixels. */
  public static final int WIDTH = LABEL_WIDTH + BAR_WIDTH + 240;

  private static final int ROW = 24;

  /**
   * One role's bar.
   *
   * @param label the role id
   * @param y the top of the row
   * @param width the bar's width
   * @param hinted whether the role got a hint
   * @param text the figures in words, e.g. {@code 12 h in 3 requests}
   */
  public record Bar(String label, int y, int width, boolean hinted, String text) {
    /** The bar's style class: {@code hinted} or {@code hours}. */
    public String css() {
      return hinted ? "hinted" : "hours";
    }
  }

  /** Copies the list. */
  public HoursChart {
    bars = List.copyOf(bars);
  }

  /** The chart of {@code uses}, in their order, leaving out those with no granted time. */
  public static HoursChart of(List<ResourceUse> uses) {
    long max = 1;
    for (ResourceUse u : uses) {
      max = Math.max(max, u.granted().toSeconds());
    }
    List<Bar> bars = new ArrayList<>();
    for (ResourceUse u : uses) {
      long seconds = u.granted().toSeconds();
      if (seconds == 0) {
        continue;
      }
      String text =
          Math.round(u.grantedHours() * 10) / 10.0
              + " h in "
              + u.requests()
              + (u.requests() == 1 ? " request" : " requests");
      int width = Math.max(2, (int) Math.round((double) seconds / max * BAR_WIDTH));
      bars.add(new Bar(u.resource(), bars.size() * ROW, width, u.hint() != null, text));
    }
    return new HoursChart(bars);
  }

  /** The chart's height in pixels. */
  public int height() {
    return Math.max(ROW, bars.size() * ROW);
  }
}
