/**
 * Drift reconciliation, run by {@link dev.accessgov.AccessService#reconcile}: the policy ({@link
 * dev.accessgov.reconcile.ReconcilePolicy}) and what a run found and did ({@link
 * dev.accessgov.reconcile.Reconciliation}, one {@link dev.accessgov.reconcile.DriftFinding} per
 * difference between the active access records and the identity providers' actual membership).
 * Every finding is {@code DRIFT_DETECTED} evidence; access found without a record gets a record of
 * its own.
 */
@NullMarked
package dev.accessgov.reconcile;

import org.jspecify.annotations.NullMarked;
