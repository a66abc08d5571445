package dev.accessgov.time;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, like Micrometer's {@code MockClock}: it
 * reads the same instant until {@link #advance} or {@link #set} changes it, so expiry, deadlines
 * and grace periods can be driven without sleeping. Thread-safe: every copy made by {@link
 * #withZone} shares the same time.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  public static TestClock at(Instant start) {
    return new TestClock(new AtomicReference<>(requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** A clock standing at {@code start} (ISO-8601, e.g. {@code 2026-01-05T09:00:00Z}), in UTC. */
  public static TestClock at(String start) {
    return at(Instant.parse(start));
  }

  /** Moves the clock forward (or back, for a negative amount) and returns the new time. */
  public Instant advance(Duration amount) {
    return now.updateAndGet(t -> t.plus(requireNonNull(amount, "amount")));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return requireNonNull(now.get(), "now"); // set only to non-null instants
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new TestClock(now, requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "TestClock[" + now.get() + "]";
  }
}
