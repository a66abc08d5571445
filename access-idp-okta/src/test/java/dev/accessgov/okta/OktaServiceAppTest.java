package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.accessgov.ProviderException;
import dev.accessgov.okta.emulator.EmulatedFailure;
import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.spi.MembershipOutcome;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 service-app authentication: a signed assertion buys a token, reused per call. */
class OktaServiceAppTest {
  private static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  @Test
  @DisplayName("a service app gets one token and uses it for every call")
  void serviceApp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair registered = generator.generateKeyPair();
    KeyPair other = generator.generateKeyPair();
    try (OktaEmulator emulator = new OktaEmulator()) {
      emulator
          .serviceAppKey(registered.getPublic())
          .user("00uapp0000000000001", "app@example.com", null);
      try (OktaIdentityProvider okta = provider(emulator, pem(registered))) {
        assertThat(okta.findUser("app@example.com")).isPresent();
        assertThat(okta.findUser("00uapp0000000000001")).isPresent();
        assertThat(
                emulator.server().getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().equals("/oauth2/v1/token")))
            .hasSize(1);
      }
      try (OktaIdentityProvider okta = provider(emulator, pem(other))) {
        assertThatThrownBy(() -> okta.findUser("app@example.com"))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> {
                  assertThat(e.status()).isEqualTo(401);
                  assertThat(e.retryable()).isFalse();
                  assertThat(e.getMessage()).doesNotContain("PRIVATE KEY");
                });
      }
    }
  }

  @Test
  @DisplayName("a failed token request is asked again by the next call, not left without a token")
  void recoversAfterTokenFailure() throws Exception {
    KeyPair registered = keyPair();
    try (OktaEmulator emulator = new OktaEmulator()) {
      emulator
          .serviceAppKey(registered.getPublic())
          .user("00uapp0000000000001", "app@example.com", null);
      try (OktaIdentityProvider okta = provider(emulator, pem(registered))) {
        // Both attempts of the first call meet a token endpoint that is down.
        emulator.failNext(2, "POST", EmulatedFailure.status(503));
        assertThatThrownBy(() -> okta.findUser("app@example.com"))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> {
                  assertThat(e.status()).isEqualTo(503);
                  assertThat(e.retryable()).isTrue();
                });
        assertThat(okta.findUser("app@example.com")).isPresent();
        assertThat(okta.findUser("00uapp0000000000001")).isPresent();
      }
    }
  }

  @Test
  @DisplayName("an app that requires DPoP gets a DPoP-bound token and proves possession per call")
  void dpopRequired() throws Exception {
    KeyPair registered = keyPair();
    try (OktaEmulator emulator = new OktaEmulator()) {
      emulator
          .serviceAppKey(registered.getPublic())
          .requireDpop(true)
          .user("00uapp0000000000001", "app@example.com", null)
          .group("00gapp0000000000001");
      try (OktaIdentityProvider okta = provider(emulator, pem(registered))) {
        assertThat(okta.findUser("app@example.com")).isPresent();
        assertThat(okta.addMember("00gapp0000000000001", "00uapp0000000000001").outcome())
            .isEqualTo(MembershipOutcome.ADDED);
        assertThat(okta.isMember("00gapp0000000000001", "00uapp0000000000001")).isTrue();
      }
      // Okta's handshake: refused without a proof, then asked for its nonce, then issued.
      List<LoggedRequest> tokenRequests =
          emulator.server().getAllServeEvents().stream()
              .map(ServeEvent::getRequest)
              .filter(r -> r.getUrl().equals("/oauth2/v1/token"))
              .toList();
      assertThat(tokenRequests).hasSize(3);
      assertThat(
              emulator.server().getAllServeEvents().stream()
                  .map(ServeEvent::getRequest)
                  .filter(r -> r.getUrl().startsWith("/api/")))
          .hasSize(4)
          .allSatisfy(
              r -> {
                assertThat(r.getHeader("Authorization")).startsWith("DPoP ");
                assertThat(r.containsHeader("DPoP")).isTrue();
              });
    }
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static OktaIdentityProvider provider(OktaEmulator emulator, String pem) {
    return OktaIdentityProvider.builder()
        .orgUrl(emulator.orgUrl())
        .client(c -> c.allowInsecureHttpForTests(true))
        .serviceApp(
            "0oaservice000000001",
            () -> pem,
            "kid-1",
            List.of("okta.users.read", "okta.groups.read", "okta.groups.manage"))
        .client(
            c ->
                c.maxAttempts(2)
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(2)))
        .build();
  }
}
