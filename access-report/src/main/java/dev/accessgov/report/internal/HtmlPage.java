package dev.accessgov.report.internal;

import dev.accessgov.report.AccessReport;
import dev.accessgov.report.ApplicationMetrics;
import dev.accessgov.report.ControlReport;
import dev.accessgov.report.LagStats;
import dev.accessgov.report.OperationalMetrics;
import dev.accessgov.report.Provenance;
import dev.accessgov.report.Retrospective;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the HTML template renders: the reports and the charts laid out from them, plus the
 * formatting the template calls. Not API.
 *
 * @param title the page's heading
 * @param generatedAt when the page was made
 * @param provenance the evidence behind the page, or null when none was given
 * @param access the access report, or null to leave it out
 * @param control the control report, or null to leave it out
 * @param metrics the operational metrics, or null to leave them out
 * @param retrospective the look back at a period, or null to leave it out
 * @param charts the lag charts, in page order
 * @param hours the chart of granted hours by role, or null without a retrospective
 */
public record HtmlPage(
    String title,
    Instant generatedAt,
    @Nullable Provenance provenance,
    @Nullable AccessReport access,
    @Nullable ControlReport control,
    @Nullable OperationalMetrics metrics,
    @Nullable Retrospective retrospective,
    List<LagChart> charts,
    @Nullable HoursChart hours) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Lays out the charts of the given reports. */
  public static HtmlPage of(
      String title,
      Instant generatedAt,
      @Nullable Provenance provenance,
      @Nullable AccessReport access,
      @Nullable ControlReport control,
      @Nullable OperationalMetrics metrics,
      @Nullable Retrospective retrospective) {
    List<LagChart> charts = new ArrayList<>();
    if (control != null && !control.removals().isEmpty()) {
      charts.add(LagChart.of("Removal: trigger to IdP confirmation", control.removalLags()));
    }
    if (control != null && !control.lifecycle().isEmpty()) {
      charts.add(
          LagChart.of(
              "Joiners, movers, leavers: call to IdP confirmation",
              control.lifecycleReport().lags()));
    }
    if (metrics != null) {
      charts.add(
          LagChart.of("Approval lag by application", by(metrics, ApplicationMetrics::approval)));
      charts.add(
          LagChart.of(
              "Provisioning lag by application", by(metrics, ApplicationMetrics::provisioning)));
      charts.add(
          LagChart.of("Removal lag by application", by(metrics, ApplicationMetrics::removal)));
    }
    HoursChart hours = null;
    if (retrospective != null) {
      Map<String, LagStats> byApprover = new LinkedHashMap<>();
      retrospective.lagByApprover().forEach(g -> byApprover.put(g.group(), g.lag()));
      charts.add(LagChart.of("Approval lag by approver", byApprover));
      Map<String, LagStats> byTeam = new LinkedHashMap<>();
      retrospective.lagByTeam().forEach(g -> byTeam.put(g.group(), g.lag()));
      charts.add(LagChart.of("Approval lag by team", byTeam));
      hours = HoursChart.of(retrospective.roles());
      if (hours.bars().isEmpty()) {
        hours = null;
      }
    }
    charts.removeIf(c -> c.bars().isEmpty());
    return new HtmlPage(
        title,
        generatedAt,
        provenance,
        access,
        control,
        metrics,
        retrospective,
        List.copyOf(charts),
        hours);
  }

  private static Map<String, LagStats> by(
      OperationalMetrics metrics, Function<ApplicationMetrics, LagStats> lag) {
    Map<String, LagStats> stats = new LinkedHashMap<>();
    metrics.applications().forEach(a -> stats.put(a.application(), lag.apply(a)));
    return stats;
  }

  /** An instant as {@code 2026-01-05 09:00 UTC}, or an en dash. */
  public static String time(@Nullable Instant instant) {
    return instant == null ? "–" : TIME.format(instant);
  }

  /** An instant to the millisecond in ISO-8601, or {@code none}. */
  public static String exact(@Nullable Instant instant) {
    return instant == null ? "none" : instant.toString();
  }

  /** A text, or an en dash when absent. */
  public static String text(@Nullable String value) {
    return value == null ? "–" : value;
  }

  /** A duration as people read it, or an en dash. */
  public static String human(@Nullable Duration duration) {
    return Durations.human(duration);
  }

  /** A share from 0 to 1 as a whole percentage, or an en dash. */
  public static String percent(@Nullable Double share) {
    return share == null ? "–" : Math.round(share * 100) + " %";
  }

  /** A number to two decimals ({@code 0.25}, {@code 14}), or an en dash. */
  public static String ratio(@Nullable Double value) {
    if (value == null) {
      return "–";
    }
    return java.math.BigDecimal.valueOf(value)
        .setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A count with its noun, plural unless one: {@code 1 time}, {@code 3 times}. */
  public static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** A list joined with commas, or an en dash when empty. */
  public static String list(List<String> values) {
    return values.isEmpty() ? "–" : String.join(", ", values);
  }
}
