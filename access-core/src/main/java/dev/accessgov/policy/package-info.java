/**
 * Policies that govern a request: risk tiers and their defaults, approval steps, expiry windows,
 * separation-of-duties rules, justification rules, and the decision a request stands at; and the
 * organisation's verified domains ({@link dev.accessgov.policy.VerifiedDomains}), the policy by
 * which reviews, reconcile and reports tell managed accounts from unmanaged ones.
 */
@NullMarked
package dev.accessgov.policy;

import org.jspecify.annotations.NullMarked;
