package dev.accessgov.jira.internal;

import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The text of the select-list options a JSM request type offers for the catalog, and the way back
 * from an option's value to the catalog: applications by id, roles as {@code "app / role"},
 * durations as {@code "8 hours"}, {@code "1 day"}. The intake and the options helper use this one
 * class, so the portal offers exactly what the intake understands. Not API.
 */
public final class CatalogOptions {
  private static final Pattern SPOKEN =
      Pattern.compile("(\\d{1,6})\\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?)");

  private CatalogOptions() {}

  /** The option value naming a role: {@code "<application> / <role>"}. */
  public static String roleLabel(Role role) {
    String id = role.id().value();
    String prefix = role.applicationId() + "/";
    String local =
        id.startsWith(prefix) && id.length() > prefix.length() ? id.substring(prefix.length()) : id;
    return role.applicationId() + " / " + local;
  }

  /**
   * The role an option value names: its {@link #roleLabel} or its role id, compared ignoring case
   * and the spaces around the slash; empty when it names none.
   */
  public static Optional<Role> role(Catalog catalog, String value) {
    String wanted = squeeze(value);
    for (Role r : catalog.roles()) {
      if (squeeze(roleLabel(r)).equals(wanted) || squeeze(r.id().value()).equals(wanted)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The application an option value names (its id or its name, ignoring case), if any. */
  public static Optional<Application> application(Catalog catalog, String value) {
    String wanted = value.strip();
    for (Application a : catalog.applications()) {
      if (a.id().equalsIgnoreCase(wanted) || a.name().equalsIgnoreCase(wanted)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Every role label, in catalog order. */
  public static List<String> roleLabels(Catalog catalog) {
    return catalog.roles().stream().map(CatalogOptions::roleLabel).toList();
  }

  /** The durations offered for a role: the ladder within its window, plus its default. */
  public static List<Duration> durations(Role role) {
    return role.expiryPolicy().offeredDurations();
  }

  /** Every duration some role offers, shortest first. */
  public static List<Duration> durations(Catalog catalog) {
    TreeSet<Duration> out = new TreeSet<>();
    catalog.roles().forEach(r -> out.addAll(durations(r)));
    return List.copyOf(out);
  }

  /** A duration as an option shows it: {@code "1 hour"}, {@code "8 hours"}, {@code "7 days"}. */
  public static String durationLabel(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return plural(d.toDays(), "day");
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return plural(d.toHours(), "hour");
    }
    return plural(Math.max(1, d.toMinutes()), "minute");
  }

  /**
   * The duration an option or text names: {@code "8 hours"}, {@code "8h"}, {@code "1 day"}, {@code
   * "2 weeks"}, or ISO-8601 such as {@code PT8H} / {@code P7D}; null when it names none.
   */
  public static @Nullable Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SPOKEN.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2);
      Duration d =
          unit.startsWith("m")
              ? Duration.ofMinutes(n)
              : unit.startsWith("h")
                  ? Duration.ofHours(n)
                  : unit.startsWith("d") ? Duration.ofDays(n) : Duration.ofDays(7 * n);
      return d.isZero() ? null : d;
    }
    if (t.startsWith("p")) {
      try {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        return d.isZero() || d.isNegative() ? null : d;
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** The labels of {@code durations}. */
  public static List<String> durationLabels(List<Duration> durations) {
    List<String> out = new ArrayList<>();
    durations.forEach(d -> out.add(durationLabel(d)));
    return out;
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static String squeeze(String s) {
    return s.strip().replaceAll("\\s*/\\s*", "/").toLowerCase(Locale.ROOT);
  }
}
