package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.okta.emulator.SpecValidator;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.IdentityProviderContract;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The identity-provider contract, against the Okta SDK talking to the emulator. */
class OktaIdentityProviderContractTest extends IdentityProviderContract {
  @RegisterExtension static final OktaEmulator okta = new OktaEmulator();

  private final OktaIdentityProvider provider;

  OktaIdentityProviderContractTest() {
    okta.reset()
        .user("00ubob0000000000001", "bob@example.com", Instant.parse("2026-01-02T08:00:00Z"))
        .group("00gempty00000000001");
    provider =
        OktaIdentityProvider.builder()
            .orgUrl(okta.orgUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .apiToken(() -> OktaEmulator.TOKEN)
            .pageSize(100)
            .client(c -> c.initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50)))
            // A bound only a hang reaches: a loaded machine may take seconds per page.
            .client(c -> c.totalTimeout(Duration.ofMinutes(2)))
            .client(c -> c.clock(TestClock.at("2026-01-05T09:00:00Z")))
            .build();
  }

  @AfterEach
  void everyRequestFollowsTheSpec() {
    provider.close();
    assertThat(SpecValidator.violations(okta.server().getAllServeEvents())).isEmpty();
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
    return "00gempty00000000001";
  }

  @Override
  protected String groupWithMembers(int count) {
    okta.group("00glarge00000000001");
    for (int i = 0; i < count; i++) {
      String id = String.format("00uuser%012d", i);
      okta.user(id, "user" + i + "@example.com", null).member("00glarge00000000001", id);
    }
    return "00glarge00000000001";
  }
}
