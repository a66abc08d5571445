package dev.accessgov.evidence;

/**
 * What an {@link EvidenceEvent} attests. Trigger events ({@link #APPROVED} completing the policy,
 * {@link #REVOKED}, {@link #EXPIRED}, {@link #REVIEW_REVOKED}, {@link #RECLAIMED}) are committed
 * together with the state change that records the intent; provider events ({@link #PROVISIONED},
 * {@link #DEPROVISIONED}, {@link #PROVISION_FAILED}, {@link #DEPROVISION_FAILED}) carry the
 * identity provider's answer.
 */
public enum EvidenceType {
  /** Someone asked for access; details hold the reason and requested duration. */
  REQUESTED,
  /** One approval step was satisfied (by a person, or automatically by policy). */
  APPROVED,
  /** An approver refused the request. */
  DENIED,
  /** The identity provider confirmed a membership (added or already present). */
  PROVISIONED,
  /** The identity provider refused or failed to add a membership. */
  PROVISION_FAILED,
  /** The end of time-bound access moved. */
  EXTENDED,
  /** A reviewer decided to keep the access. */
  REVIEW_KEPT,
  /** A reviewer decided to remove the access. */
  REVIEW_REVOKED,
  /** Access was removed for inactivity. */
  RECLAIMED,
  /** Time-bound access reached its end. */
  EXPIRED,
  /** A person revoked the access before its end. */
  REVOKED,
  /** The identity provider confirmed a membership is gone (removed, or already absent). */
  DEPROVISIONED,
  /** The identity provider refused or failed to remove a membership. */
  DEPROVISION_FAILED,
  /** The identity provider and the records disagree. */
  DRIFT_DETECTED,
  /** The record was linked to a ticket. */
  TICKET_LINKED,
  /** Work left in flight by a stopped process was picked up again. */
  RECOVERED,
  /**
   * A fact about the record that changes nothing, recorded so the chain shows it: for example a
   * ticket status moved by hand with no approval behind it.
   */
  NOTED,
  /**
   * A review campaign closed. Its record id is the campaign id; its details list every item with
   * its decision's record and evidence sequence number ({@code items}, one line per item: {@code
   * <n> <verdict> <record id> <seq>}) and their count, so an evidence pack of the campaign can be
   * checked for completeness against the signed chain.
   */
  CAMPAIGN_CLOSED,
  /**
   * A reconcile run completed, whether or not it found drift: one per run, after the run's own
   * findings, so a period without one is a period in which reconcile did not run. Its record id is
   * the run's own id ({@code rc-<uuid>}), not an access record; its details hold when the run
   * started and its counts ({@code startedAt}, {@code groupsChecked}, {@code membersSeen}, {@code
   * findings}, {@code changes}). A run that fails part-way writes none.
   */
  RECONCILED,
  /**
   * What the identity provider's activity log showed of a time-bound grant's use, recorded after
   * the grant ended (never before, and never holding up the removal). One per provider of the role
   * and {@linkplain EvidenceKeys#USAGE_PHASE phase}: {@code WINDOW} (from activation to the end)
   * and, when the service looks past the end, {@code AFTER_END}. Its details say what was found
   * ({@link EvidenceKeys#USAGE}, {@link EvidenceKeys#EVENT_COUNT}, {@link
   * EvidenceKeys#FIRST_EVENT_AT}, {@link EvidenceKeys#LAST_EVENT_AT}), where and how it was asked
   * ({@link EvidenceKeys#USAGE_SOURCE}, {@link EvidenceKeys#USAGE_QUERY}) and what deserves a
   * reviewer's look ({@link EvidenceKeys#USAGE_FLAG}).
   */
  USAGE_OBSERVED;

  /**
   * Whether this event decides that active access ends ({@link #REVOKED}, {@link #EXPIRED}, {@link
   * #REVIEW_REVOKED}, {@link #RECLAIMED}): the trigger a removal's walkthrough answer names.
   */
  public boolean removesAccess() {
    return this == REVOKED || this == EXPIRED || this == REVIEW_REVOKED || this == RECLAIMED;
  }
}
