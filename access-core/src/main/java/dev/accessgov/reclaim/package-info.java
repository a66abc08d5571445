/**
 * Inactivity reclaim, run by {@link dev.accessgov.AccessService#reclaim}: the policy ({@link
 * dev.accessgov.reclaim.ReclaimPolicy}, with its thresholds per risk tier, grace period and {@link
 * dev.accessgov.reclaim.Exemption exemptions}) and what a run found and did ({@link
 * dev.accessgov.reclaim.ReclaimResult}). Grants unused past their threshold are given notice, then
 * removed through the identity provider with {@code RECLAIMED} evidence on their access record.
 */
@NullMarked
package dev.accessgov.reclaim;

import org.jspecify.annotations.NullMarked;
