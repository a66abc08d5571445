package dev.accessgov;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.Catalog;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.BackgroundWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One object that owns a service and everything it runs on: the store, the identity providers,
 * ticketing, the notifier and the background work, started together and closed in order. A host
 * keeps one for the life of the application.
 *
 * <pre>{@code
 * try (AccessRuntime runtime =
 *     AccessRuntime.builder(AccessService.builder().catalog(catalog).store(store)...)
 *         .background(AccessScheduler.factory(s -> s.expiryInterval(Duration.ofMinutes(1))))
 *         .start()) {
 *   AccessService access = runtime.service();
 *   ...
 * }
 * }</pre>
 */
public final class AccessRuntime implements AutoCloseable {
  /** The default {@link Builder#stuckAfter}: 15 minutes. */
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(15);

  private final AccessService service;
  private final Catalog catalog;
  private final AccessStore store;
  private final Clock clock;
  private final @Nullable BackgroundWork background;
  private final List<Object> owned;
  private final Duration stuckAfter;
  private final AtomicBoolean closed = new AtomicBoolean();

  private AccessRuntime(
      AccessService service,
      Catalog catalog,
      AccessServiceBuilder.Parts parts,
      @Nullable BackgroundWork background,
      List<Object> owned,
      Duration stuckAfter) {
    this.service = service;
    this.catalog = catalog;
    this.store = parts.store();
    this.clock = parts.clock();
    this.background = background;
    this.owned = owned;
    this.stuckAfter = stuckAfter;
  }

  /**
   * A runtime of the service {@code service} describes. Its parts (store, identity providers,
   * ticketing, notifier, clock and observer) are taken from it and owned by the runtime: {@link
   * #close()} closes those that are {@link AutoCloseable}. Use the builder for nothing else
   * afterwards.
   */
  public static Builder builder(AccessServiceBuilder service) {
    return new Builder(requireNonNull(service, "service"));
  }

  /** The service. */
  public AccessService service() {
    return service;
  }

  /** The catalog the service was built with. */
  public Catalog catalog() {
    return catalog;
  }

  /**
   * How the runtime stands: whether the store answers, whether the background work runs, the age of
   * the latest checkpoint, the records in flight and stuck there, the size of the evidence log.
   * Reads the store (the evidence size, the in-flight records and the checkpoints), so it costs a
   * few queries; never throws for a store that does not answer, but reports it.
   */
  public RuntimeStatus status() {
    boolean configured = background != null;
    boolean running = background != null && background.isRunning();
    try {
      long events = store.evidenceSize();
      Instant now = clock.instant();
      Instant stuckBefore = now.minus(stuckAfter);
      long inFlight = 0;
      long stuck = 0;
      RecordQuery query =
          RecordQuery.all()
              .states(RecordState.PROVISIONING, RecordState.DEPROVISIONING)
              .limit(RecordQuery.MAX_LIMIT);
      for (AccessRecord r :
          (Iterable<AccessRecord>) RecordQuery.readAll(query, store::query)::iterator) {
        inFlight++;
        if (!lastChange(r).isAfter(stuckBefore)) {
          stuck++;
        }
      }
      Duration checkpointAge =
          service.evidence().signs()
              ? store.latestCheckpoint().map(c -> Duration.between(c.time(), now)).orElse(null)
              : null;
      return new RuntimeStatus(
          true, null, configured, running, checkpointAge, inFlight, stuck, events);
    } catch (RuntimeException e) {
      String problem = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      return new RuntimeStatus(false, problem, configured, running, null, 0, 0, 0);
    }
  }

  private static Instant lastChange(AccessRecord r) {
    List<EvidenceEvent> timeline = r.timeline();
    return timeline.isEmpty() ? r.requestedAt() : timeline.get(timeline.size() - 1).time();
  }

  /**
   * Closes the background work (waiting for running jobs), then ticketing, the notifier and the
   * identity providers, then the store, then the resources given to {@link Builder#closeAlso}, each
   * that is {@link AutoCloseable}. Every close is tried; the first failure is thrown with the
   * others suppressed. A second call does nothing.
   *
   * @throws AccessException when a close failed (an unchecked exception it threw passes as it is)
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeAll(owned, null);
    }
  }

  /**
   * Closes each of {@code resources} that is {@link AutoCloseable}, in order; throws the first
   * failure (after {@code pending}, when given), the others suppressed.
   */
  private static void closeAll(List<Object> resources, @Nullable RuntimeException pending) {
    RuntimeException first = pending;
    for (Object resource : resources) {
      if (resource instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          if (first == null) {
            first =
                e instanceof RuntimeException r
                    ? r
                    : new AccessException("closing " + resource + " failed: " + e.getMessage(), e);
          } else {
            first.addSuppressed(e);
          }
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "AccessRuntime[" + service + (background == null ? "" : ", " + background) + "]";
  }

  /** Configures and starts an {@link AccessRuntime}. */
  public static final class Builder {
    private final AccessServiceBuilder serviceBuilder;
    private BackgroundWork.@Nullable Factory background;
    private final List<AutoCloseable> alsoClose = new ArrayList<>();
    private Duration stuckAfter = DEFAULT_STUCK_AFTER;

    private Builder(AccessServiceBuilder serviceBuilder) {
      this.serviceBuilder = serviceBuilder;
    }

    /**
     * The background work to start with the service and close first, e.g. {@code
     * AccessScheduler.factory(...)} of {@code access-jdbc}. Default: none; the host then calls the
     * sweeps ({@link AccessService#expireDue()}, {@link AccessService#recover()}...) itself.
     */
    public Builder background(BackgroundWork.Factory factory) {
      this.background = requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Another resource to close, after the store (e.g. the {@code DataSource} the store was built
     * on); several are closed in the order given. Default: none.
     */
    public Builder closeAlso(AutoCloseable resource) {
      alsoClose.add(requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * How long a record may stay {@code PROVISIONING} or {@code DEPROVISIONING} without a new
     * evidence event before {@link RuntimeStatus#stuckInFlight()} counts it. Default: 15 minutes.
     *
     * @throws AccessConfigurationException when not positive
     */
    public Builder stuckAfter(Duration stuckAfter) {
      requireNonNull(stuckAfter, "stuckAfter");
      if (stuckAfter.isZero() || stuckAfter.isNegative()) {
        throw new AccessConfigurationException(
            "stuckAfter must be positive (e.g. PT15M), was " + stuckAfter);
      }
      this.stuckAfter = stuckAfter;
      return this;
    }

    /**
     * Builds the service and starts the background work (which first recovers what a previous run
     * left in flight). When either fails, everything the runtime would own is closed and the
     * failure rethrown, the close failures suppressed.
     *
     * @throws AccessConfigurationException as {@link AccessServiceBuilder#build()} and the
     *     background work's factory throw it
     */
    public AccessRuntime start() {
      AccessServiceBuilder.Parts parts = serviceBuilder.parts();
      List<Object> owned = new ArrayList<>(parts.closeOrder());
      owned.addAll(alsoClose);
      try {
        AccessService service = serviceBuilder.build();
        BackgroundWork work = null;
        if (background != null) {
          work =
              requireNonNull(
                  background.create(service, parts.store(), parts.clock(), parts.observer()),
                  "the background factory returned null");
          owned.add(0, work);
          work.start();
        }
        Catalog catalog = requireNonNull(serviceBuilder.catalog(), "catalog");
        return new AccessRuntime(service, catalog, parts, work, List.copyOf(owned), stuckAfter);
      } catch (RuntimeException e) {
        closeAll(owned, e);
        throw e;
      }
    }
  }
}
