package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.IdentityProviderContract;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The identity-provider contract, against the Graph SDK talking to the emulator. */
class EntraIdentityProviderContractTest extends IdentityProviderContract {
  private static final String LARGE = "11111111-0000-4000-8000-00000000large";

  @RegisterExtension static final GraphEmulator graph = new GraphEmulator();

  private final EntraIdentityProvider provider;

  EntraIdentityProviderContractTest() {
    graph
        .reset()
        .user(
            "b0b00000-0000-4000-8000-000000000001",
            "bob@contoso.example",
            Instant.parse("2026-01-02T08:00:00Z"))
        .group("e0000000-0000-4000-8000-000000000001");
    provider =
        EntraIdentityProvider.builder()
            .graphBaseUrl(graph.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .pageSize(100)
            .client(c -> c.initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50)))
            // A bound only a hang reaches: a loaded machine may take seconds per page.
            .client(c -> c.totalTimeout(Duration.ofMinutes(2)))
            .client(c -> c.clock(TestClock.at("2026-01-05T09:00:00Z")))
            .build();
  }

  @AfterEach
  void everyRequestFollowsTheRules() {
    provider.close();
    assertThat(GraphRequestRules.violations(graph.server().getAllServeEvents())).isEmpty();
  }

  @Override
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected String knownUser() {
    return "bob@contoso.example";
  }

  @Override
  protected String emptyGroup() {
    return "e0000000-0000-4000-8000-000000000001";
  }

  @Override
  protected String groupWithMembers(int count) {
    graph.group(LARGE);
    for (int i = 0; i < count; i++) {
      String id = String.format("a0000000-0000-4000-8000-%012d", i);
      graph.user(id, "user" + i + "@contoso.example", null).member(LARGE, id);
    }
    return LARGE;
  }
}
