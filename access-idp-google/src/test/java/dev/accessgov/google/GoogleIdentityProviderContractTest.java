package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.google.emulator.DirectoryRequestValidator;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.IdentityProviderContract;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The identity-provider contract, against the Directory client talking to the emulator, with a real
 * service-account key signing its token requests to the emulated token endpoint.
 */
class GoogleIdentityProviderContractTest extends IdentityProviderContract {
  private static GoogleEmulator google;
  private static ServiceAccountKey key;

  private final GoogleIdentityProvider provider;

  @BeforeAll
  static void startEmulator() {
    google = new GoogleEmulator();
    key = new ServiceAccountKey(google.tokenUri());
    google.tokens().trust(key.publicKey());
  }

  @AfterAll
  static void stopEmulator() {
    google.close();
  }

  GoogleIdentityProviderContractTest() {
    google.reset().group("03empty0000001", "empty@example.com");
    google.user("bob@example.com", Instant.parse("2026-01-02T08:00:00Z"));
    provider =
        GoogleIdentityProvider.builder()
            .rootUrl(google.rootUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .serviceAccountKey(key::json)
            .delegatedAdmin("admin@example.com")
            .pageSize(100)
            .client(c -> c.initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50)))
            // A bound only a hang reaches: a loaded machine may take seconds per page.
            .client(c -> c.totalTimeout(Duration.ofMinutes(2)))
            .client(c -> c.clock(TestClock.at("2026-01-05T09:00:00Z")))
            .build();
  }

  @AfterEach
  void everyRequestIsAValidDirectoryCall() {
    assertThat(DirectoryRequestValidator.violations(google.server().getAllServeEvents())).isEmpty();
  }

  @Override
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected String knownUser() {
    return "bob@example.com";
  }

  @Override
  protected String emptyGroup() {
    // Named by e-mail, as a catalog may: the provider resolves it to the id.
    return "empty@example.com";
  }

  @Override
  protected String groupWithMembers(int count) {
    google.group("03large0000001", "large@example.com");
    for (int i = 0; i < count; i++) {
      google.member("03large0000001", google.user("user" + i + "@example.com", null));
    }
    return "03large0000001";
  }
}
