package dev.accessgov.entra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.accessgov.entra.emulator.EmulatedFailure;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.entra.emulator.TokenEndpointEmulator;
import dev.accessgov.testkit.AllLogsCaptured;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

/**
 * Secrets never surface: with every logger of the client side at its lowest level (slf4j-simple,
 * the SLF4J backend of these tests, at TRACE; java.util.logging at ALL), every error path is driven
 * and the client secret, the certificate's private key and the access tokens must appear in no log
 * line, no exception (message, {@code toString()} and stack trace, whole cause chain), no {@code
 * toString()} and no evidence (receipts, results).
 *
 * <p>The token endpoint is emulated after the Microsoft identity platform's client credentials flow
 * documentation: {@code POST /{tenant}/oauth2/v2.0/token}, a JSON token answer, or a JSON error
 * with {@code error}, {@code error_description} ({@code AADSTS…}) and {@code error_codes}. The
 * emulated servers' own loggers (WireMock, Jetty) stay quiet: they stand in for Microsoft's side,
 * which sees the secret by design.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EntraSecretCanaryTest {
  private static final String TENANT = "72f988bf-0000-4000-8000-00000canary";
  private static final String CLIENT = "c1e47000-0000-4000-8000-00000canary";
  private static final String SECRET = "canary-client-secret-Q7x9Zk~w2";
  private static final String ISSUED_TOKEN = "canary-issued-access-token-Hv81";
  private static final String WRONG_TOKEN = "canary-refused-access-token-Lp04";
  private static final String GROUP = "ca000000-0000-4000-8000-00000000grp1";
  private static final String USER = "ca000000-0000-4000-8000-00000000usr1";
  private static final List<String> SERVER_SIDE =
      List.of("org.eclipse.jetty", "com.github.tomakehurst", "wiremock", "WireMock");

  private static String pem;
  private static List<String> canaries;
  private static GraphEmulator graph;
  private static TokenEndpointEmulator login;
  private static AllLogsCaptured logs;

  /** Every level changed here and its value before, put back after the class: a restore each. */
  private static final List<Runnable> RESTORE = new ArrayList<>();

  private final List<String> exposed = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in =
        EntraSecretCanaryTest.class.getResourceAsStream(
            "/canary/entra-test-only-key-and-cert.pem")) {
      pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    // Three lines of the private key's body: any fragment of the key shown would hold one.
    String[] lines = pem.split("\n");
    List<String> plain =
        List.of(
            SECRET,
            ISSUED_TOKEN,
            WRONG_TOKEN,
            GraphEmulator.TOKEN,
            lines[2].trim(),
            lines[10].trim(),
            lines[20].trim());
    // Each also as it would appear in a form body or a URL (the secret holds a '~', the key '+'
    // and '/'), so an encoded copy is caught too.
    List<String> all = new ArrayList<>(plain);
    for (String c : plain) {
      all.add(java.net.URLEncoder.encode(c, StandardCharsets.UTF_8));
      all.add(java.net.URLEncoder.encode(c, StandardCharsets.UTF_8).replace("%7E", "~"));
    }
    canaries = List.copyOf(new java.util.LinkedHashSet<>(all));
    graph = new GraphEmulator();
    // azure-identity talks to its authority over https only.
    login = new TokenEndpointEmulator(TENANT);
    azureLogsOn();
    // What the emulators' servers log about the requests they received is not the client's leak.
    logs = new AllLogsCaptured(SERVER_SIDE.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    try {
      logs.close();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    RESTORE.forEach(Runnable::run);
    graph.close();
    login.close();
  }

  @BeforeEach
  void seed() {
    graph.reset().user(USER, "canary@contoso.example", null).group(GROUP).member(GROUP, USER);
    login.reset();
  }

  @AfterEach
  void noCanaryAnywhere() {
    String logged = logs.text();
    assertThat(GraphRequestRules.violations(graph.server().getAllServeEvents())).isEmpty();
    assertThat(exposed).as("something was exercised").isNotEmpty();
    assertThat(logs.verbose("com.azure.core", "com.azure.identity")).as("lowest levels").isTrue();
    assertThat(logged).as("the lowest levels log").contains(" DEBUG ");
    for (String canary : canaries) {
      assertThat(logged).as("SLF4J, java.util.logging, stdout, stderr").doesNotContain(canary);
      assertThat(exposed).as("exceptions, toString(), evidence").noneMatch(s -> s.contains(canary));
    }
  }

  @Test
  @DisplayName(
      "the token endpoint refusing, failing, garbling or dropping: the secret stays hidden")
  void tokenEndpointFailures() {
    for (ResponseDefinitionBuilder answer :
        List.of(
            tokenError(401, "invalid_client", 7000215, "Invalid client secret provided."),
            tokenError(400, "unauthorized_client", 700016, "Application not found."),
            aResponse().withStatus(500).withBody("{\"error\":\"server_error\"}"),
            aResponse().withStatus(503).withHeader("Retry-After", "1"),
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"Bearer\",\"access_tok"),
            aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))) {
      login.reset().answer(answer);
      try (EntraIdentityProvider entra = secretProvider().build()) {
        run(() -> entra.findUser("canary@contoso.example"));
        run(() -> entra.addMember(GROUP, USER));
        exposed.add(entra.toString());
      }
    }
    assertThat(login.requestCount()).as("the token endpoint was asked").isPositive();
  }

  @Test
  @DisplayName("a certificate refused by the token endpoint, or one that does not parse")
  void certificate() {
    login.answer(
        tokenError(401, "invalid_client", 700027, "Client assertion failed signature validation."));
    for (String certificate :
        List.of(
            pem,
            // A damaged PEM: parsers that quote what they could not read would show the key.
            pem.replace("-----END PRIVATE KEY-----", "-----END PRIVATE KEY----"),
            pem.substring(0, pem.indexOf("-----BEGIN CERTIFICATE-----")))) {
      try (EntraIdentityProvider entra =
          base().tenantId(TENANT).clientId(CLIENT).clientCertificate(() -> certificate).build()) {
        run(() -> entra.findUser("canary@contoso.example"));
        exposed.add(entra.toString());
      }
    }
  }

  @Test
  @DisplayName("a token the endpoint issued and Graph refuses (401) stays hidden")
  void issuedTokenRefused() {
    login.answer(TokenEndpointEmulator.token(ISSUED_TOKEN));
    try (EntraIdentityProvider entra = secretProvider().build()) {
      run(() -> entra.findUser(USER));
      run(() -> entra.removeMembers(GROUP, List.of(USER)));
    }
    try (EntraIdentityProvider entra =
        base()
            .tokenCredential(
                request ->
                    Mono.just(new AccessToken(WRONG_TOKEN, OffsetDateTime.now().plusHours(1))))
            .build()) {
      run(() -> entra.isMember(GROUP, USER));
      run(() -> entra.lastLogin(USER));
    }
  }

  @Test
  @DisplayName("Graph's 403, 404, 429, 5xx, garbled and dropped answers, and $batch step failures")
  void graphErrors() {
    try (EntraIdentityProvider entra = base().tokenCredential(GraphEmulator.credential()).build()) {
      graph.failNext(1, "POST", EmulatedFailure.status(403));
      run(() -> entra.addMember(GROUP, "ca000000-0000-4000-8000-00000000usr2"));
      run(() -> entra.addMember(GROUP, "ca000000-0000-4000-8000-0000000nobody"));
      run(() -> entra.removeMember("ca000000-0000-4000-8000-000000nogroup", USER));
      run(() -> entra.findUser("nobody@contoso.example"));
      graph.failNext(1, EmulatedFailure.throttled(1));
      run(() -> entra.isMember(GROUP, USER));
      graph.failNext(1, EmulatedFailure.throttled(3600));
      run(() -> entra.isMember(GROUP, USER));
      graph.failNext(10, EmulatedFailure.status(500));
      run(() -> entra.members(GROUP, null));
      graph.failNext(10, EmulatedFailure.unavailable(1));
      run(() -> entra.findUser(USER));
      graph.failNext(10, EmulatedFailure.malformedJson());
      run(() -> entra.findUser(USER));
      graph.failNext(10, EmulatedFailure.connectionReset());
      run(() -> entra.removeMember(GROUP, USER));
      graph.failNext(1, EmulatedFailure.lostAnswer());
      run(() -> entra.removeMember(GROUP, USER));
      graph.signInActivityLicensed(false);
      run(() -> entra.lastLogin(USER));
      // $batch: some steps refused, some throttled beyond the budget, some unknown.
      graph.member(GROUP, USER);
      graph.failNext(2, "DELETE", EmulatedFailure.status(403));
      graph.failNext(1, "DELETE", EmulatedFailure.throttled(3600));
      run(
          () ->
              entra.removeMembers(
                  GROUP,
                  List.of(
                      USER,
                      "ca000000-0000-4000-8000-00000000usr3",
                      "ca000000-0000-4000-8000-00000000usr4",
                      "ca000000-0000-4000-8000-00000000usr5")));
      graph.failNext(10, "POST", EmulatedFailure.status(502));
      run(() -> entra.addMembers(GROUP, List.of(USER)));
      run(() -> entra.removeMembers("ca000000-0000-4000-8000-000000nogroup", List.of(USER)));
      exposed.add(entra.toString());
    }
  }

  private static ResponseDefinitionBuilder tokenError(
      int status, String error, int code, String text) {
    return TokenEndpointEmulator.error(status, error, code, text);
  }

  private EntraIdentityProviderBuilder secretProvider() {
    return base().tenantId(TENANT).clientId(CLIENT).clientSecret(() -> SECRET);
  }

  private static EntraIdentityProviderBuilder base() {
    return EntraIdentityProvider.builder()
        .graphBaseUrl(graph.baseUrl())
        .authorityHost(login.authorityHost())
        .client(
            c ->
                c.allowInsecureHttpForTests(true)
                    .maxAttempts(2)
                    .initialBackoff(Duration.ofMillis(5))
                    .maxBackoff(Duration.ofMillis(20)))
        // Only a hang reaches it; Retry-After beyond it fails at once.
        .client(c -> c.totalTimeout(Duration.ofSeconds(60)));
  }

  /**
   * Turns azure-core's own switches on, as an operator would through the environment: verbose
   * client logging, and HTTP logging of headers and bodies (a token request's body holds the client
   * secret). Every logger's level is set by {@link AllLogsCaptured}.
   */
  private static void azureLogsOn() {
    var azure = com.azure.core.util.Configuration.getGlobalConfiguration();
    for (Map.Entry<String, String> e :
        Map.of("AZURE_LOG_LEVEL", "verbose", "AZURE_HTTP_LOG_DETAIL_LEVEL", "body_and_headers")
            .entrySet()) {
      String before = azure.get(e.getKey());
      azure.put(e.getKey(), e.getValue());
      RESTORE.add(
          () -> {
            if (before == null) {
              azure.remove(e.getKey());
            } else {
              azure.put(e.getKey(), before);
            }
          });
    }
  }

  /** Runs one call and keeps everything it shows: its result, or its whole exception. */
  private void run(Callable<?> call) {
    try {
      Object result = call.call();
      exposed.add(String.valueOf(result));
    } catch (Throwable t) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      exposed.add(trace.toString());
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        exposed.add(String.valueOf(c.getMessage()));
        exposed.add(c.toString());
        exposed.add(c.getLocalizedMessage() == null ? "" : c.getLocalizedMessage());
      }
    }
  }
}
