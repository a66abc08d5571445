package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.accessgov.AccessException;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.retry.ClientSettings;
import dev.accessgov.slack.emulator.Fault;
import dev.accessgov.slack.emulator.SlackEmulator;
import dev.accessgov.slack.internal.RateTiers;
import dev.accessgov.slack.internal.SlackApi;
import dev.accessgov.testkit.SecretCanary;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Secret canary: the bot token (the one Slack accepts and a wrong one) appears nowhere — in no log
 * line at any level, no exception message, cause or stack trace, no {@code toString()}, no evidence
 * — on every path: success, 429, 5xx, a reset connection, ok:false answers, invalid_auth, an
 * outage, and the whole approval flow.
 *
 * <p>It runs in its own JVM (the {@code secret-canary} surefire execution in this module's pom),
 * where every SLF4J logger (slf4j-simple: this module's, the SDK's, WireMock's) logs at TRACE into
 * a file and java.util.logging is at ALL. Skipped in the ordinary test run.
 */
class SlackSecretsTest {
  private static final String TOKEN = SlackEmulator.TOKEN;
  private static final String WRONG = "xoxb-canary-wrong-token-5c1e0b7d";

  private static @Nullable SecretCanary canary;

  @BeforeAll
  static void everyLoggerOn() {
    assumeTrue(SecretCanary.enabled(), "runs in the secret-canary execution, with every logger on");
    canary = SecretCanary.start();
    assertThat(org.slf4j.LoggerFactory.getLogger(SlackApi.class).isTraceEnabled())
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

  private SlackApi api(SlackEmulator slack, String token) {
    return new SlackApi(
        slack.methodsUrl(),
        () -> token,
        "SlackSettings.botToken",
        ClientSettings.builder()
            .allowInsecureHttpForTests(true)
            .maxAttempts(2)
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(5))
            .build(),
        RateTiers.uniform(1000, Duration.ofMinutes(1)));
  }

  private void post(SlackApi api, String channel) {
    try {
      api.call(
          "chat.postMessage", channel, m -> m.chatPostMessage(r -> r.channel(channel).text("x")));
    } catch (AccessException e) {
      canary().saw(e);
    }
  }

  @Test
  @DisplayName("the bot token shows in no log, exception, toString or evidence on any path")
  void tokenNeverShows() throws Exception {
    try (SlackEmulator slack = new SlackEmulator()) {
      String channel = slack.channel("canary");
      try (SlackApi api = api(slack, TOKEN);
          SlackApi wrong = api(slack, WRONG)) {
        post(api, channel);
        post(wrong, channel); // invalid_auth
        post(api, "C999999999"); // channel_not_found
        for (Fault f :
            List.of(
                Fault.ratelimited(0),
                Fault.status(500),
                Fault.status(503),
                Fault.connectionReset(),
                Fault.invalidAuth())) {
          slack.failNext(f, f);
          post(api, channel);
        }
        slack.down(true);
        post(api, channel);
        slack.down(false);
        canary().saw(api.toString());
      }
      SlackSettings settings = SlackSettings.builder().botToken(() -> TOKEN).build();
      canary().saw(settings.toString());

      try (World w =
          new World(slack, new InMemoryAccessStore(), new InMemoryOutbox(), b -> b, () -> TOKEN)
              .start()) {
        slack.failNext("chat.postMessage", Fault.ratelimited(0), Fault.status(502));
        AccessRecord r = w.request("github/billing", "canary");
        w.settle();
        w.access.deny(r.id(), PersonId.of("carol"), "no");
        w.settle();
        canary().saw(w.notifications.toString());
        AccessRecord now = w.access.record(r.id());
        canary().saw(now.toString());
        now.timeline().forEach(e -> canary().saw(e.toString()));
      }
    }
    String slf4j = canary().slf4jLog();

    // The canary sees what it should: the error paths were logged, at every level.
    assertThat(slf4j).contains("invalid_auth", "HTTP 429", "503", "DEBUG", "WARN");
    assertThat(canary().leaks(List.of(TOKEN, WRONG))).as("where the token showed").isEmpty();
  }
}
