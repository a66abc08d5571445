/**
 * Access review campaigns ({@link dev.accessgov.review.Reviews}, obtained from {@link
 * dev.accessgov.AccessService#reviews()}): items built from what the identity providers say right
 * now, assigned to reviewers, decided, reminded and closed at a deadline by the rules of each risk
 * tier. Every decision that changes access is executed through the identity provider and lands as
 * evidence on the access record it concerns; access found without a record gets a record of its
 * own, so the evidence chain stays the durable truth. Inactivity reclaim lives in {@code
 * dev.accessgov.reclaim}, drift reconciliation in {@code dev.accessgov.reconcile}.
 */
@NullMarked
package dev.accessgov.review;

import org.jspecify.annotations.NullMarked;
