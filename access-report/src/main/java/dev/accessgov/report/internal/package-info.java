/**
 * Implementation of the report module: writers and helpers. Not API: anything here may change
 * without notice.
 */
@NullMarked
package dev.accessgov.report.internal;

import org.jspecify.annotations.NullMarked;
