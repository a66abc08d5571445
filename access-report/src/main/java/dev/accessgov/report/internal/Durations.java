package dev.accessgov.report.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Durations as people read them: {@code 26d 18h}, {@code 1h 30m}, {@code 45s}. Not API. */
public final class Durations {
  private Durations() {}

  /** The two largest non-zero units of {@code d}, or an en dash when absent. */
  public static String human(@Nullable Duration d) {
    if (d == null) {
      return "–";
    }
    long s = d.getSeconds();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < sizes.length && shown < 2; i++) {
      long n = s / sizes[i];
      s %= sizes[i];
      if (n > 0 || (shown > 0)) {
        if (n > 0) {
          out.append(out.length() == 0 ? "" : " ").append(n).append(units[i]);
        }
        shown++;
      }
    }
    return out.length() == 0 ? "0s" : out.toString();
  }
}
