/**
 * An {@link dev.accessgov.spi.IdentityProvider} for Microsoft Entra ID, on the official Microsoft
 * Graph Java SDK, with bounded retries that honour Graph throttling, receipts that carry Graph's
 * {@code request-id}, and {@code $batch} for many membership changes at once.
 */
@NullMarked
package dev.accessgov.entra;

import org.jspecify.annotations.NullMarked;
