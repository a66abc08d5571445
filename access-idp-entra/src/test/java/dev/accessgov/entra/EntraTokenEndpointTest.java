package dev.accessgov.entra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.ProviderException;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.TokenEndpointEmulator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client-secret credential against an emulated token endpoint. */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EntraTokenEndpointTest {
  private static final String TENANT = "72f988bf-0000-4000-8000-0000000token";

  private static GraphEmulator graph;
  private static TokenEndpointEmulator login;

  @BeforeAll
  static void start() {
    graph = new GraphEmulator();
    login = new TokenEndpointEmulator(TENANT);
  }

  @AfterAll
  static void stop() {
    login.close();
    graph.close();
  }

  @Test
  @DisplayName("a failing token endpoint is not asked again by azure-core's retries, only by ours")
  void oneTokenRequestPerAttempt() {
    // Our retries and total time govern (README, "Retries and throttling"); azure-core's pipeline
    // would otherwise retry each token request three more times with its own backoff.
    login.reset().answer(aResponse().withStatus(500).withBody("{\"error\":\"server_error\"}"));
    try (EntraIdentityProvider entra =
        EntraIdentityProvider.builder()
            .tenantId(TENANT)
            .clientId("c1e47000-0000-4000-8000-0000000token")
            .clientSecret(() -> "test-secret")
            .authorityHost(login.authorityHost())
            .graphBaseUrl(graph.baseUrl())
            .client(
                c ->
                    c.allowInsecureHttpForTests(true)
                        .maxAttempts(2)
                        .initialBackoff(Duration.ofMillis(5))
                        .maxBackoff(Duration.ofMillis(20))
                        .totalTimeout(Duration.ofMinutes(2)))
            .build()) {
      assertThatThrownBy(() -> entra.findUser("alice@contoso.example"))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }
    // Two attempts of ours; MSAL, under azure-identity, repeats a 5xx token request once by
    // itself (no azure-identity setting reaches that). Before azure-core's retries were switched
    // off this was 16.
    assertThat(login.requestCount()).isEqualTo(2 * 2);
  }
}
