/**
 * The entries of a {@link dev.accessgov.report.ControlReport}: one type per section (grants,
 * removals, review campaigns, inactivity reclaims, drift findings), the reconcile runs that say
 * whether drift was looked for ({@link dev.accessgov.report.control.ReconcileRun}), and the {@link
 * dev.accessgov.report.control.ControlMapping} that files the sections under a framework's controls
 * (SOC 2 CC6.1–CC6.3 by default).
 */
@NullMarked
package dev.accessgov.report.control;

import org.jspecify.annotations.NullMarked;
