/**
 * The Okta provider's machinery: HTTP transport, retries, rate-limit pacing, error translation and
 * the OAuth 2.0 service-app token exchange. Not API: anything here may change without notice.
 */
@NullMarked
package dev.accessgov.okta.internal;

import org.jspecify.annotations.NullMarked;
