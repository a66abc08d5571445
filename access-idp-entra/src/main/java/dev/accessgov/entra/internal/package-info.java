/**
 * The Entra provider's machinery: HTTP transport under the Graph SDK, retries, throttling, error
 * translation, credentials, group checks and {@code $batch}. Not API: anything here may change
 * without notice.
 */
@NullMarked
package dev.accessgov.entra.internal;

import org.jspecify.annotations.NullMarked;
