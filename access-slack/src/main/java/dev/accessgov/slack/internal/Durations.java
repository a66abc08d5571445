package dev.accessgov.slack.internal;

import java.time.Duration;

/** Durations as people read them: "8 hours", "3 days". Not API. */
public final class Durations {
  private Durations() {}

  /** {@code d} in the largest whole unit that divides it: days, hours or minutes. */
  public static String human(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return plural(d.toDays(), "day");
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return plural(d.toHours(), "hour");
    }
    if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return plural(d.toMinutes(), "minute");
    }
    return d.toString();
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
