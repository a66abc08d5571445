package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.report.control.LifecycleEntry;
import dev.accessgov.report.internal.Json;
import dev.accessgov.report.internal.LifecycleScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The joiners, movers and leavers of one period, beside the {@link ControlReport} of the same
 * period: each lifecycle event (onboarding, transfer, offboarding) with the records it made or
 * ended and the time from the lifecycle call to the identity providers' confirmation of its last
 * change. Auditors sample a quarter's joiners and leavers from here and check that access followed
 * the HR event promptly.
 *
 * <p>Every entry comes from the evidence chain: an event inside the period that names a lifecycle
 * event ({@link dev.accessgov.evidence.EvidenceKeys#LIFECYCLE_EVENT}) puts that lifecycle event in
 * the report.
 *
 * <pre>{@code
 * LifecycleReport q3 = LifecycleReport.of(access, Period.of(julyFirst, octoberFirst));
 * q3.lags().get("ONBOARDING").p95();
 * }</pre>
 *
 * @param period the period covered
 * @param events the lifecycle events, in the order their first event appears in the chain
 */
public record LifecycleReport(Period period, List<LifecycleEntry> events) {

  /** Checks the fields and copies the list. */
  public LifecycleReport {
    requireNonNull(period, "period");
    events = List.copyOf(requireNonNull(events, "events"));
  }

  /** The report of {@code period}. Reads the evidence chain once, and each record named once. */
  public static LifecycleReport of(AccessService access, Period period) {
    requireNonNull(access, "access");
    requireNonNull(period, "period");
    return new LifecycleReport(period, LifecycleScan.of(access, period));
  }

  /** The onboarding events. */
  public List<LifecycleEntry> joiners() {
    return of(LifecycleTrigger.ONBOARDING);
  }

  /** The transfer events. */
  public List<LifecycleEntry> movers() {
    return of(LifecycleTrigger.TRANSFER);
  }

  /** The offboarding events. */
  public List<LifecycleEntry> leavers() {
    return of(LifecycleTrigger.OFFBOARDING);
  }

  private List<LifecycleEntry> of(LifecycleTrigger trigger) {
    return events.stream().filter(e -> e.trigger().equals(trigger.name())).toList();
  }

  /**
   * The time from the lifecycle call to the identity providers' last confirmation, over the events
   * that completed, per trigger ({@code ONBOARDING}, {@code TRANSFER}, {@code OFFBOARDING}, each
   * present), then {@code ALL}.
   */
  public Map<String, LagStats> lags() {
    Map<String, LagStats> stats = new LinkedHashMap<>();
    for (LifecycleTrigger t : LifecycleTrigger.values()) {
      stats.put(t.name(), LagStats.of(lagsOf(of(t))));
    }
    stats.put("ALL", LagStats.of(lagsOf(events)));
    return stats;
  }

  private static List<Duration> lagsOf(List<LifecycleEntry> entries) {
    return new ArrayList<>(
        entries.stream().map(LifecycleEntry::lag).filter(Objects::nonNull).toList());
  }

  /**
   * The report as one JSON object (UTF-8), with stable field names:
   *
   * <pre>{@code
   * {"provenance": null,
   *  "period": {"from": "...", "to": "..."},
   *  "lags": {"ONBOARDING": {"count": 2, "median": "PT0S", "p95": "PT2H"}, ..., "ALL": {...}},
   *  "events": [LifecycleEntry...]}
   * }</pre>
   *
   * Each event has the fields of {@link LifecycleEntry} under the same names. Times are ISO-8601
   * instants in UTC, durations ISO-8601; absent values are {@code null}.
   */
  public String toJson() {
    var root = Json.root(null);
    var p = root.putObject("period");
    p.put("from", period.from().toString());
    p.put("to", period.to().toString());
    root.set("lags", Json.MAPPER.valueToTree(lags()));
    root.set("events", Json.MAPPER.valueToTree(events));
    return Json.text(root);
  }
}
