package dev.accessgov.entra.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
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

  private final RetrySettings settings;
  private final Clock clock;
  private final GraphErrors errors;
  private final AtomicLong notBeforeMillis = new AtomicLong();
  private final Retry retry;

  /**
   * The deadline of the call running on this thread, for the shared retry's interval function: one
   * {@link Retry} serves every call (building one per call costs more than the call's own
   * bookkeeping), and resilience4j runs the attempts and waits on the calling thread.
   */
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

  /** Calls for the provider {@code providerId}, stamped by {@code clock}. */
  public GraphCalls(String providerId, RetrySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.errors = new GraphErrors(providerId, clock);
    this.retry =
        Retry.of(
            providerId,
            RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(e -> e instanceof ProviderException p && p.retryable())
                .intervalBiFunction(interval())
                .build());
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
    // The monotonic clock: the budget must hold even if wall time jumps.
    return System.nanoTime() + settings.totalTimeout().toNanos();
  }

  /**
   * Runs {@code call}, retrying within the settings and before {@code deadline}.
   *
   * @return the SDK's value and the response it came in
   * @throws ProviderException when Graph refused, or retries ran out (then {@code retryable})
   */
  public <T> GraphAnswer<T> run(GraphCall<T> call, long deadline) {
    Long outer = DEADLINE.get();
    DEADLINE.set(deadline);
    try {
      return retry.executeSupplier(() -> attempt(call, deadline));
    } finally {
      if (outer == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(outer);
      }
    }
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
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (pause > 0 && pause < left) {
      sleep(pause);
    }
  }

  /** How long to wait before retrying after {@code failure}; negative when there is no time. */
  public long waitMillis(int attempt, Throwable failure, long deadline) {
    Instant retryAt = failure instanceof ProviderException p ? retryAt(p) : null;
    long wait =
        retryAt != null
            ? Math.max(0, retryAt.toEpochMilli() - clock.millis()) + jitter()
            : backoff(attempt);
    long left = (deadline - System.nanoTime()) / 1_000_000;
    return wait >= left ? -1L : wait;
  }

  private static @Nullable Instant retryAt(ProviderException failure) {
    if (failure instanceof RateLimitedException limited) {
      return limited.retryAt();
    }
    return failure instanceof ServiceBusyException busy ? busy.retryAt() : null;
  }

  private IntervalBiFunction<Object> interval() {
    return (attempt, outcome) -> {
      Long deadline = DEADLINE.get();
      Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
      if (deadline == null || failure == null) {
        return backoff(attempt);
      }
      long wait = waitMillis(attempt, failure, deadline);
      if (wait < 0) {
        LOG.debug("Graph call not retried: the wait exceeds the time left");
      }
      // A negative interval makes resilience4j stop and rethrow the last failure.
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
    // Small: Graph's Retry-After is in whole seconds, so it already errs on the late side.
    return ThreadLocalRandom.current()
        .nextLong(Math.max(1, settings.initialBackoff().toMillis() / 4));
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
