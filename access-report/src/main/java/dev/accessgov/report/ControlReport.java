package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.report.control.CampaignEntry;
import dev.accessgov.report.control.ControlMapping;
import dev.accessgov.report.control.ControlSummary;
import dev.accessgov.report.control.DriftEntry;
import dev.accessgov.report.control.GrantEntry;
import dev.accessgov.report.control.LifecycleEntry;
import dev.accessgov.report.control.ReclaimEntry;
import dev.accessgov.report.control.ReconcileRun;
import dev.accessgov.report.control.RemovalEntry;
import dev.accessgov.report.control.Section;
import dev.accessgov.report.internal.CampaignEntries;
import dev.accessgov.report.internal.ControlJson;
import dev.accessgov.report.internal.ControlScan;
import dev.accessgov.report.internal.LifecycleScan;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to access in one period, arranged by the controls an auditor tests: SOC 2 CC6.1,
 * CC6.2 and CC6.3 by default, or any other framework through a {@link ControlMapping}.
 *
 * <p>Every entry comes from the evidence chain: an event inside the period puts its record in the
 * report, and each entry names the record so that its walkthrough and evidence pack can be pulled.
 * Its joiners, movers and leavers section groups the period's lifecycle events (onboarding,
 * transfer, offboarding) with the time from each lifecycle call to the identity providers' change;
 * {@link #lifecycleReport()} gives them by trigger with their lags.
 *
 * <pre>{@code
 * ControlReport q3 = ControlReport.of(access, Period.of(julyFirst, octoberFirst));
 * Files.writeString(Path.of("q3-controls.json"), q3.toJson());
 * }</pre>
 *
 * @param period the period covered
 * @param mapping the framework's controls and the sections that evidence each
 * @param grants requests made in the period, in chain order
 * @param removals access whose end was decided in the period, in chain order
 * @param campaigns review campaigns started or deciding in the period
 * @param reclaims access reclaimed for inactivity in the period
 * @param drift drift findings in the period
 * @param reconcileRuns reconcile runs that completed in the period, in chain order; none means
 *     reconcile did not run, so an empty {@code drift} then says nothing about drift
 * @param lifecycle the lifecycle events (joiners, movers, leavers) called in the period, in call
 *     order
 */
public record ControlReport(
    Period period,
    ControlMapping mapping,
    List<GrantEntry> grants,
    List<RemovalEntry> removals,
    List<CampaignEntry> campaigns,
    List<ReclaimEntry> reclaims,
    List<DriftEntry> drift,
    List<ReconcileRun> reconcileRuns,
    List<LifecycleEntry> lifecycle) {

  /** Checks the fields and copies the lists. */
  public ControlReport {
    requireNonNull(period, "period");
    requireNonNull(mapping, "mapping");
    grants = List.copyOf(requireNonNull(grants, "grants"));
    removals = List.copyOf(requireNonNull(removals, "removals"));
    campaigns = List.copyOf(requireNonNull(campaigns, "campaigns"));
    reclaims = List.copyOf(requireNonNull(reclaims, "reclaims"));
    drift = List.copyOf(requireNonNull(drift, "drift"));
    reconcileRuns = List.copyOf(requireNonNull(reconcileRuns, "reconcileRuns"));
    lifecycle = List.copyOf(requireNonNull(lifecycle, "lifecycle"));
  }

  /** A report without joiners, movers and leavers, as the first reports were made. */
  public ControlReport(
      Period period,
      ControlMapping mapping,
      List<GrantEntry> grants,
      List<RemovalEntry> removals,
      List<CampaignEntry> campaigns,
      List<ReclaimEntry> reclaims,
      List<DriftEntry> drift,
      List<ReconcileRun> reconcileRuns) {
    this(period, mapping, grants, removals, campaigns, reclaims, drift, reconcileRuns, List.of());
  }

  /** The report of {@code period}, arranged by SOC 2 ({@link ControlMapping#soc2()}). */
  public static ControlReport of(AccessService access, Period period) {
    return of(access, period, ControlMapping.soc2());
  }

  /**
   * The report of {@code period}, arranged by {@code mapping}. Reads the whole evidence chain once,
   * and each record with an event in the period once.
   */
  public static ControlReport of(AccessService access, Period period, ControlMapping mapping) {
    requireNonNull(access, "access");
    requireNonNull(period, "period");
    requireNonNull(mapping, "mapping");
    ControlScan scan = ControlScan.of(access, period);
    return new ControlReport(
        period,
        mapping,
        scan.grants,
        scan.removals,
        CampaignEntries.of(access, period, scan),
        scan.reclaims,
        scan.drift,
        scan.reconcileRuns,
        LifecycleScan.of(access, period));
  }

  /** How many entries {@code section} has. */
  public int size(Section section) {
    return switch (requireNonNull(section, "section")) {
      case GRANTS -> grants.size();
      case REMOVALS -> removals.size();
      case REVIEWS -> campaigns.size();
      case RECLAIMS -> reclaims.size();
      case DRIFT -> drift.size();
      case LIFECYCLE -> lifecycle.size();
    };
  }

  /**
   * The period's joiners, movers and leavers, grouped by trigger, with the time from each lifecycle
   * call to the identity providers' last confirmation (see {@link LifecycleReport}).
   */
  public LifecycleReport lifecycleReport() {
    return new LifecycleReport(period, lifecycle);
  }

  /**
   * The time from trigger to the provider's confirmation of the confirmed removals, per trigger
   * ({@code EXPIRED}, {@code REVOKED}, ...) in the order first seen, then {@code ALL}.
   */
  public Map<String, LagStats> removalLags() {
    Map<String, List<Duration>> lags = new LinkedHashMap<>();
    for (RemovalEntry r : removals) {
      List<Duration> ofTrigger = lags.computeIfAbsent(r.trigger(), t -> new ArrayList<>());
      if (r.lag() != null) {
        ofTrigger.add(r.lag());
      }
    }
    Map<String, LagStats> stats = new LinkedHashMap<>();
    lags.forEach((trigger, list) -> stats.put(trigger, LagStats.of(list)));
    stats.put(
        "ALL",
        LagStats.of(removals.stream().map(RemovalEntry::lag).filter(Objects::nonNull).toList()));
    return stats;
  }

  /** The headline figures. */
  public ControlSummary summary() {
    int approvedByPerson = 0;
    int automated = 0;
    int denied = 0;
    for (GrantEntry g : grants) {
      if (g.denial() != null) {
        denied++;
      } else if (g.automated()) {
        automated++;
      } else if (!g.approvals().isEmpty()) {
        approvedByPerson++;
      }
    }
    return new ControlSummary(
        grants.size(),
        approvedByPerson,
        automated,
        denied,
        removals.size(),
        (int) removals.stream().filter(r -> r.confirmedAt() == null).count(),
        removalLags(),
        campaigns.size(),
        campaigns.stream().mapToInt(c -> c.decisions().size()).sum(),
        reclaims.size(),
        drift.size(),
        reconcileRuns.size());
  }

  /**
   * The report as one JSON object (UTF-8). Field names are stable:
   *
   * <pre>{@code
   * {"provenance": {Provenance...} or null,
   *  "period": {"from": "...", "to": "..."},
   *  "framework": "SOC 2 (2017 TSC)",
   *  "controls": [{"id": "CC6.2", "title": "...", "sections": ["grants", "removals", "reclaims"]}],
   *  "summary": {"grants": 7, "approvedByPerson": 3, "automated": 4, "denied": 1, "removals": 3,
   *              "unconfirmedRemovals": 0, "removalLag": {"EXPIRED": {"count": 1, "median": "PT1H",
   *              "p95": "PT1H"}, "ALL": {...}}, "campaigns": 1, "reviewDecisions": 3,
   *              "reclaims": 1, "driftFindings": 1, "reconcileRuns": 2},
   *  "reconcileRuns": [ReconcileRun...],
   *  "sections": {"grants": [GrantEntry...], "removals": [...], "reviews": [...],
   *               "reclaims": [...], "drift": [...], "lifecycle": [LifecycleEntry...]},
   *  "lifecycleLags": {"ONBOARDING": {"count": 2, "median": "PT0S", "p95": "PT2H"}, ...,
   *                    "ALL": {...}}}
   * }</pre>
   *
   * A {@code reconcileRuns} of 0 means reconcile did not run in the period: an empty {@code drift}
   * section is then no evidence that there was no drift. Each entry has the fields of its record
   * type ({@link GrantEntry}, {@link RemovalEntry}, {@link CampaignEntry}, {@link ReclaimEntry},
   * {@link DriftEntry}, {@link ReconcileRun}, {@link LifecycleEntry}) under the same names, in
   * declaration order. Times are ISO-8601 instants in UTC, durations ISO-8601 ({@code PT1H30M});
   * absent values are {@code null}.
   */
  public String toJson() {
    return ControlJson.write(this, null);
  }

  /**
   * {@link #toJson()} with {@code provenance} in its first field, {@code provenance}: the fields of
   * {@link Provenance} under the same names. Without one that field is {@code null}.
   */
  public String toJson(Provenance provenance) {
    return ControlJson.write(this, requireNonNull(provenance, "provenance"));
  }

  /** Writes {@link #toJson()} to {@code out}, which is left open. */
  public void writeJson(OutputStream out) {
    ControlJson.write(this, null, requireNonNull(out, "out"));
  }

  /** Writes {@link #toJson(Provenance)} to {@code out}, which is left open. */
  public void writeJson(OutputStream out, Provenance provenance) {
    ControlJson.write(this, requireNonNull(provenance, "provenance"), requireNonNull(out, "out"));
  }
}
