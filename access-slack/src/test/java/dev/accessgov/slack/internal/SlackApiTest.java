package dev.accessgov.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.retry.ClientSettings;
import dev.accessgov.slack.emulator.Fault;
import dev.accessgov.slack.emulator.SlackEmulator;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client layer: retries, Retry-After, typed errors, reports to the observer. */
class SlackApiTest {
  private final SlackEmulator slack = new SlackEmulator();
  private final TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final AccessObserver observer =
      new AccessObserver() {
        @Override
        public void providerRetry(String providerId, String operation, String reason) {
          events.add("retry " + providerId + " " + operation + " " + reason);
        }

        @Override
        public void providerRateLimited(String providerId, String operation, Duration wait) {
          events.add("limited " + providerId + " " + operation + " " + wait);
        }
      };
  private final String channel = slack.channel("access");

  @AfterEach
  void conforms() {
    try {
      assertThat(slack.violations()).isEmpty();
    } finally {
      slack.close();
    }
  }

  private SlackApi api(String token, int attempts) {
    return new SlackApi(
        slack.methodsUrl(),
        () -> token,
        "SlackSettings.botToken",
        ClientSettings.builder()
            .allowInsecureHttpForTests(true)
            .clock(clock)
            .observer(observer)
            .maxAttempts(attempts)
            .initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(20))
            .build(),
        RateTiers.uniform(1000, Duration.ofMinutes(1)));
  }

  private ChatPostMessageResponse post(SlackApi api) {
    return api.call(
        "chat.postMessage", channel, m -> m.chatPostMessage(r -> r.channel(channel).text("hi")));
  }

  @Test
  @DisplayName("429 with Retry-After, then success: one message, the wait and the retry reported")
  void retryAfter() {
    slack.failNext("chat.postMessage", Fault.ratelimited(1));
    try (SlackApi api = api(SlackEmulator.TOKEN, 3)) {
      assertThat(post(api).getTs()).isNotBlank();
    }
    assertThat(slack.messages(channel)).hasSize(1);
    assertThat(slack.count("chat.postMessage")).isEqualTo(2);
    assertThat(events)
        .containsExactly("limited slack chat.postMessage PT1S", "retry slack chat.postMessage 429");
  }

  @Test
  @DisplayName("5xx answers are retried")
  void serverErrors() {
    slack.failNext(Fault.status(503), Fault.status(500));
    try (SlackApi api = api(SlackEmulator.TOKEN, 3)) {
      post(api);
    }
    assertThat(slack.messages(channel)).hasSize(1);
    assertThat(events)
        .containsExactly("retry slack chat.postMessage 503", "retry slack chat.postMessage 500");
  }

  @Test
  @DisplayName("a rate limit that outlasts the retries is a RateLimitedException with Retry-After")
  void rateLimitOutlastsRetries() {
    slack.failNext(Fault.ratelimited(0), Fault.ratelimited(30));
    try (SlackApi api = api(SlackEmulator.TOKEN, 2)) {
      assertThatThrownBy(() -> post(api))
          .isInstanceOfSatisfying(
              RateLimitedException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.retryAt()).isEqualTo(clock.instant().plusSeconds(30));
              });
    }
    assertThat(slack.messages(channel)).isEmpty();
  }

  @Test
  @DisplayName("invalid_auth is a configuration error naming the setting, never the token")
  void invalidAuth() {
    String wrong = "xoxb-not-the-right-token-4242";
    try (SlackApi api = api(wrong, 3)) {
      assertThatThrownBy(() -> post(api))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("invalid_auth")
          .hasMessageContaining("SlackSettings.botToken")
          .hasMessageNotContaining(wrong);
    }
    assertThat(slack.count("chat.postMessage")).isEqualTo(1);
  }

  @Test
  @DisplayName("ok:false is a final ProviderException with Slack's error code, not retried")
  void okFalse() {
    try (SlackApi api = api(SlackEmulator.TOKEN, 3)) {
      assertThatThrownBy(
              () ->
                  api.call(
                      "chat.update",
                      null,
                      m -> m.chatUpdate(r -> r.channel(channel).ts("1765000000.000999").text("x"))))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo("message_not_found");
                assertThat(e.retryable()).isFalse();
                assertThat(e.providerId()).isEqualTo("slack");
              });
    }
    assertThat(slack.count("chat.update")).isEqualTo(1);
  }

  @Test
  @DisplayName("a used-up rate tier makes the caller wait, then fail retryably at its budget")
  void tiers() {
    RateTiers tiers = RateTiers.uniform(1, Duration.ofHours(1));
    tiers.acquire("users.info", null, Duration.ofMillis(1));
    assertThatThrownBy(() -> tiers.acquire("users.info", null, Duration.ofMillis(1)))
        .isInstanceOf(RateLimitedException.class);
    tiers.acquire("chat.postMessage", "C1", Duration.ofMillis(1));
    tiers.acquire("chat.postMessage", "C2", Duration.ofMillis(1)); // per channel
  }
}
