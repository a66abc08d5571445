package dev.accessgov.entra.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.retry.BudgetedRetry;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.AccessObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SDK calls with bounded retries (resilience4j). A 429 or a 503 waits as long as Graph's
 * {@code Retry-After} asks; other 5xx, lost connections and unreadable answers back off
 * exponentially with jitter; other errors fail at once. No operation takes longer than the total
 * timeout: a wait that would cross it ends the call with the last error instead. Graph throttles an
 * app per tenant, so after a 429 every thread of this provider holds back until the time Graph
 * named, instead of each drawing its own 429. Every call repeated is idempotent (reads, adding or
 * removing a member reference), so a retry never duplicates a membership. Thread-safe. Not API.
 */
public final class GraphCalls {
  private static final Logger LOG = LoggerFactory.getLogger(GraphCalls.class);

  private final Clock clock;
  private final GraphErrors errors;
  private final AtomicLong notBeforeMillis = new AtomicLong();
  private final BudgetedRetry retry;

  /**
   * Calls for the provider {@code providerId}, stamped by {@code clock}; retries and rate limits
   * are reported to {@code observer}.
   */
  public GraphCalls(
      String providerId, RetrySettings settings, Clock clock, AccessObserver observer) {
    this.clock = clock;
    this.errors = new GraphErrors(providerId, clock);
    this.retry =
        new BudgetedRetry("Graph " + providerId, settings, clock, GraphCalls::retryAt)
            .observe(providerId, observer);
  }

  /** The errors translator, for answers read outside {@link #run} (batch sub-responses). */
  public GraphErrors errors() {
    return errors;
  }

  /**
   * The deadline of an operation starting now, for {@link #run}: every Graph call one operation
   * makes shares it, so the operation as a whole stays within the total timeout.
   */
  public long deadline() {
    return retry.deadline();
  }

  /**
   * Runs {@code call}, retrying within the settings and before {@code deadline}.
   *
   * @return the SDK's value and the response it came in
   * @throws ProviderException when Graph refused, or retries ran out (then {@code retryable})
   */
  public <T> GraphAnswer<T> run(GraphCall<T> call, long deadline) {
    return retry.run(() -> attempt(call, deadline), deadline);
  }

  private <T> GraphAnswer<T> attempt(GraphCall<T> call, long deadline) {
    holdBack(deadline);
    GraphTransport.beginAttempt(deadline);
    T value;
    try {
      value = call.sdk().get();
    } catch (AccessConfigurationException | ProviderException e) {
      // Raised by the credential or by our own checks: already typed.
      GraphTransport.endAttempt();
      throw e;
    } catch (RuntimeException e) {
      ProviderException failure = errors.translate(call, e, GraphTransport.endAttempt());
      noteThrottle(failure);
      LOG.debug("Graph {} attempt failed: {}", call.operation(), failure.getMessage());
      throw failure;
    }
    ResponseMeta meta = GraphTransport.endAttempt();
    if (meta == null) {
      // Cannot happen with our transport; kept so evidence never claims an answer it lacks.
      throw new IllegalStateException("the Graph SDK returned without a response");
    }
    if (call.expectedStatus() != 0
        && meta.status() / 100 == 2
        && meta.status() != call.expectedStatus()) {
      // Graph answers a reference change with 204 and no body. Anything else did not come from
      // Graph (a proxy's page, a cut answer): nothing says the change was made, so ask again.
      ProviderException failure =
          new ProviderException(
              errors.providerId(),
              call.operation(),
              meta.status(),
              "unexpected_answer",
              meta.requestId(),
              true,
              "Graph answers "
                  + call.operation()
                  + " with HTTP "
                  + call.expectedStatus()
                  + ", this answer was HTTP "
                  + meta.status()
                  + "; it is not taken as done",
              null);
      LOG.debug("Graph {} attempt failed: {}", call.operation(), failure.getMessage());
      throw failure;
    }
    return new GraphAnswer<>(value, meta);
  }

  /**
   * Remembers when Graph will take calls again, for every thread; also used for batch
   * sub-responses.
   */
  public void noteThrottle(ProviderException failure) {
    Instant retryAt = retryAt(failure);
    if (retryAt != null && failure.status() == 429) {
      notBeforeMillis.accumulateAndGet(retryAt.toEpochMilli(), Math::max);
    }
  }

  /** Waits until the latest throttle has passed, unless that lies beyond the deadline. */
  public void holdBack(long deadline) {
    long pause = notBeforeMillis.get() - clock.millis();
    long left = BudgetedRetry.millisLeft(deadline);
    if (pause > 0 && pause < left) {
      sleep(pause);
    }
  }

  /** How long to wait before retrying after {@code failure}; negative when there is no time. */
  public long waitMillis(int attempt, Throwable failure, long deadline) {
    return retry.waitMillis(attempt, failure, deadline);
  }

  private static @Nullable Instant retryAt(Throwable failure) {
    if (failure instanceof RateLimitedException limited) {
      return limited.retryAt();
    }
    return failure instanceof ServiceBusyException busy ? busy.retryAt() : null;
  }

  /**
   * The SDK's value of a read that must have one. The SDK answers null for a 2xx whose body it
   * could not parse; that is an unreadable answer, retried as such, not "nothing found".
   */
  public static <T> T present(@Nullable T value) {
    if (value == null) {
      throw new UncheckedIOException(new IOException("Graph's answer had no readable body"));
    }
    return value;
  }

  /** Sleeps, keeping the interrupt. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to call Microsoft Graph", e);
    }
  }
}
