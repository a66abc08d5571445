package dev.accessgov.record;

import java.util.Set;

/**
 * Where an {@link AccessRecord} stands. A record moves {@code PENDING_APPROVAL → PROVISIONING →
 * ACTIVE → DEPROVISIONING → REVOKED | EXPIRED}, or ends early in {@code DENIED} or {@code FAILED}.
 * {@code PROVISIONING} and {@code DEPROVISIONING} are written before the identity provider is
 * called, so a process that dies in between leaves a record that recovery can find and finish.
 */
public enum RecordState {
  /** Waiting for one or more approvals. */
  PENDING_APPROVAL,
  /** An approver refused; nothing was provisioned. Final. */
  DENIED,
  /** Approved; the identity provider is being (or is about to be) asked to add the membership. */
  PROVISIONING,
  /** The identity provider confirmed every membership of the role. */
  ACTIVE,
  /** Removal decided; the identity provider is being (or is about to be) asked to remove it. */
  DEPROVISIONING,
  /** Removed before its end by a person, a review or a reclaim. Final. */
  REVOKED,
  /** Removed because its time ran out. Final. */
  EXPIRED,
  /** The identity provider refused the change for good; nothing is left provisioned. Final. */
  FAILED;

  private static final Set<RecordState> FINAL = Set.of(DENIED, REVOKED, EXPIRED, FAILED);

  /** Whether no further transition can happen. */
  public boolean isFinal() {
    return FINAL.contains(this);
  }

  /**
   * Whether the record holds or awaits access ({@code PENDING_APPROVAL}, {@code PROVISIONING},
   * {@code ACTIVE}, {@code DEPROVISIONING}): a subject has at most one live record per role, and
   * separation-of-duties rules are checked against the roles of their live records.
   */
  public boolean isLive() {
    return !isFinal();
  }

  /** The live states, as {@link #isLive()} defines them, in declaration order. */
  public static RecordState[] live() {
    return java.util.Arrays.stream(values())
        .filter(RecordState::isLive)
        .toArray(RecordState[]::new);
  }

  /**
   * Whether an identity-provider change may be half done ({@code PROVISIONING} or {@code
   * DEPROVISIONING}).
   */
  public boolean isInFlight() {
    return this == PROVISIONING || this == DEPROVISIONING;
  }
}
