package dev.accessgov.reconcile;

/** How the identity provider and the records disagree about one membership. */
public enum DriftKind {
  /**
   * An active record says the subject is a member, but the identity provider does not list them.
   */
  MISSING,
  /**
   * The identity provider lists a member of a managed group that no active record explains: access
   * granted outside the library.
   */
  UNEXPLAINED,
  /** The membership is still present although the grant that explained it has reached its end. */
  EXPIRED_PRESENT
}
