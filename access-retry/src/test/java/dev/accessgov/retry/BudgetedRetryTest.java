package dev.accessgov.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("budgeted retries")
class BudgetedRetryTest {
  /**
   * Stands still, so a wait computed from a vendor's retry-at time does not depend on how long the
   * machine took between the failure and the computation.
   */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);

  /**
   * Short backoffs, and a total time no healthy run reaches even on a loaded machine: these tests
   * end by attempts, and the deadline test uses a retry-at far beyond it.
   */
  private static final RetrySettings FAST =
      new RetrySettings(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(2));

  private final AtomicInteger attempts = new AtomicInteger();

  private static ProviderException failure(boolean retryable) {
    return new ProviderException("okta", "addMember", 503, null, "req-1", retryable, "busy", null);
  }

  private static RateLimitedException limited(Instant retryAt) {
    return new RateLimitedException("okta", "addMember", "req-2", retryAt, "slow down");
  }

  @Test
  @DisplayName("retries a retryable failure and returns the first success")
  void retries() {
    BudgetedRetry retry = new BudgetedRetry("okta", FAST, CLOCK);

    String answer =
        retry.run(
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw failure(true);
              }
              return "ok";
            },
            retry.deadline());

    assertThat(answer).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
  }

  @Test
  @DisplayName("does not retry a refusal, nor anything that is not a ProviderException")
  void refusals() {
    BudgetedRetry retry = new BudgetedRetry("okta", FAST, CLOCK);

    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      attempts.incrementAndGet();
                      throw failure(false);
                    },
                    retry.deadline()))
        .isInstanceOf(ProviderException.class);
    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      attempts.incrementAndGet();
                      throw new IllegalStateException("bug");
                    },
                    retry.deadline()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(attempts).hasValue(2);
  }

  @Test
  @DisplayName("gives up after the last attempt with the last failure")
  void exhausted() {
    BudgetedRetry retry = new BudgetedRetry("okta", FAST, CLOCK);
    ProviderException last = failure(true);

    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      attempts.incrementAndGet();
                      throw last;
                    },
                    retry.deadline()))
        .isSameAs(last);
    assertThat(attempts).hasValue(4);
  }

  @Test
  @DisplayName("waits until the vendor's retry-at time, and tells the listener first")
  void retryAt() {
    List<Long> waits = new ArrayList<>();
    BudgetedRetry retry =
        new BudgetedRetry("okta", FAST, CLOCK).onWait((failure, wait) -> waits.add(wait));
    long start = System.nanoTime();

    retry.run(
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw limited(CLOCK.instant().plusMillis(300));
          }
          return "ok";
        },
        retry.deadline());

    // The retry-at time plus a jitter below the initial backoff; a sleep never ends early.
    assertThat(waits).singleElement().satisfies(w -> assertThat(w).isBetween(300L, 309L));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(250));
    assertThat(attempts).hasValue(2);
  }

  @Test
  @DisplayName("does not wait past the deadline: the failure comes back at once")
  void budget() {
    List<Long> waits = new ArrayList<>();
    BudgetedRetry retry =
        new BudgetedRetry("okta", FAST, CLOCK).onWait((failure, wait) -> waits.add(wait));
    // An hour away, far beyond the two-minute total time however busy the machine is.
    RateLimitedException far = limited(CLOCK.instant().plus(Duration.ofHours(1)));
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      attempts.incrementAndGet();
                      throw far;
                    },
                    retry.deadline()))
        .isSameAs(far);
    assertThat(attempts).hasValue(1);
    assertThat(waits).as("no wait was started").isEmpty();
    // Only a real hang reaches this bound: waiting for the reset would take an hour.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
    assertThat(retry.waitMillis(1, far, retry.deadline())).isEqualTo(-1);
  }

  @Test
  @DisplayName(
      "an attempt that failed because its thread was interrupted is not retried, and no wait is announced")
  void interruptedAttempt() throws InterruptedException {
    List<Long> waits = new ArrayList<>();
    BudgetedRetry retry =
        new BudgetedRetry("okta", FAST, CLOCK).onWait((failure, wait) -> waits.add(wait));
    ProviderException lost = failure(true);

    Caller caller =
        Caller.start(
            retry,
            () -> {
              attempts.incrementAndGet();
              Thread.currentThread().interrupt(); // as an interrupted HTTP call leaves it
              throw lost;
            });
    caller.join();

    assertThat(caller.thrown.get()).isSameAs(lost);
    assertThat(attempts).hasValue(1);
    assertThat(waits).isEmpty();
    assertThat(caller.stillInterrupted).isTrue();
  }

  @Test
  @DisplayName("an interrupt during a wait ends it at once with the last failure, and is kept")
  void interruptedWait() throws InterruptedException {
    RetrySettings slow =
        new RetrySettings(4, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(10));
    CountDownLatch waiting = new CountDownLatch(1);
    BudgetedRetry retry =
        new BudgetedRetry("okta", slow, CLOCK).onWait((failure, wait) -> waiting.countDown());
    ProviderException busy = failure(true);

    Caller caller =
        Caller.start(
            retry,
            () -> {
              attempts.incrementAndGet();
              throw busy;
            });
    // The wait is 30 s or more; the interrupt lands just before it or during it.
    assertThat(waiting.await(1, TimeUnit.MINUTES)).isTrue();
    caller.thread.interrupt();
    caller.join();

    assertThat(caller.thrown.get()).isSameAs(busy);
    assertThat(attempts).hasValue(1);
    assertThat(caller.stillInterrupted).isTrue();
  }

  /** A call of {@code retry} on a thread of its own, and what it left: the failure, the flag. */
  private static final class Caller {
    final AtomicReference<Throwable> thrown = new AtomicReference<>();
    final AtomicBoolean stillInterrupted = new AtomicBoolean();
    final Thread thread;

    private Caller(BudgetedRetry retry, Supplier<Object> attempt) {
      thread =
          new Thread(
              () -> {
                try {
                  retry.run(attempt, retry.deadline());
                } catch (RuntimeException e) {
                  thrown.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              });
    }

    static Caller start(BudgetedRetry retry, Supplier<Object> attempt) {
      Caller caller = new Caller(retry, attempt);
      caller.thread.start();
      return caller;
    }

    /** Waits for the call to end; only a hang outlasts the minute. */
    void join() throws InterruptedException {
      thread.join(TimeUnit.MINUTES.toMillis(1));
      assertThat(thread.isAlive()).as("the call ended").isFalse();
    }
  }

  @Test
  @DisplayName("backs off exponentially with jitter, within the bounds")
  void backoff() {
    BudgetedRetry retry = new BudgetedRetry("okta", FAST, CLOCK);
    for (int i = 0; i < 50; i++) {
      assertThat(retry.backoffMillis(1)).isBetween(5L, 15L);
      assertThat(retry.backoffMillis(10)).isBetween(20L, 60L);
    }
  }

  @Test
  @DisplayName("settings out of bounds are refused")
  void settings() {
    assertThatThrownBy(
            () ->
                new RetrySettings(
                    0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () -> new RetrySettings(1, Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(1)))
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(
            () ->
                new RetrySettings(
                    1, Duration.ofMillis(5), Duration.ofMillis(1), Duration.ofSeconds(1)))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(
            () -> new RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO))
        .hasMessageContaining("totalTimeout");
  }
}
