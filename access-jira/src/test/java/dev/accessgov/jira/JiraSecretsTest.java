package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.accessgov.ProviderException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.internal.JiraHttp;
import dev.accessgov.jira.internal.Signatures;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.testkit.SecretCanary;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Secret canary: the API token (as given, Base64 in a Basic header, as a bearer token) and the
 * webhook secret appear nowhere — in no log line at any level, no exception message or cause, no
 * {@code toString()}, no evidence — on every error path: 401, 403, 404, 429, 5xx, an answer that is
 * not JSON, a dropped connection, a webhook with a bad or no signature.
 *
 * <p>It runs in its own JVM (the {@code secret-canary} surefire execution in this module's pom),
 * where every SLF4J logger (slf4j-simple, the tests' backend: this module's, WireMock's, and any
 * Apache HttpClient wire or header logger on the classpath) logs at TRACE into a file, and
 * java.util.logging is at ALL, which turns on the JDK HttpClient's internal debug logger. The JDK
 * HttpClient's own logging ({@code jdk.httpclient.HttpClient.log}) is on in every category but
 * {@code headers}: that one writes the {@code Authorization} header verbatim, so the provider
 * refuses to start while it is set ({@code JiraTicketingBuilderTest}). Skipped in the ordinary test
 * run.
 */
class JiraSecretsTest {
  /** The token the emulator accepts: the canary that goes out in every authorized request. */
  private static final String TOKEN = JiraEmulator.TOKEN;

  /** A token the emulator refuses (401). */
  private static final String WRONG = "canary-wrong-token-5c1e0b7d";

  private static final String WEBHOOK_SECRET = "canary-webhook-secret-0f9e8d7c6b5a4f3e2d1c";

  private static @Nullable SecretCanary canary;

  @BeforeAll
  static void everyLoggerOn() {
    assumeTrue(SecretCanary.enabled(), "runs in the secret-canary execution, with every logger on");
    canary = SecretCanary.start();
    assertThat(org.slf4j.LoggerFactory.getLogger(JiraHttp.class).isTraceEnabled())
        .as("slf4j-simple at TRACE (set by the secret-canary execution)")
        .isTrue();
  }

  @AfterAll
  static void restore() {
    if (canary != null) {
      canary.close();
    }
  }

  private static SecretCanary canary() {
    return java.util.Objects.requireNonNull(canary, "started in @BeforeAll");
  }

  private static List<String> canaries() {
    List<String> c = new ArrayList<>();
    for (String secret : List.of(TOKEN, WRONG)) {
      c.add(secret);
      c.add(basic(secret));
      c.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    }
    c.add(WEBHOOK_SECRET);
    return c;
  }

  private static String basic(String token) {
    return Base64.getEncoder()
        .encodeToString((JiraEmulator.EMAIL + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  private JiraHttp http(Supplier<String> authorization, JiraEmulator emulator) {
    return new JiraHttp(
        "jira",
        URI.create(emulator.baseUrl()),
        authorization,
        new RetrySettings(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(2)),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        Clock.systemUTC());
  }

  private void call(JiraHttp http, String path) {
    try {
      http.call("canary", "GET", path, null);
    } catch (ProviderException e) {
      canary().saw(e);
    }
  }

  @Test
  @DisplayName("no secret shows in logs, exceptions, toString or evidence on any error path")
  void secretsNeverShow() throws Exception {
    try (JiraEmulator emulator = new JiraEmulator()) {
      String key = emulator.existingIssue("target");
      String transitions = "/rest/api/3/issue/" + key + "/transitions";
      String approvals = "/rest/servicedeskapi/request/" + key + "/approval";

      // The transport on its own: every failure it can type, for platform and JSM paths.
      JiraHttp basic = http(() -> "Basic " + basic(TOKEN), emulator);
      JiraHttp bearer = http(() -> "Bearer " + TOKEN, emulator);
      call(http(() -> "Basic " + basic(WRONG), emulator), transitions); // 401
      for (String path : List.of(transitions, approvals)) {
        for (int status : List.of(401, 403, 404, 429, 500, 502, 503, -1, -2)) {
          // Refusals are answered once; what is retried fails both attempts.
          emulator.failNext(status >= 400 && status < 429 ? 1 : 2, status);
          call(status % 2 == 0 ? basic : bearer, path);
        }
      }
      call(basic, "/rest/api/3/issue/NOPE-1/transitions"); // a real 404
      emulator.down(true);
      call(basic, transitions);
      emulator.down(false);
      canary().saw(basic.toString());

      // The provider and its outbox, through the service, into evidence.
      try (JiraTicketing refused =
          Fixtures.jira(emulator).basicAuth(JiraEmulator.EMAIL, () -> WRONG).build()) {
        refused.transition(new TicketRef(refused.id(), key), RecordState.ACTIVE);
        assertThat(refused.flush(Fixtures.SETTLED)).isTrue();
        assertThat(refused.dropped()).isEqualTo(1);
        canary().saw(refused.toString());
      }
      try (JiraTicketing jira = Fixtures.jira(emulator).build()) {
        World world = new World(jira);
        emulator.failNext(1, 429).failNext(1, 503).failNext(1, -1).failNext(1, -2);
        AccessRecord read = world.request("wiki/read", "alice");
        emulator.failNext(4, 403);
        AccessRecord edit = world.request("dan", "wiki/edit", "alice");
        assertThat(jira.flush(Fixtures.SETTLED)).isTrue();

        JiraWebhookHandler handler =
            JiraWebhookHandler.builder()
                .ticketing(jira)
                .accessService(world.access)
                .secret(() -> WEBHOOK_SECRET)
                .accountToPerson(a -> Optional.of(PersonId.of("carol")))
                .peopleDirectory(world.people)
                .build();
        String ticket = world.access.record(edit.id()).ticketKey();
        byte[] raw =
            ("{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":\"" + ticket + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        for (String signature :
            List.of(
                Signatures.sign("not-" + WEBHOOK_SECRET, raw),
                "sha256=" + "0".repeat(64),
                "sha1=abc",
                "")) {
          canary()
              .saw(
                  handler
                      .handle(
                          Map.of(
                              "X-Hub-Signature", List.of(signature),
                              "X-Atlassian-Webhook-Identifier",
                                  List.of(UUID.randomUUID().toString())),
                          raw)
                      .toString());
        }
        canary().saw(handler.handle(Map.of(), raw).toString());
        byte[] malformed = "{not json".getBytes(StandardCharsets.UTF_8);
        canary()
            .saw(
                handler
                    .handle(
                        Map.of(
                            "X-Hub-Signature", List.of(Signatures.sign(WEBHOOK_SECRET, malformed))),
                        malformed)
                    .toString());
        emulator.down(true);
        canary()
            .saw(
                handler
                    .handle(
                        Map.of(
                            "X-Hub-Signature", List.of(Signatures.sign(WEBHOOK_SECRET, raw)),
                            "X-Atlassian-Webhook-Identifier",
                                List.of(UUID.randomUUID().toString())),
                        raw)
                    .toString());
        emulator.down(false);
        canary().saw(handler.toString());
        try (JiraTicketing jsm = Fixtures.jsm(emulator).build()) {
          World desk = new World(jsm);
          emulator.failNext(1, 403);
          desk.request("erin", "wiki/read", "alice");
          emulator.failNext(2, -2).failNext(1, 400);
          desk.request("bob", "wiki/admin", "alice");
          assertThat(jsm.flush(Fixtures.SETTLED)).isTrue();
          canary().saw(jsm.toString());
        }
        canary().saw(jira.toString());
        for (AccessRecord r : List.of(read, edit)) {
          AccessRecord now = world.access.record(r.id());
          canary().saw(now.toString());
          for (EvidenceEvent e : now.timeline()) {
            canary().saw(e.toString());
          }
        }
      }
    }
    String slf4j = canary().slf4jLog();
    // The canary sees what it should: the error paths were logged, at every level.
    assertThat(slf4j).contains("401", "403", "429", "503", "DEBUG", "ERROR");
    assertThat(canary().julText()).contains("jdk.httpclient");
    assertThat(canary().leaks(canaries())).as("where a secret showed").isEmpty();
  }
}
