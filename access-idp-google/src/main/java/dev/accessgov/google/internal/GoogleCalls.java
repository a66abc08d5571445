package dev.accessgov.google.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.retry.BudgetedRetry;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.AccessObserver;
import java.io.IOException;
import java.time.Clock;
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

  private final BudgetedRetry retry;
  private final GoogleErrors errors;
  private final QuotaPacer pacer;

  /**
   * Calls for the provider {@code providerId}, at most {@code requestsPerMinute} a minute (0 for no
   * pacing); {@code clock} reads {@code Retry-After} times; retries and rate limits are reported to
   * {@code observer}.
   */
  public GoogleCalls(
      String providerId,
      RetrySettings settings,
      int requestsPerMinute,
      Clock clock,
      AccessObserver observer) {
    this.errors = new GoogleErrors(providerId, clock);
    this.pacer = new QuotaPacer(requestsPerMinute);
    // A throttled call holds every other call back for as long as it waits.
    this.retry =
        new BudgetedRetry("Google " + providerId, settings, clock)
            .observe(providerId, observer)
            .onWait(
                (failure, wait) -> {
                  if (failure instanceof RateLimitedException) {
                    pacer.holdOff(TimeUnit.MILLISECONDS.toNanos(wait));
                  }
                });
  }

  /**
   * The deadline of an operation starting now, for {@link #run}: every call one SPI operation makes
   * shares it, so the operation as a whole stays within the total timeout.
   */
  public long deadline() {
    return retry.deadline();
  }

  /**
   * Runs {@code call}, retrying within the settings and before {@code deadline}.
   *
   * @param deadline from {@link #deadline()}
   * @return the answer
   * @throws ProviderException when Google refused, or retries ran out (then {@code retryable})
   */
  public <T> GoogleAnswer<T> run(GoogleCall<T> call, long deadline) {
    return retry.run(() -> attempt(call, deadline), deadline);
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing Google calls", e);
    }
  }
}
