package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One reconcile run that completed in the report's period, from its {@code RECONCILED} evidence
 * event. A period with none is a period in which reconcile did not run, whatever the drift section
 * holds: no finding there then means nothing was looked for, not that nothing was wrong.
 *
 * @param runId the run's id in the evidence chain ({@code rc-<uuid>})
 * @param at when the run completed
 * @param startedAt when it started, or null when the event does not say
 * @param groupsChecked how many managed groups it listed
 * @param membersSeen how many memberships the providers listed
 * @param findings how many findings it made, including those an earlier run had flagged
 * @param changes how many of them wrote evidence or changed access
 * @param seq the sequence number of its event in the chain
 */
public record ReconcileRun(
    String runId,
    Instant at,
    @Nullable Instant startedAt,
    long groupsChecked,
    long membersSeen,
    long findings,
    long changes,
    long seq) {

  /** Checks the required fields. */
  public ReconcileRun {
    requireNonNull(runId, "runId");
    requireNonNull(at, "at");
  }
}
