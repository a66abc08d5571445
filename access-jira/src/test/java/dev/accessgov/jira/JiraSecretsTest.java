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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

  private static final StringBuilder JUL = new StringBuilder();
  private static final ByteArrayOutputStream STDERR = new ByteArrayOutputStream();
  private static final ByteArrayOutputStream STDOUT = new ByteArrayOutputStream();
  private static PrintStream err;
  private static PrintStream out;
  private static final Handler CAPTURE =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (JUL) {
            JUL.append(r.getLevel())
                .append(' ')
                .append(r.getLoggerName())
                .append(' ')
                .append(r.getMessage());
            if (r.getParameters() != null) {
              for (Object p : r.getParameters()) {
                JUL.append(' ').append(p);
              }
            }
            if (r.getThrown() != null) {
              JUL.append(' ').append(stackTrace(r.getThrown()));
            }
            JUL.append('\n');
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void everyLoggerOn() {
    assumeTrue(
        Boolean.getBoolean("accessgov.secretCanary"),
        "runs in the secret-canary execution, with every logger on");
    Logger root = LogManager.getLogManager().getLogger("");
    root.setLevel(Level.ALL);
    CAPTURE.setLevel(Level.ALL);
    root.addHandler(CAPTURE);
    err = System.err;
    out = System.out;
    System.setErr(new PrintStream(STDERR, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(STDOUT, true, StandardCharsets.UTF_8));
    assertThat(org.slf4j.LoggerFactory.getLogger(JiraHttp.class).isTraceEnabled())
        .as("slf4j-simple at TRACE (set by the secret-canary execution)")
        .isTrue();
  }

  @AfterAll
  static void restore() {
    if (err != null) {
      System.setErr(err);
      System.setOut(out);
      LogManager.getLogManager().getLogger("").removeHandler(CAPTURE);
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
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

  private final List<String> seen = new ArrayList<>();

  /** Records everything an exception shows: message, toString, every cause, the stack trace. */
  private void saw(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      seen.add(String.valueOf(c.getMessage()));
      seen.add(c.toString());
    }
    seen.add(stackTrace(t));
  }

  /** Each place a canary showed, with its context and the canary itself masked. */
  private List<String> leaks() {
    List<String> found = new ArrayList<>();
    List<String> canaries = canaries();
    for (String text : seen) {
      for (int i = 0; i < canaries.size(); i++) {
        int at = text.indexOf(canaries.get(i));
        if (at >= 0) {
          String context =
              text.substring(
                  Math.max(0, at - 160),
                  Math.min(text.length(), at + canaries.get(i).length() + 40));
          for (int j = 0; j < canaries.size(); j++) {
            context = context.replace(canaries.get(j), "<canary " + j + ">");
          }
          found.add("canary " + i + " in: " + context);
        }
      }
    }
    return found;
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
      saw(e);
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
      seen.add(basic.toString());

      // The provider and its outbox, through the service, into evidence.
      try (JiraTicketing refused =
          Fixtures.jira(emulator).basicAuth(JiraEmulator.EMAIL, () -> WRONG).build()) {
        refused.transition(new TicketRef(refused.id(), key), RecordState.ACTIVE);
        assertThat(refused.flush(Fixtures.SETTLED)).isTrue();
        assertThat(refused.dropped()).isEqualTo(1);
        seen.add(refused.toString());
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
          seen.add(
              handler
                  .handle(
                      Map.of(
                          "X-Hub-Signature", List.of(signature),
                          "X-Atlassian-Webhook-Identifier", List.of(UUID.randomUUID().toString())),
                      raw)
                  .toString());
        }
        seen.add(handler.handle(Map.of(), raw).toString());
        byte[] malformed = "{not json".getBytes(StandardCharsets.UTF_8);
        seen.add(
            handler
                .handle(
                    Map.of("X-Hub-Signature", List.of(Signatures.sign(WEBHOOK_SECRET, malformed))),
                    malformed)
                .toString());
        emulator.down(true);
        seen.add(
            handler
                .handle(
                    Map.of(
                        "X-Hub-Signature", List.of(Signatures.sign(WEBHOOK_SECRET, raw)),
                        "X-Atlassian-Webhook-Identifier", List.of(UUID.randomUUID().toString())),
                    raw)
                .toString());
        emulator.down(false);
        seen.add(handler.toString());
        try (JiraTicketing jsm = Fixtures.jsm(emulator).build()) {
          World desk = new World(jsm);
          emulator.failNext(1, 403);
          desk.request("erin", "wiki/read", "alice");
          emulator.failNext(2, -2).failNext(1, 400);
          desk.request("bob", "wiki/admin", "alice");
          assertThat(jsm.flush(Fixtures.SETTLED)).isTrue();
          seen.add(jsm.toString());
        }
        seen.add(jira.toString());
        for (AccessRecord r : List.of(read, edit)) {
          AccessRecord now = world.access.record(r.id());
          seen.add(now.toString());
          for (EvidenceEvent e : now.timeline()) {
            seen.add(e.toString());
          }
        }
      }
    }
    System.err.flush();
    System.out.flush();
    seen.add(STDERR.toString(StandardCharsets.UTF_8));
    seen.add(STDOUT.toString(StandardCharsets.UTF_8));
    synchronized (JUL) {
      seen.add(JUL.toString());
    }
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    String slf4j = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
    seen.add(slf4j);

    // The canary sees what it should: the error paths were logged, at every level.
    assertThat(slf4j).contains("401", "403", "429", "503", "DEBUG", "ERROR");
    assertThat(JUL.toString()).contains("jdk.httpclient");
    assertThat(leaks()).as("where a secret showed").isEmpty();
  }
}
