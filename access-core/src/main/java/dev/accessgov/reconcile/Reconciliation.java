package dev.accessgov.reconcile;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What one {@link dev.accessgov.AccessService#reconcile(ReconcilePolicy)} run found and did.
 *
 * @param at when the run started
 * @param groupsChecked how many managed groups were listed
 * @param membersSeen how many memberships the providers listed
 * @param findings every finding, in the order they were handled
 */
public record Reconciliation(
    Instant at, int groupsChecked, long membersSeen, List<DriftFinding> findings) {

  /** Copies the lists. */
  public Reconciliation {
    requireNonNull(at, "at");
    findings = List.copyOf(findings);
  }

  /**
   * The findings that wrote evidence or changed access (all but {@link
   * DriftAction#ALREADY_FLAGGED}).
   */
  public List<DriftFinding> changes() {
    return findings.stream().filter(f -> f.action() != DriftAction.ALREADY_FLAGGED).toList();
  }

  /** The findings of one kind. */
  public List<DriftFinding> findings(DriftKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }

  @Override
  public String toString() {
    return "reconciled "
        + groupsChecked
        + " groups, "
        + membersSeen
        + " memberships: "
        + findings.size()
        + " findings, "
        + changes().size()
        + " changes";
  }
}
