package dev.accessgov.okta.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.retry.BudgetedRetry;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.AccessObserver;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SDK calls with bounded retries (resilience4j) and rate-limit pacing. A 429 waits until the
 * bucket resets ({@code X-Rate-Limit-Reset}, else {@code Retry-After}); a 5xx, a lost connection or
 * an unreadable answer backs off exponentially with jitter; other errors fail at once. No call
 * takes longer than the total timeout: a wait that would cross it ends the call with the last error
 * instead. Every call Okta is asked to repeat is idempotent (reads, assign, unassign), so a retry
 * never duplicates a membership. Thread-safe. Not API.
 */
public final class OktaCalls {
  private static final Logger LOG = LoggerFactory.getLogger(OktaCalls.class);

  private final BudgetedRetry retry;
  private final OktaErrors errors;
  private final RateLimitGovernor governor;

  /**
   * Calls for the provider {@code providerId}, stamped and paced by {@code clock}; calls slow down
   * when a bucket's remaining share falls below {@code slowDownBelow} (0 turns pacing off); retries
   * and rate limits are reported to {@code observer}.
   */
  public OktaCalls(
      String providerId,
      RetrySettings settings,
      double slowDownBelow,
      Clock clock,
      AccessObserver observer) {
    this.retry =
        new BudgetedRetry("Okta " + providerId, settings, clock).observe(providerId, observer);
    this.errors = new OktaErrors(providerId, clock);
    this.governor = new RateLimitGovernor(clock, slowDownBelow);
  }

  /**
   * The deadline of an operation starting now, for {@link #run}: every Okta call one SPI operation
   * makes shares it, so the operation as a whole stays within the total timeout.
   */
  public long deadline() {
    return retry.deadline();
  }

  /**
   * Runs {@code call}, retrying within the settings and before {@code deadline}.
   *
   * @param deadline from {@link #deadline()}
   * @return the SDK's value and the response it came in
   * @throws ProviderException when Okta refused, or retries ran out (then {@code retryable})
   */
  public <T> OktaAnswer<T> run(OktaCall<T> call, long deadline) {
    return retry.run(() -> attempt(call, deadline), deadline);
  }

  private <T> OktaAnswer<T> attempt(OktaCall<T> call, long deadline) {
    pace(call, deadline);
    OktaTransport.beginAttempt(deadline);
    T value;
    try {
      value = call.sdk().get();
    } catch (AccessConfigurationException | ProviderException e) {
      // Raised by the credential (a supplier returning nothing, the token endpoint refusing):
      // already typed, and not an answer of the API itself.
      OktaTransport.endAttempt();
      throw e;
    } catch (RuntimeException e) {
      ResponseMeta meta = OktaTransport.endAttempt();
      governor.observe(call.bucket(), meta);
      ProviderException failure = errors.translate(call, e, meta);
      LOG.debug("Okta {} attempt failed: {}", call.operation(), failure.getMessage());
      throw failure;
    }
    ResponseMeta meta = OktaTransport.endAttempt();
    governor.observe(call.bucket(), meta);
    if (meta == null) {
      // Cannot happen with our transport; kept so evidence never claims an answer it lacks.
      throw new IllegalStateException("the Okta SDK returned without a response");
    }
    return new OktaAnswer<>(value, meta);
  }

  private void pace(OktaCall<?> call, long deadline) {
    long pause = governor.pauseMillis(call.bucket());
    long left = BudgetedRetry.millisLeft(deadline);
    if (pause <= 0) {
      return;
    }
    if (pause >= left) {
      // Waiting cannot help within the budget; let Okta answer, with its own request id.
      return;
    }
    sleep(pause);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing Okta calls", e);
    }
  }
}
