package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import dev.accessgov.report.LagStats;
import java.util.Map;

/**
 * The headline figures of a {@link dev.accessgov.report.ControlReport}, the first thing a reader
 * sees.
 *
 * @param grants requests made in the period
 * @param approvedByPerson of those, approved with at least one person's approval
 * @param automated of those, approved by policy alone
 * @param denied of those, refused
 * @param removals access whose end was decided in the period
 * @param unconfirmedRemovals of those, not yet confirmed by the identity provider
 * @param removalLag time from trigger to confirmation per trigger, then {@code ALL}
 * @param campaigns review campaigns started or deciding in the period
 * @param reviewDecisions review decisions in the period
 * @param reclaims inactivity reclaims in the period
 * @param driftFindings drift findings in the period
 * @param reconcileRuns reconcile runs completed in the period; 0 means drift was not looked for
 */
public record ControlSummary(
    int grants,
    int approvedByPerson,
    int automated,
    int denied,
    int removals,
    int unconfirmedRemovals,
    Map<String, LagStats> removalLag,
    int campaigns,
    int reviewDecisions,
    int reclaims,
    int driftFindings,
    int reconcileRuns) {

  /** Copies the map, keeping its order. */
  public ControlSummary {
    removalLag =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(requireNonNull(removalLag, "removalLag")));
  }
}
