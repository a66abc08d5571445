package dev.accessgov.spi;

import dev.accessgov.AccessService;
import dev.accessgov.SweepResult;
import java.time.Clock;

/**
 * A service's background jobs (expiry, recovery, review deadlines, reclaim, reconcile,
 * checkpoints), as {@code dev.accessgov.AccessRuntime} starts and stops them. {@code access-jdbc}'s
 * {@code AccessScheduler} is the implementation that runs once per cluster.
 */
public interface BackgroundWork extends AutoCloseable {
  /**
   * Finishes what a previous run left in flight, then schedules the jobs. Called once.
   *
   * @return what the start-up recovery did
   */
  SweepResult start();

  /** Whether the jobs are scheduled: true after {@link #start()}, false after {@link #close()}. */
  boolean isRunning();

  /** Stops scheduling and waits for running jobs; a second call does nothing. */
  @Override
  void close();

  /** Creates the background work of a built service; {@code AccessRuntime} calls it once. */
  @FunctionalInterface
  interface Factory {
    /**
     * The background work of {@code service}.
     *
     * @param store the store the service was built on
     * @param clock the service's clock, for every due time
     * @param observer the service's observer, to report sweeps to
     * @throws dev.accessgov.AccessConfigurationException when the work cannot run on this store
     */
    BackgroundWork create(
        AccessService service, AccessStore store, Clock clock, AccessObserver observer);
  }
}
