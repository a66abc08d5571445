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
        "runs in the secret-canary execution, with every logger on");
    Logger root = LogManager.getLogManager().getLogger("");
    root.setLevel(Level.ALL);
    CAPTURE.setLevel(Level.ALL);
    root.addHandler(CAPTURE);
    err = System.err;
    out = System.out;
    System.setErr(new PrintStream(STDERR, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(STDOUT, true, StandardCharsets.UTF_8));
    assertThat(org.slf4j.LoggerFactory.getLogger(SlackApi.class).isTraceEnabled())
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

  private final List<String> seen = new ArrayList<>();

  private void saw(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      seen.add(String.valueOf(c.getMessage()));
      seen.add(c.toString());
    }
    seen.add(stackTrace(t));
  }

  private List<String> leaks() {
    List<String> found = new ArrayList<>();
    for (String text : seen) {
      for (String canary : List.of(TOKEN, WRONG)) {
        int at = text.indexOf(canary);
        if (at >= 0) {
          found.add(
              text.substring(Math.max(0, at - 160), at)
                      .replace(TOKEN, "<token>")
                      .replace(WRONG, "<wrong>")
                  + "<canary>");
        }
      }
    }
    return found;
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
      saw(e);
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
        seen.add(api.toString());
      }
      SlackSettings settings = SlackSettings.builder().botToken(() -> TOKEN).build();
      seen.add(settings.toString());

      try (World w =
          new World(slack, new InMemoryAccessStore(), new InMemoryOutbox(), b -> b, () -> TOKEN)
              .start()) {
        slack.failNext("chat.postMessage", Fault.ratelimited(0), Fault.status(502));
        AccessRecord r = w.request("github/billing", "canary");
        w.settle();
        w.access.deny(r.id(), PersonId.of("carol"), "no");
        w.settle();
        seen.add(w.notifications.toString());
        AccessRecord now = w.access.record(r.id());
        seen.add(now.toString());
        now.timeline().forEach(e -> seen.add(e.toString()));
      }
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

    // The canary sees what it should: the error paths were logged, at every level.
    assertThat(slf4j).contains("invalid_auth", "HTTP 429", "503", "DEBUG", "WARN");
    assertThat(leaks()).as("where the token showed").isEmpty();
  }
}
