/**
 * An {@link dev.accessgov.spi.IdentityProvider} for Google Workspace, on the Admin SDK Directory
 * API client, authenticated as a service account with domain-wide delegation, with bounded retries
 * for Google's quota errors.
 */
@NullMarked
package dev.accessgov.google;

import org.jspecify.annotations.NullMarked;
