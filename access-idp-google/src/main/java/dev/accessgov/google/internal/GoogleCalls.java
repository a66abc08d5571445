package dev.accessgov.google.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Directory API calls with bounded retries (resilience4j) and optional quota pacing. Google's
 * throttling (429, and 403 {@code userRateLimitExceeded} / {@code rateLimitExceeded} / {@code
 * quotaExceeded}), 5xx, lost connections and unreadable answers back off exponentially with jitter
 * (or wait for {@code Retry-After} when Google sends one); other errors fail at once. No operation
 * takes longer than the total timeout: a wait that would cross it ends the call with the last error
 * instead. Every call that is repeated is idempotent (reads, insert answered 409 when repeated,
 * delete answered 404), so a retry never duplicates a membership. Thread-safe. Not API.
 */
public final class GoogleCalls {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleCalls.class);

  private final RetrySettings settings;
  private final Clock clock;
  private final GoogleErrors errors;
  private final QuotaPacer pacer;

  /** Calls for the provider {@code providerId}; {@code clock} reads {@code Retry-After} times. */
  public GoogleCalls(String providerId, RetrySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.errors = new GoogleErrors(providerId, clock);
    this.pacer = new QuotaPacer(settings.requestsPerMinute());
  }

  /**
   * The deadline of an operation starting now, for {@link #run}: every call one SPI operation makes
   * shares it, so the operation as a whole stays within the total timeout.
   */
  public long deadline() {
    // Measured on the monotonic clock: the budget must hold even if wall time jumps.
    return System.nanoTime() + settings.totalTimeout().toNanos();
  }

  /**
   * Runs {@code call}, retrying within the settings and before {@code deadline}.
   *
   * @param deadline from {@link #deadline()}
   * @return the answer
   * @throws ProviderException when Google refused, or retries ran out (then {@code retryable})
   */
  public <T> GoogleAnswer<T> run(GoogleCall<T> call, long deadline) {
    RetryConfig config =
        RetryConfig.<GoogleAnswer<T>>custom()
            .maxAttempts(settings.maxAttempts())
            .retryOnException(e -> e instanceof ProviderException p && p.retryable())
            .intervalBiFunction(interval(call, deadline))
            .build();
    Retry retry = Retry.of(call.operation(), config);
    return retry.executeSupplier(() -> attempt(call, deadline));
  }

  private <T> GoogleAnswer<T> attempt(GoogleCall<T> call, long deadline) {
    long pause = pacer.reserve(deadline);
    if (pause > 0) {
      sleep(TimeUnit.NANOSECONDS.toMillis(pause));
    }
    DirectoryTransport.beginAttempt(deadline);
    try {
      return call.request().send();
    } catch (IOException e) {
      ProviderException failure = errors.translate(call.operation(), e);
      LOG.debug("Google {} attempt failed: {}", call.operation(), failure.getMessage());
      throw failure;
    } catch (AccessConfigurationException | ProviderException e) {
      throw e;
    } finally {
      DirectoryTransport.endAttempt();
    }
  }

  private <T> IntervalBiFunction<GoogleAnswer<T>> interval(GoogleCall<T> call, long deadline) {
    return (attempt, outcome) -> {
      Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
      long wait = backoff(attempt);
      if (failure instanceof RateLimitedException limited) {
        Instant retryAt = limited.retryAt();
        if (retryAt != null) {
          wait = Math.max(wait, retryAt.toEpochMilli() - clock.millis() + jitter());
        }
        pacer.holdOff(TimeUnit.MILLISECONDS.toNanos(wait));
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (wait >= left) {
        LOG.debug(
            "Google {}: no retry, {} ms wait exceeds the {} ms left", call.operation(), wait, left);
        // A negative interval makes resilience4j stop and rethrow the last failure.
        return -1L;
      }
      return wait;
    };
  }

  private long backoff(int attempt) {
    long base = settings.initialBackoff().toMillis();
    long ceiling = settings.maxBackoff().toMillis();
    long exponential = Math.min(ceiling, base << Math.min(20, Math.max(0, attempt - 1)));
    // Equal jitter: at least half the backoff, so retries of many callers do not line up.
    return exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
  }

  private long jitter() {
    return ThreadLocalRandom.current().nextLong(Math.max(1, settings.initialBackoff().toMillis()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing Google calls", e);
    }
  }
}
