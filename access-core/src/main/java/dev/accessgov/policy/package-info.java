/**
 * Policies that govern a request: risk tiers and their defaults, approval steps, expiry windows,
 * separation-of-duties rules, and the decision a request stands at.
 */
@NullMarked
package dev.accessgov.policy;

import org.jspecify.annotations.NullMarked;
