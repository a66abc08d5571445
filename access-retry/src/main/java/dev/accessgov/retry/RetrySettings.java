package dev.accessgov.retry;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import java.time.Duration;

/**
 * How calls to one vendor are retried.
 *
 * @param maxAttempts attempts per call, the first included; at least 1
 * @param initialBackoff the wait after the first retryable failure; it doubles per attempt, with
 *     jitter; positive
 * @param maxBackoff the longest such wait; at least {@code initialBackoff}
 * @param totalTimeout how long one operation may take in all, its waits and every call it makes
 *     included; positive
 */
public record RetrySettings(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration totalTimeout) {

  /** Checks the bounds. */
  public RetrySettings {
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    requireNonNull(totalTimeout, "totalTimeout");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "maxAttempts must be at least 1 (1 means no retries), was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (totalTimeout.isNegative() || totalTimeout.isZero()) {
      throw new IllegalArgumentException("totalTimeout must be positive, was " + totalTimeout);
    }
  }

  /**
   * The settings a provider builder was given, or an {@link AccessConfigurationException} naming
   * {@code vendor} and the setting to fix, as builders report every mistake.
   */
  public static RetrySettings configured(
      String vendor,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration totalTimeout) {
    try {
      return new RetrySettings(maxAttempts, initialBackoff, maxBackoff, totalTimeout);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new AccessConfigurationException(vendor + " " + e.getMessage());
    }
  }
}
