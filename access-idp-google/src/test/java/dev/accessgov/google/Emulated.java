package dev.accessgov.google;

import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import java.time.Clock;
import java.time.Duration;

/**
 * A provider wired to the emulator with a throwaway key, short, test-sized backoffs, and timeouts
 * only a hang reaches: a loaded machine must not turn a healthy answer into a retry.
 */
final class Emulated {
  static final String ADMIN = "admin@example.com";

  private Emulated() {}

  static GoogleIdentityProviderBuilder provider(GoogleEmulator google, ServiceAccountKey key) {
    return GoogleIdentityProvider.builder()
        .rootUrl(google.rootUrl())
        .client(c -> c.allowInsecureHttpForTests(true))
        .serviceAccountKey(key::json)
        .delegatedAdmin(ADMIN)
        .client(
            c ->
                c.initialBackoff(Duration.ofMillis(10))
                    .maxBackoff(Duration.ofMillis(100))
                    .requestTimeout(Duration.ofMinutes(1))
                    .totalTimeout(Duration.ofMinutes(2)))
        .client(c -> c.clock(Clock.systemUTC()));
  }
}
