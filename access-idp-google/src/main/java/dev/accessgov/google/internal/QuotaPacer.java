package dev.accessgov.google.internal;

/**
 * Spreads calls evenly to a configured rate, so a burst of grants stays under the project's Admin
 * SDK quota instead of running into 403 {@code userRateLimitExceeded} and backing off. Google,
 * unlike Okta, sends no remaining-quota headers, so the rate has to be told. Each call takes the
 * next free slot; slots are {@code 60 s / requestsPerMinute} apart. Thread-safe. Not API.
 */
final class QuotaPacer {
  private final long intervalNanos;
  private long nextSlot;

  /** A pacer for {@code requestsPerMinute}; 0 or less paces nothing. */
  QuotaPacer(int requestsPerMinute) {
    this.intervalNanos = requestsPerMinute <= 0 ? 0 : 60_000_000_000L / requestsPerMinute;
    this.nextSlot = System.nanoTime();
  }

  /**
   * Takes the next slot and returns how long to wait for it, in nanoseconds; 0 when unpaced. The
   * slot is kept only when the wait fits before {@code deadline}, so a call that cannot wait does
   * not push later calls back.
   */
  synchronized long reserve(long deadline) {
    if (intervalNanos == 0) {
      return 0;
    }
    long now = System.nanoTime();
    long slot = Math.max(now, nextSlot);
    if (slot > deadline) {
      return 0;
    }
    nextSlot = slot + intervalNanos;
    return slot - now;
  }

  /**
   * Google throttled a call although we paced: keep every caller away for {@code nanos}, since the
   * quota is shared, instead of letting the other threads run into the same answer.
   */
  synchronized void holdOff(long nanos) {
    if (intervalNanos == 0) {
      return;
    }
    nextSlot = Math.max(nextSlot, System.nanoTime() + nanos);
  }
}
