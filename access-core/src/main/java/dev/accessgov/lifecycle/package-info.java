/**
 * Joiners, movers and leavers: the lifecycle event that ties together the records one onboarding,
 * transfer or offboarding made ({@link dev.accessgov.lifecycle.LifecycleEvent}), and what a
 * lifecycle call returns.
 */
@NullMarked
package dev.accessgov.lifecycle;

import org.jspecify.annotations.NullMarked;
