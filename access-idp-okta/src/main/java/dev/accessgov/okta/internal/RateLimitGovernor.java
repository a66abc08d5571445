package dev.accessgov.okta.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Slows calls down before Okta answers 429. Okta reports, per endpoint family, how many requests
 * remain until the window resets; when fewer than a share of the limit remain, each call waits for
 * its fair slice of the time left, so the remaining requests stretch to the reset instead of
 * running out early and drawing 429s. Not API.
 */
final class RateLimitGovernor {
  private final Clock clock;
  private final double slowDownBelow;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimitGovernor(Clock clock, double slowDownBelow) {
    this.clock = clock;
    this.slowDownBelow = slowDownBelow;
  }

  /** How long to wait before the next call against {@code bucket}; 0 for none. */
  long pauseMillis(String bucket) {
    Bucket b = buckets.get(bucket);
    if (b == null) {
      return 0;
    }
    synchronized (b) {
      long untilReset = b.reset.toEpochMilli() - clock.millis();
      if (untilReset <= 0 || b.limit <= 0) {
        return 0;
      }
      // Count the call now, so that threads pausing together share the remaining requests.
      int remaining = b.remaining--;
      if (remaining > b.limit * slowDownBelow) {
        return 0;
      }
      return remaining <= 0 ? untilReset : untilReset / (remaining + 1);
    }
  }

  /** Learns the bucket's state from a response's rate-limit headers. */
  void observe(String bucket, @Nullable ResponseMeta meta) {
    if (meta == null || meta.reset() == null || meta.limit() < 0 || meta.remaining() < 0) {
      return;
    }
    Bucket b = buckets.computeIfAbsent(bucket, k -> new Bucket());
    synchronized (b) {
      // Answers arrive out of order; within one window the lowest count is the latest truth.
      if (meta.reset().isAfter(b.reset)
          || (meta.reset().equals(b.reset) && meta.remaining() < b.remaining)) {
        b.limit = meta.limit();
        b.remaining = meta.remaining();
        b.reset = meta.reset();
      }
    }
  }

  private static final class Bucket {
    int limit;
    int remaining = Integer.MAX_VALUE;
    Instant reset = Instant.EPOCH;
  }
}
