package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.entra.emulator.GraphEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EntraIdentityProviderBuilderTest {
  private static final String TENANT = "72f988bf-0000-4000-8000-000000000001";
  private static final String CLIENT = "c1e47000-0000-4000-8000-000000000001";

  private static EntraIdentityProviderBuilder valid() {
    return EntraIdentityProvider.builder()
        .tenantId(TENANT)
        .clientId(CLIENT)
        .clientSecret(() -> "s3cr3t-client-secret");
  }

  @Test
  @DisplayName("refuses an http Graph URL unless allowed for tests, and anything but /v1.0")
  void refusesBadUrls() {
    assertThatThrownBy(() -> valid().graphBaseUrl("http://graph.microsoft.com/v1.0").build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(() -> valid().graphBaseUrl("https://graph.microsoft.com/beta").build())
        .hasMessageContaining("/v1.0");
    assertThatThrownBy(() -> valid().graphBaseUrl("https://graph.microsoft.com").build())
        .hasMessageContaining("/v1.0");
    valid()
        .graphBaseUrl("http://127.0.0.1:1/v1.0")
        .client(c -> c.allowInsecureHttpForTests(true))
        .build()
        .close();
    valid()
        .graphBaseUrl("https://graph.microsoft.us/v1.0")
        .authorityHost("https://login.microsoftonline.us/")
        .build()
        .close();
  }

  @Test
  @DisplayName("refuses an http authority host even for tests: azure-identity would fail later")
  void refusesHttpAuthority() {
    // azure-identity's AadCredentialBuilderBase.authorityHost: "Authority host must use https
    // scheme"; it would only say so at the first token request, as an unexpected SDK failure.
    assertThatThrownBy(
            () ->
                valid()
                    .authorityHost("http://127.0.0.1:1/")
                    .client(c -> c.allowInsecureHttpForTests(true))
                    .graphBaseUrl("http://127.0.0.1:1/v1.0")
                    .build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("authorityHost")
        .hasMessageContaining("https");
  }

  @Test
  @DisplayName("needs exactly one credential, and tenant and client ids with a secret")
  void exactlyOneCredential() {
    assertThatThrownBy(() -> EntraIdentityProvider.builder().build())
        .hasMessageContaining("exactly one credential");
    assertThatThrownBy(() -> valid().tokenCredential(GraphEmulator.credential()).build())
        .hasMessageContaining("exactly one credential");
    assertThatThrownBy(
            () -> EntraIdentityProvider.builder().clientId(CLIENT).clientSecret(() -> "x").build())
        .hasMessageContaining("tenantId");
    assertThatThrownBy(
            () -> EntraIdentityProvider.builder().tenantId(TENANT).clientSecret(() -> "x").build())
        .hasMessageContaining("clientId");
    EntraIdentityProvider.builder().tokenCredential(GraphEmulator.credential()).build().close();
  }

  @Test
  @DisplayName("checks numbers and says what would be accepted")
  void checksNumbers() {
    assertThatThrownBy(() -> valid().pageSize(1000).build()).hasMessageContaining("1 to 999");
    assertThatThrownBy(() -> valid().client(c -> c.maxAttempts(0)).build())
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> valid().client(c -> c.totalTimeout(Duration.ZERO)).build())
        .hasMessageContaining("totalTimeout must be positive");
    assertThatThrownBy(
            () ->
                valid()
                    .client(
                        c ->
                            c.initialBackoff(Duration.ofSeconds(2))
                                .maxBackoff(Duration.ofSeconds(1)))
                    .build())
        .hasMessageContaining("shorter than initialBackoff");
  }

  @Test
  @DisplayName("never shows the secret, and reads it only when a token is needed")
  void redactsAndReadsLazily() {
    AtomicInteger reads = new AtomicInteger();
    try (EntraIdentityProvider entra =
        valid()
            .clientSecret(
                () -> {
                  reads.incrementAndGet();
                  return "s3cr3t-client-secret";
                })
            .build()) {
      assertThat(reads).hasValue(0);
      assertThat(entra.toString()).contains("graph.microsoft.com", CLIENT).doesNotContain("s3cr3t");
    }
  }

  @Test
  @DisplayName("an unreachable token endpoint is a typed error, in time, without the secret")
  // azure-identity's own waits on a silent endpoint run past four minutes: a call that ended
  // before this guard ended by its 2-second total time.
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void tokenFailureIsTyped() {
    // Nothing listens on port 1: the token request fails at once, without reaching the internet.
    tokenFailsInTime("https://127.0.0.1:1/");
  }

  @Test
  @DisplayName("a token endpoint that never answers ends within the total time, typed")
  // azure-identity's own waits on a silent endpoint run past four minutes: a call that ended
  // before this guard ended by its 2-second total time.
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void silentTokenEndpoint() throws IOException {
    // The kernel accepts the connection into the backlog and nothing ever answers, so only the
    // operation's total time can end the call: azure-identity's own waits are far longer.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      tokenFailsInTime("https://127.0.0.1:" + silent.getLocalPort() + "/");
    }
  }

  private static void tokenFailsInTime(String authorityHost) {
    try (EntraIdentityProvider entra =
        valid()
            .authorityHost(authorityHost)
            .graphBaseUrl("http://127.0.0.1:1/v1.0")
            .client(
                c ->
                    c.allowInsecureHttpForTests(true)
                        .maxAttempts(2)
                        .initialBackoff(Duration.ofMillis(10))
                        .totalTimeout(Duration.ofSeconds(2)))
            .build()) {
      assertThatThrownBy(() -> entra.findUser("alice@contoso.example"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("findUser");
                assertThat(e.getMessage()).doesNotContain("s3cr3t");
              });
    }
  }
}
