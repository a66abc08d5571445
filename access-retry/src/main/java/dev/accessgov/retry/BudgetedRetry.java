package dev.accessgov.retry;

import static java.util.Objects.requireNonNull;

import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.spi.AccessObserver;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls to one vendor with resilience4j retries inside a time budget. A {@link
 * ProviderException} that is {@link ProviderException#retryable() retryable} is retried: when the
 * vendor said when to come back ({@link #retryAtOf}, by default {@link
 * RateLimitedException#retryAt()}) the retry waits until then plus a little jitter, never less than
 * the backoff; otherwise it backs off exponentially with jitter ({@link
 * IntervalFunction#ofExponentialRandomBackoff}). A wait that would end past the operation's
 * deadline is not made: the last failure is thrown at once, so an operation never takes much longer
 * than {@link RetrySettings#totalTimeout()}. Other exceptions pass through untouched.
 *
 * <p>An interrupt ends the call: a failure on a thread that is interrupted is thrown at once, not
 * retried (no wait is announced to the {@link WaitListener}), and an interrupt during a wait ends
 * it and throws the last failure. Either way the thread stays interrupted, so its owner, such as a
 * closing delivery thread, sees why the call ended.
 *
 * <p>One instance serves every call and thread: the deadline of the call in progress travels with
 * the calling thread, on which resilience4j runs the attempts and waits.
 */
public final class BudgetedRetry {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetedRetry.class);
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

  private final String vendor;
  private final RetrySettings settings;
  private final Clock clock;
  private final Function<Throwable, @Nullable Instant> retryAtOf;
  private final IntervalFunction backoff;
  private final Retry retry;
  private volatile WaitListener listener = (failure, waitMillis) -> {};
  private volatile String providerId;
  private volatile AccessObserver observer = AccessObserver.none();

  /** Says that a retry will wait, before it does; for a pacer that holds other calls back too. */
  @FunctionalInterface
  public interface WaitListener {
    /** {@code failure} will be retried after {@code waitMillis}. */
    void willWait(Throwable failure, long waitMillis);
  }

  /**
   * Retries for calls to {@code vendor} (named in logs), reading "retry at" times from {@link
   * RateLimitedException#retryAt()}.
   */
  public BudgetedRetry(String vendor, RetrySettings settings, Clock clock) {
    this(vendor, settings, clock, BudgetedRetry::rateLimitReset);
  }

  /**
   * Retries for calls to {@code vendor}, reading "retry at" times with {@code retryAtOf} (null when
   * the failure does not say).
   */
  public BudgetedRetry(
      String vendor,
      RetrySettings settings,
      Clock clock,
      Function<Throwable, @Nullable Instant> retryAtOf) {
    this.vendor = requireNonNull(vendor, "vendor");
    this.providerId = vendor;
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.retryAtOf = requireNonNull(retryAtOf, "retryAtOf");
    this.backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
    this.retry =
        Retry.of(
            vendor,
            RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(BudgetedRetry::retryable)
                .intervalBiFunction(interval())
                .build());
  }

  /** Tells {@code listener} of every wait before it starts; replaces any listener set before. */
  public BudgetedRetry onWait(WaitListener listener) {
    this.listener = requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Tells {@code observer} of every rate-limit answer ({@link AccessObserver#providerRateLimited})
   * and every retry ({@link AccessObserver#providerRetry}), naming the provider {@code providerId};
   * replaces any observer set before. An observer that throws is logged and ignored.
   */
  public BudgetedRetry observe(String providerId, AccessObserver observer) {
    this.providerId = requireNonNull(providerId, "providerId");
    this.observer = AccessObserver.safe(observer);
    return this;
  }

  /** The settings. */
  public RetrySettings settings() {
    return settings;
  }

  /**
   * The deadline of an operation starting now, on the monotonic clock: every call the operation
   * makes shares it, so the operation as a whole stays within the total timeout.
   */
  public long deadline() {
    return System.nanoTime() + settings.totalTimeout().toNanos();
  }

  /** Milliseconds left before {@code deadline}, from {@link #deadline()}; negative when past. */
  public static long millisLeft(long deadline) {
    return (deadline - System.nanoTime()) / 1_000_000;
  }

  /**
   * Runs {@code attempt} until it succeeds, fails for good, runs out of attempts, or the next wait
   * would pass {@code deadline}; then throws its last failure.
   */
  public <T> T run(Supplier<T> attempt, long deadline) {
    Long outer = DEADLINE.get();
    DEADLINE.set(deadline);
    try {
      return retry.executeSupplier(
          () -> {
            try {
              return attempt.get();
            } catch (RateLimitedException e) {
              rateLimited(e);
              throw e;
            }
          });
    } finally {
      if (outer == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(outer);
      }
    }
  }

  /**
   * How long to wait after attempt {@code attempt} (from 1) failed with {@code failure}, or {@code
   * -1} when that wait would pass {@code deadline}. For callers that retry parts of an answer
   * themselves, such as the failed requests of a batch.
   */
  public long waitMillis(int attempt, Throwable failure, long deadline) {
    long wait = backoffMillis(attempt);
    Instant retryAt = retryAtOf.apply(failure);
    if (retryAt != null) {
      wait = Math.max(wait, retryAt.toEpochMilli() - clock.millis() + jitter());
    }
    return wait >= millisLeft(deadline) ? -1L : wait;
  }

  /** The backoff after attempt {@code attempt} (from 1), with jitter. */
  public long backoffMillis(int attempt) {
    return backoff.apply(Math.max(1, attempt));
  }

  /**
   * Whether {@code failure} is worth another attempt; evaluated on the calling thread, so an
   * interrupted caller (one being stopped) makes no further attempt.
   */
  private static boolean retryable(Throwable failure) {
    return failure instanceof ProviderException p
        && p.retryable()
        && !Thread.currentThread().isInterrupted();
  }

  private IntervalBiFunction<Object> interval() {
    return (attempt, outcome) -> {
      Long deadline = DEADLINE.get();
      Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
      if (deadline == null || failure == null) {
        return backoffMillis(attempt);
      }
      long wait = waitMillis(attempt, failure, deadline);
      if (wait < 0) {
        LOG.debug("{}: not retried, the wait would pass the deadline", vendor);
        return -1L; // resilience4j stops and rethrows the last failure
      }
      listener.willWait(failure, wait);
      retrying(failure);
      return wait;
    };
  }

  /** Reports a rate-limit answer, with the wait the vendor asked for. */
  private void rateLimited(RateLimitedException e) {
    Instant at = retryAtOf.apply(e);
    Duration wait = at == null ? Duration.ZERO : Duration.between(clock.instant(), at);
    observer.providerRateLimited(
        providerId, e.operation(), wait.isNegative() ? Duration.ZERO : wait);
  }

  /** Reports that {@code failure} will be tried again: its HTTP status, or {@code io}. */
  private void retrying(Throwable failure) {
    if (failure instanceof ProviderException p) {
      String reason = p.status() > 0 ? Integer.toString(p.status()) : "io";
      observer.providerRetry(providerId, p.operation(), reason);
    }
  }

  /** A little randomness on top of a vendor's reset time, so callers do not return as one. */
  private long jitter() {
    return ThreadLocalRandom.current().nextLong(Math.max(1, settings.initialBackoff().toMillis()));
  }

  private static @Nullable Instant rateLimitReset(Throwable failure) {
    return failure instanceof RateLimitedException limited ? limited.retryAt() : null;
  }
}
