/**
 * An {@link dev.accessgov.spi.IdentityProvider} for Okta, on the official Okta management SDK, with
 * bounded retries that honour Okta's rate limits and receipts that carry Okta's request ids.
 */
@NullMarked
package dev.accessgov.okta;

import org.jspecify.annotations.NullMarked;
