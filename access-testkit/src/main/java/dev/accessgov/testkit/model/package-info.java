/**
 * A model-based, concurrent test of {@link dev.accessgov.AccessService}: random sequences of
 * grants, approvals, denials, extensions, revocations, sweeps, offboarding and clock moves, with
 * hostile values mixed in, run from several threads against a store, after which the invariants
 * that make the library worth using are checked. Stores subclass {@link
 * dev.accessgov.testkit.model.AccessServiceModelContract}.
 */
@NullMarked
package dev.accessgov.testkit.model;

import org.jspecify.annotations.NullMarked;
