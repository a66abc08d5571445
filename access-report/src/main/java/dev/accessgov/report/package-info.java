/**
 * Evidence an auditor reads: the {@link dev.accessgov.report.AccessReport} of who holds which
 * access at a moment and why, written as JSON or CSV, and the {@link
 * dev.accessgov.report.EvidencePack} of one grant that an auditor verifies offline.
 */
@NullMarked
package dev.accessgov.report;

import org.jspecify.annotations.NullMarked;
