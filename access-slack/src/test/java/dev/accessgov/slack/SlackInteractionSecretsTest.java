package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.slack.emulator.Fault;
import dev.accessgov.slack.emulator.SlackEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Secret canary for the interaction handler: the bot token (as given and as a bearer header) and
 * the signing secret appear nowhere — in no log line at any level, no result, no exception, no
 * evidence, no Slack message or view — on every path: requests, approvals, denials, refusals,
 * forged and replayed requests, Slack answering 503, 429, invalid_auth or dropping the connection.
 *
 * <p>It runs in its own JVM (the {@code secret-canary-interactions} surefire execution in this
 * module's pom), where every SLF4J logger (slf4j-simple: this module's, the Slack SDK's, OkHttp's,
 * WireMock's) logs at TRACE into a file and java.util.logging is at ALL. Skipped in the ordinary
 * test run.
 */
class SlackInteractionSecretsTest {
  private static final String TOKEN = SlackEmulator.TOKEN;
  private static final String WRONG = "xoxb-canary-wrong-token-3a9c7e1f";
  private static final String SECRET = Company.SECRET;

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
            JUL.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(' ');
            JUL.append(r.getMessage());
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
        "runs in the secret-canary-interactions execution, with every logger on");
    Logger root = LogManager.getLogManager().getLogger("");
    root.setLevel(Level.ALL);
    CAPTURE.setLevel(Level.ALL);
    root.addHandler(CAPTURE);
    err = System.err;
    out = System.out;
    System.setErr(new PrintStream(STDERR, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(STDOUT, true, StandardCharsets.UTF_8));
    assertThat(org.slf4j.LoggerFactory.getLogger(SlackInteractionHandler.class).isTraceEnabled())
        .as("slf4j-simple at TRACE (set by the secret-canary-interactions execution)")
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

  private final List<String> seen = new ArrayList<>();

  private InteractionResult saw(InteractionResult r) {
    seen.add(r.toString());
    return r;
  }

  private List<String> leaks() {
    List<String> canaries = List.of(TOKEN, WRONG, "Bearer " + TOKEN, SECRET);
    List<String> found = new ArrayList<>();
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

  @Test
  @DisplayName("the bot token and signing secret show nowhere, on any path, at any log level")
  void secretsNeverShow() throws Exception {
    try (SlackWorld s = new SlackWorld()) {
      Company w = s.world;
      // A request made in the modal, approved by click.
      saw(s.send(s.in.command(s.id("bob"), s.slack.triggerId())));
      JsonNode view = s.lastView();
      saw(
          s.send(
              s.in.submit(
                  s.id("bob"),
                  view.path("id").asText(),
                  "access.request_modal",
                  "",
                  Interactions.requestValues("wiki", "role-x", "wiki/edit", null, null, "x"))));
      AccessRecord r = w.request("wiki/admin", "bob");
      String ts = s.postApproval(r);
      saw(
          s.send(
              s.in.click(
                  s.id("bob"),
                  s.channel,
                  ts,
                  "access.approve",
                  r.id().value(),
                  "1.1",
                  s.blocks(ts))));
      saw(
          s.send(
              s.in.click(
                  s.id("carol"),
                  s.channel,
                  ts,
                  "access.approve",
                  r.id().value(),
                  "1.2",
                  s.blocks(ts))));
      // Deny with a reason.
      AccessRecord d = w.request("wiki/edit", "bob");
      String ts2 = s.postApproval(d);
      saw(
          s.send(
              s.in.click(
                  s.id("carol"),
                  s.channel,
                  ts2,
                  "access.deny",
                  d.id().value(),
                  "2.1",
                  s.slack.triggerId(),
                  s.blocks(ts2))));
      JsonNode deny = s.lastView();
      saw(
          s.send(
              s.in.submit(
                  s.id("carol"),
                  deny.path("id").asText(),
                  "access.deny_reason",
                  deny.path("private_metadata").asText(),
                  Interactions.denyValues("no"))));
      // Forged, stale, replayed, unsigned.
      Interactions.Signed genuine =
          s.in.click(
              s.id("carol"), s.channel, ts, "access.approve", r.id().value(), "3.1", s.blocks(ts));
      saw(
          s.handler.handle(
              new Interactions("wrong-secret", w.clock).sign(genuine.text()).headers(),
              genuine.body()));
      saw(s.send(genuine));
      saw(s.send(genuine));
      saw(s.handler.handle(Map.of(), genuine.body()));
      w.clock.advance(Duration.ofMinutes(6));
      saw(s.send(genuine));
      // Slack failing: 503 on every attempt, 429, a dropped connection, a refused token.
      AccessRecord e = w.request("crm/user", "bob");
      String ts3 = s.postApproval(e);
      s.slack.failNext("users.info", Fault.status(503), Fault.status(503));
      saw(
          s.send(
              s.in.click(
                  s.id("carol"),
                  s.channel,
                  ts3,
                  "access.approve",
                  e.id().value(),
                  "4.1",
                  s.blocks(ts3))));
      s.slack.failNext(
          "users.info", Fault.ratelimited(0), Fault.connectionReset(), Fault.connectionReset());
      saw(
          s.send(
              s.in.click(
                  s.id("carol"),
                  s.channel,
                  ts3,
                  "access.approve",
                  e.id().value(),
                  "4.2",
                  s.blocks(ts3))));
      s.slack.failNext("chat.update", Fault.invalidAuth());
      saw(
          s.send(
              s.in.click(
                  s.id("carol"),
                  s.channel,
                  ts3,
                  "access.approve",
                  e.id().value(),
                  "4.3",
                  s.blocks(ts3))));
      s.handler =
          SlackInteractionHandler.builder()
              .accessService(w.access)
              .catalog(w.catalog)
              .peopleDirectory(w.people)
              .signingSecret(() -> SECRET)
              .settings(Company.settings(s.slack.methodsUrl(), WRONG))
              .answerWithin(Duration.ofSeconds(30)) // a liveness bound, not a speed
              .clock(w.clock)
              .build();
      saw(s.send(s.in.command(s.id("bob"), s.slack.triggerId())));
      saw(
          s.send(
              s.in.click(
                  s.id("carol"),
                  s.channel,
                  ts3,
                  "access.approve",
                  e.id().value(),
                  "4.4",
                  s.blocks(ts3))));
      seen.add(s.handler.toString());
      for (EvidenceEvent ev : w.chain()) {
        seen.add(ev.toString());
      }
      for (SlackEmulator.Message m : s.slack.allMessages()) {
        seen.add(m.allText());
      }
      seen.add(s.slack.views().toString());
      seen.add(s.slack.ephemerals().toString());
    }
    System.err.flush();
    System.out.flush();
    seen.add(STDERR.toString(StandardCharsets.UTF_8));
    seen.add(STDOUT.toString(StandardCharsets.UTF_8));
    synchronized (JUL) {
      seen.add(JUL.toString());
    }
    String slf4j =
        Files.readString(
            Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")), StandardCharsets.UTF_8);
    seen.add(slf4j);

    // The canary sees what it should: every path was logged, at every level.
    assertThat(slf4j)
        .contains("UNAUTHORIZED", "REPLAYED", "APPROVED", "DENIED", "REFUSED", "SLACK_UNAVAILABLE")
        .contains("DEBUG")
        .contains("invalid_auth");
    assertThat(leaks()).as("where a secret showed").isEmpty();
  }
}
