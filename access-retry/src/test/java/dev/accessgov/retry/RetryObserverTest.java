package dev.accessgov.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.spi.AccessObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("retries and rate limits reach the observer")
class RetryObserverTest {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

  /** Stands still, so the wait a vendor asked for is read exactly. */
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final RetrySettings FAST =
      new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(2));

  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final AccessObserver observer =
      new AccessObserver() {
        @Override
        public void providerRetry(String providerId, String operation, String reason) {
          heard.add("retry " + providerId + " " + operation + " " + reason);
        }

        @Override
        public void providerRateLimited(String providerId, String operation, Duration wait) {
          heard.add("limited " + providerId + " " + operation + " " + wait);
        }
      };
  private final AtomicInteger attempts = new AtomicInteger();
  private final BudgetedRetry retry =
      new BudgetedRetry("Okta okta-main", FAST, CLOCK).observe("okta-main", observer);

  @Test
  @DisplayName("a 429 then success: one rate-limit answer with the vendor's wait, one retry")
  void rateLimitedThenSuccess() {
    String answer =
        retry.run(
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new RateLimitedException(
                    "okta-main", "addMember", "req-1", NOW.plusMillis(20), "slow down");
              }
              return "ok";
            },
            retry.deadline());

    assertThat(answer).isEqualTo("ok");
    assertThat(heard)
        .containsExactly("limited okta-main addMember PT0.02S", "retry okta-main addMember 429");
  }

  @Test
  @DisplayName("a 503 and a lost connection are retries with their reasons, not rate limits")
  void otherReasons() {
    retry.run(
        () -> {
          int n = attempts.incrementAndGet();
          if (n < 3) {
            throw new ProviderException(
                "okta-main", "removeMember", n == 1 ? 503 : 0, null, null, true, "x", null);
          }
          return "ok";
        },
        retry.deadline());

    assertThat(heard)
        .containsExactly("retry okta-main removeMember 503", "retry okta-main removeMember io");
  }

  @Test
  @DisplayName("a 429 on the last attempt is still heard as a rate limit, without a retry")
  void lastAttempt() {
    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      throw new RateLimitedException(
                          "okta-main", "isMember", "req-1", null, "slow down");
                    },
                    retry.deadline()))
        .isInstanceOf(RateLimitedException.class);

    assertThat(heard)
        .containsExactly(
            "limited okta-main isMember PT0S",
            "retry okta-main isMember 429",
            "limited okta-main isMember PT0S",
            "retry okta-main isMember 429",
            "limited okta-main isMember PT0S");
  }

  @Test
  @DisplayName("an observer that throws does not change the call's outcome")
  void throwingObserver() {
    BudgetedRetry broken =
        new BudgetedRetry("Okta okta-main", FAST, CLOCK)
            .observe(
                "okta-main",
                new AccessObserver() {
                  @Override
                  public void providerRetry(String providerId, String operation, String reason) {
                    throw new IllegalStateException("registry closed");
                  }

                  @Override
                  public void providerRateLimited(
                      String providerId, String operation, Duration wait) {
                    throw new IllegalStateException("registry closed");
                  }
                });

    String answer =
        broken.run(
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new RateLimitedException("okta-main", "addMember", null, null, "slow");
              }
              return "ok";
            },
            broken.deadline());

    assertThat(answer).isEqualTo("ok");
  }

  @Test
  @DisplayName("ClientSettings carries the observer; none by default")
  void settings() {
    assertThat(ClientSettings.defaults().observer()).isSameAs(AccessObserver.none());
    assertThat(ClientSettings.builder().observer(observer).build().observer()).isSameAs(observer);
    assertThat(ClientSettings.builder().observer(observer).build().toBuilder().build().observer())
        .isSameAs(observer);
  }
}
