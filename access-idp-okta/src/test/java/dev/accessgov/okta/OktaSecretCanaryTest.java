package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.okta.emulator.EmulatedFailure;
import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.testkit.AllLogsCaptured;
import dev.accessgov.testkit.ProviderWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Secrets never leave the provider, whatever the log level: with every logger of the JVM at its
 * finest level, every error path of the provider is driven, and the API token, the service app's
 * private key, its access token and its signed client assertions must appear in none of the logs,
 * exception messages and stack traces (whole cause chains), {@code toString()}s, or evidence.
 */
class OktaSecretCanaryTest {
  private static final String GROUP = "00gcanary0000000001";
  private static final String APP_GROUP = "00gcanaryapp0000001";
  private static final String USER = "00ucanary0000000001";

  /** A token Okta refuses (401): refused secrets must not leak either. */
  private static final String REFUSED_TOKEN = "00canary-refused-token-5f1c9e";

  private final StringBuilder seen = new StringBuilder();

  /** The signatures of the client assertions sent: bearer credentials for their lifetime. */
  private final List<String> assertions = new ArrayList<>();

  @Test
  @DisplayName("no secret appears in any log at TRACE, error, toString or evidence")
  void noSecretAnywhere() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair registered = generator.generateKeyPair();
    KeyPair unregistered = generator.generateKeyPair();
    List<String> secrets = new ArrayList<>();
    secrets.add(OktaEmulator.TOKEN);
    secrets.add(OktaEmulator.ACCESS_TOKEN);
    secrets.add(REFUSED_TOKEN);
    for (KeyPair pair : List.of(registered, unregistered)) {
      String body = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
      // Any 40 characters of the key's body would do; three spots cover a partial print. Each
      // lies within one 76-character line of the PEM, so a printed PEM is caught too.
      int lines = body.length() / 76;
      for (int line : new int[] {1, lines / 2, lines - 1}) {
        secrets.add(body.substring(line * 76 + 10, line * 76 + 50));
      }
    }

    String logs;
    try (OktaEmulator okta = new OktaEmulator();
        AllLogsCaptured capture = new AllLogsCaptured()) {
      assertThat(
              capture.verbose(
                  "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire"))
          .as("every logger at its finest level")
          .isTrue();
      okta.serviceAppKey(registered.getPublic());
      apiTokenPaths(okta);
      serviceAppPaths(okta, pem(registered), pem(unregistered));
      evidence(okta);
      harvestAssertions(okta);
      logs = capture.text();
    }

    assertThat(assertions).as("client assertions sent").hasSizeGreaterThan(3);
    secrets.addAll(assertions);
    // The HTTP client did log at DEBUG: the silence below is not for want of logging.
    assertThat(logs).as("the logs at TRACE").contains("executing GET /api/v1/users/");
    for (String secret : secrets) {
      assertThat(logs).as("the logs at TRACE").doesNotContain(secret);
      assertThat(seen.toString()).as("errors, toString and evidence").doesNotContain(secret);
    }
  }

  private void apiTokenPaths(OktaEmulator okta) {
    seed(okta);
    try (OktaIdentityProvider provider = apiToken(okta, OktaEmulator.TOKEN).build()) {
      see(provider);
      see(provider.findUser("canary@example.com"));
      see(provider.addMember(GROUP, USER));
      see(provider.isMember(GROUP, USER));
      see(provider.members(GROUP, null));
      see(provider.lastLogin(USER));
      see(provider.removeMember(GROUP, USER));
      // 403 on a group Okta will not change.
      attempt(() -> provider.addMember(APP_GROUP, USER));
      // 403 without a group, 404, 5xx until attempts run out, malformed body, dropped connection.
      okta.failNext(1, EmulatedFailure.status(403));
      attempt(() -> provider.findUser(USER));
      attempt(() -> provider.findUser("nobody@example.com"));
      attempt(() -> provider.members("00gmissing000000001", null));
      okta.failNext(2, EmulatedFailure.status(500));
      attempt(() -> provider.findUser(USER));
      okta.failNext(2, EmulatedFailure.status(503));
      attempt(() -> provider.lastLogin(USER));
      okta.failNext(2, EmulatedFailure.malformedJson());
      attempt(() -> provider.findUser(USER));
      okta.failNext(2, EmulatedFailure.connectionReset());
      attempt(() -> provider.members(GROUP, null));
      okta.failNext(2, "PUT", EmulatedFailure.lostAnswer());
      attempt(() -> provider.addMember(GROUP, USER));
      // 429 whose X-Rate-Limit-Reset lies beyond the budget: fails at once.
      okta.failNext(1, EmulatedFailure.rateLimited());
      attempt(() -> provider.findUser(USER));
      okta.rateLimit(1, 60_000);
      attempt(() -> provider.findUser(USER));
      attempt(() -> provider.findUser(USER));
    }
    seed(okta);
    try (OktaIdentityProvider refused = apiToken(okta, REFUSED_TOKEN).build()) {
      see(refused);
      attempt(() -> refused.findUser(USER));
      attempt(() -> refused.addMember(GROUP, USER));
    }
    see(apiToken(okta, OktaEmulator.TOKEN));
  }

  private void serviceAppPaths(OktaEmulator okta, String registered, String unregistered) {
    seed(okta);
    try (OktaIdentityProvider app = serviceApp(okta, registered).build()) {
      see(app);
      see(app.findUser(USER));
      see(app.addMember(GROUP, USER));
      see(app.removeMember(GROUP, USER));
      attempt(() -> app.addMember(APP_GROUP, USER));
      attempt(() -> app.findUser("nobody@example.com"));
      okta.failNext(2, EmulatedFailure.status(500));
      attempt(() -> app.findUser(USER));
    }
    // An app that requires DPoP: proofs on the token request and on every API request.
    seed(okta);
    okta.requireDpop(true);
    try (OktaIdentityProvider app = serviceApp(okta, registered).build()) {
      see(app.findUser(USER));
      see(app.addMember(GROUP, USER));
      attempt(() -> app.addMember(APP_GROUP, USER));
    }
    // The token endpoint failing: 5xx, a malformed answer, a dropped connection, 429.
    for (EmulatedFailure failure :
        List.of(
            EmulatedFailure.status(500),
            EmulatedFailure.malformedJson(),
            EmulatedFailure.connectionReset(),
            EmulatedFailure.rateLimited())) {
      seed(okta);
      try (OktaIdentityProvider app = serviceApp(okta, registered).build()) {
        okta.failNext(2, "POST", failure);
        attempt(() -> app.findUser(USER));
      }
    }
    // A key the app does not know: the token endpoint answers 401 invalid_client.
    seed(okta);
    try (OktaIdentityProvider app = serviceApp(okta, unregistered).build()) {
      see(app);
      attempt(() -> app.findUser(USER));
    }
    // A key that is not PEM at all.
    try (OktaIdentityProvider app =
        serviceApp(okta, unregistered.replace("-----BEGIN PRIVATE KEY-----", "")).build()) {
      attempt(() -> app.findUser(USER));
    }
    see(serviceApp(okta, registered));
  }

  private void evidence(OktaEmulator okta) {
    seed(okta);
    try (OktaIdentityProvider provider = apiToken(okta, OktaEmulator.TOKEN).build()) {
      AccessService access = ProviderWorld.service(provider, GROUP, "canary@example.com");
      AccessRecord requested =
          access.grant(
              GrantRequest.builder()
                  .subject("canary@example.com")
                  .role("wiki.reader")
                  .requester("requester")
                  .reason("canary")
                  .build());
      AccessRecord granted = access.approve(requested.id(), PersonId.of("manager"), "ok");
      see(granted);
      see(access.revoke(granted.id(), PersonId.of("manager"), "done"));
    }
  }

  private void seed(OktaEmulator okta) {
    harvestAssertions(okta);
    okta.reset().user(USER, "canary@example.com", null).group(GROUP).group(APP_GROUP, "APP_GROUP");
  }

  private void harvestAssertions(OktaEmulator okta) {
    for (var event : okta.server().getAllServeEvents()) {
      String form = event.getRequest().getBodyAsString();
      int at = form.indexOf("client_assertion=");
      if (at >= 0) {
        String jwt = form.substring(at + "client_assertion=".length()).split("&")[0];
        assertions.add(jwt.substring(jwt.lastIndexOf('.') + 1));
      }
    }
  }

  private static OktaIdentityProviderBuilder apiToken(OktaEmulator okta, String token) {
    return tuned(OktaIdentityProvider.builder().apiToken(() -> token), okta);
  }

  private static OktaIdentityProviderBuilder serviceApp(OktaEmulator okta, String pem) {
    return tuned(
        OktaIdentityProvider.builder()
            .serviceApp(
                "0oacanary0000000001",
                () -> pem,
                "kid-1",
                List.of("okta.users.read", "okta.groups.manage")),
        okta);
  }

  private static OktaIdentityProviderBuilder tuned(OktaIdentityProviderBuilder b, OktaEmulator o) {
    // Two attempts, millisecond backoff: each failure path ends after its scripted failures. The
    // timeouts are bounds no healthy run reaches.
    return b.orgUrl(o.orgUrl())
        .client(
            c ->
                c.allowInsecureHttpForTests(true)
                    .maxAttempts(2)
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(2))
                    .totalTimeout(Duration.ofSeconds(30))
                    .requestTimeout(Duration.ofSeconds(20)));
  }

  private void see(Object value) {
    seen.append(value).append('\n');
  }

  private void attempt(Supplier<?> call) {
    try {
      see(call.get());
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      seen.append(trace).append('\n');
      for (Throwable t = e; t != null; t = t.getCause()) {
        see(t.getMessage());
        see(t);
      }
    }
  }

  private static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
