package dev.accessgov.spring;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessRuntime;
import dev.accessgov.RuntimeStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Gauges read from {@link AccessRuntime#status()}: {@code access.inflight}, {@code
 * access.inflight.stuck} and {@code access.evidence.events}. One status reading serves all three
 * for {@code access.metrics.status-cache-for}, since a reading counts rows in the store.
 */
public final class AccessStatusGauges {
  /** Records provisioning or deprovisioning now. */
  public static final String IN_FLIGHT = "access.inflight";

  /** In-flight records unchanged for longer than {@code access.stuck-after}. */
  public static final String STUCK = "access.inflight.stuck";

  /** Events in the evidence log. */
  public static final String EVIDENCE_EVENTS = "access.evidence.events";

  private final AccessRuntime runtime;
  private final long cacheNanos;
  private final LongSupplier nanoTime;
  private @Nullable RuntimeStatus last;
  private long readAt;

  /**
   * Registers the gauges.
   *
   * @param cacheFor how long one status reading is reused
   * @param nanoTime a monotonic time source, {@code System::nanoTime} outside tests
   */
  public AccessStatusGauges(
      MeterRegistry registry, AccessRuntime runtime, Duration cacheFor, LongSupplier nanoTime) {
    requireNonNull(registry, "registry");
    this.runtime = requireNonNull(runtime, "runtime");
    this.cacheNanos = requireNonNull(cacheFor, "cacheFor").toNanos();
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    gauge(registry, IN_FLIGHT, "Records provisioning or deprovisioning", RuntimeStatus::inFlight);
    gauge(
        registry,
        STUCK,
        "In-flight records unchanged for longer than access.stuck-after",
        RuntimeStatus::stuckInFlight);
    gauge(registry, EVIDENCE_EVENTS, "Events in the evidence log", RuntimeStatus::evidenceEvents);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      java.util.function.ToLongFunction<RuntimeStatus> value) {
    // Unknown while the store does not answer: NaN, which backends show as a gap, not a zero.
    ToDoubleFunction<AccessStatusGauges> read =
        g -> {
          RuntimeStatus s = g.status();
          return s.storeReachable() ? value.applyAsLong(s) : Double.NaN;
        };
    Gauge.builder(name, this, read)
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  synchronized RuntimeStatus status() {
    long now = nanoTime.getAsLong();
    RuntimeStatus cached = last;
    if (cached == null || now - readAt >= cacheNanos) {
      cached = runtime.status();
      last = cached;
      readAt = now;
    }
    return cached;
  }
}
