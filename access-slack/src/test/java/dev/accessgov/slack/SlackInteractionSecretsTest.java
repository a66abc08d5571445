package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.slack.emulator.Fault;
import dev.accessgov.slack.emulator.SlackEmulator;
import dev.accessgov.testkit.SecretCanary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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

  private static @Nullable SecretCanary canary;

  @BeforeAll
  static void everyLoggerOn() {
    assumeTrue(SecretCanary.enabled(), "runs in the secret-canary execution, with every logger on");
    canary = SecretCanary.start();
    assertThat(org.slf4j.LoggerFactory.getLogger(SlackInteractionHandler.class).isTraceEnabled())
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

  private InteractionResult saw(InteractionResult r) {
    canary().saw(r);
    return r;
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
      canary().saw(s.handler.toString());
      for (EvidenceEvent ev : w.chain()) {
        canary().saw(ev.toString());
      }
      for (SlackEmulator.Message m : s.slack.allMessages()) {
        canary().saw(m.allText());
      }
      canary().saw(s.slack.views().toString());
      canary().saw(s.slack.ephemerals().toString());
    }
    String slf4j = canary().slf4jLog();

    // The canary sees what it should: every path was logged, at every level.
    assertThat(slf4j)
        .contains("UNAUTHORIZED", "REPLAYED", "APPROVED", "DENIED", "REFUSED", "SLACK_UNAVAILABLE")
        .contains("DEBUG")
        .contains("invalid_auth");
    assertThat(canary().leaks(List.of(TOKEN, WRONG, "Bearer " + TOKEN, SECRET)))
        .as("where a secret showed")
        .isEmpty();
  }
}
