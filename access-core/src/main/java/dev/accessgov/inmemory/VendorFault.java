package dev.accessgov.inmemory;

import dev.accessgov.RateLimitedException;

/**
 * What an identity provider's vendor does to one request, as a test makes it misbehave: the
 * vocabulary of access-testkit's {@code IdentityProviderFaultContract}, which each provider's
 * emulator translates into the vendor's own answers, and which {@link
 * InMemoryIdentityProvider#vendorFaults} simulates. A provider treats each as the real providers
 * do: transient faults are retried within its retry settings, a rate limit is waited out when it
 * resets within the total time and fails at once as a {@link RateLimitedException} otherwise,
 * refused credentials are not retried.
 */
public enum VendorFault {
  /** A 503: the vendor could not serve the request. Retried. */
  SERVER_ERROR,
  /** The connection dropped before an answer. Retried. */
  CONNECTION_DROPPED,
  /** The answer was not valid JSON. Retried. */
  MALFORMED_BODY,
  /** The change was made but its answer never arrived. Retried: the retry finds it made. */
  LOST_ANSWER,
  /** A 429 that resets in one second, within any total time. Waited out. */
  RATE_LIMITED_BRIEFLY,
  /** A 429 that resets long after the total time. A {@link RateLimitedException} at once. */
  RATE_LIMITED_FOR_HOURS,
  /** A 401: the credentials were refused. Not retried. */
  UNAUTHORIZED
}
