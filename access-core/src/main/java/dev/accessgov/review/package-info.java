/**
 * Governance that starts from what the identity providers say right now: access review campaigns
 * ({@link dev.accessgov.review.Reviews}, obtained from {@link
 * dev.accessgov.AccessService#reviews()}), inactivity reclaim ({@link
 * dev.accessgov.review.ReclaimPolicy}) and drift reconciliation ({@link
 * dev.accessgov.review.ReconcilePolicy}). Every decision that changes access is executed through
 * the identity provider and lands as evidence on the access record it concerns; access found
 * without a record gets a record of its own, so the evidence chain stays the durable truth.
 */
@NullMarked
package dev.accessgov.review;

import org.jspecify.annotations.NullMarked;
