package dev.accessgov.reconcile;

/** What {@link dev.accessgov.AccessService#reconcile} did about a {@link DriftFinding}. */
public enum DriftAction {
  /** The missing membership was added again through the identity provider. */
  REPROVISION,
  /** The finding was recorded as evidence; access was not changed. */
  FLAG,
  /** The membership was removed through the identity provider. */
  REMOVE,
  /**
   * A record opened for access found outside the library was closed, because that access is gone
   * from the identity provider.
   */
  CLOSE,
  /**
   * The same finding is already recorded and nothing changed since; nothing was written. The
   * finding's evidence hash is that of the earlier record.
   */
  ALREADY_FLAGGED
}
