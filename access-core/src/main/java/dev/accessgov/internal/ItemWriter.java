package dev.accessgov.internal;

import dev.accessgov.review.ReviewItem;
import dev.accessgov.spi.GovernanceStore;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Stores a starting campaign's items batch by batch on a thread of its own, so the next batch is
 * built (members listed, records read) while the previous one commits: with a database store the
 * two are about equal halves of a campaign's start. At most one batch is being written while the
 * caller builds the next, so memory holds two batches. A failed write is thrown to the caller at
 * its next {@link #write} or at {@link #finish}. Not API.
 */
final class ItemWriter implements AutoCloseable {
  private static final AtomicInteger WRITERS = new AtomicInteger();

  private final GovernanceStore store;
  private final ExecutorService thread;
  private @Nullable Future<?> writing;

  ItemWriter(GovernanceStore store) {
    this.store = store;
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "access-campaign-items-" + WRITERS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Waits for the previous batch to be stored, then starts storing {@code batch} (which the caller
   * must not change afterwards).
   */
  void write(List<ReviewItem> batch) {
    finish();
    writing = thread.submit(() -> store.addItems(batch));
  }

  /** Waits until every batch given is stored; throws what storing one threw. */
  void finish() {
    Future<?> last = writing;
    writing = null;
    if (last == null) {
      return;
    }
    try {
      last.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing a campaign's items", e);
    }
  }

  /**
   * Stops the thread. A batch still being written when the caller gave up finishes or fails on its
   * own; the campaign stays {@code STARTING} either way.
   */
  @Override
  public void close() {
    thread.shutdown();
  }
}
