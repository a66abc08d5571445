package dev.accessgov.reconcile;

import static java.util.Objects.requireNonNull;

/**
 * What {@link dev.accessgov.AccessService#reconcile(ReconcilePolicy)} does about drift. Whatever
 * the policy, every finding is recorded as {@code DRIFT_DETECTED} evidence, and a membership whose
 * grant has reached its end is always removed.
 *
 * @param onMissing what to do when an active record's membership is missing from the provider
 * @param onUnexplained what to do with a member no active record explains
 */
public record ReconcilePolicy(OnMissing onMissing, OnUnexplained onUnexplained) {

  /** What to do with a missing membership. */
  public enum OnMissing {
    /** Add it again through the identity provider (recorded as {@code PROVISIONED}). */
    REPROVISION,
    /** Record the finding only. */
    FLAG
  }

  /** What to do with an unexplained member. */
  public enum OnUnexplained {
    /**
     * Open a record for the access (state {@code ACTIVE}, due for review at once) and leave the
     * membership alone, so a review decides.
     */
    FLAG,
    /** Open a record for the access and remove the membership at once. */
    REMOVE
  }

  /** Checks both are present. */
  public ReconcilePolicy {
    requireNonNull(onMissing, "onMissing");
    requireNonNull(onUnexplained, "onUnexplained");
  }

  /** Re-provision missing memberships, flag unexplained ones: the default. */
  public static ReconcilePolicy defaults() {
    return new ReconcilePolicy(OnMissing.REPROVISION, OnUnexplained.FLAG);
  }

  /** This policy with {@code onMissing} replaced. */
  public ReconcilePolicy onMissing(OnMissing action) {
    return new ReconcilePolicy(action, onUnexplained);
  }

  /** This policy with {@code onUnexplained} replaced. */
  public ReconcilePolicy onUnexplained(OnUnexplained action) {
    return new ReconcilePolicy(onMissing, action);
  }
}
