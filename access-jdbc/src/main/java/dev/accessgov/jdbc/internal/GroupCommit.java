package dev.accessgov.jdbc.internal;

import dev.accessgov.ProviderException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;

/**
 * Appends to the evidence chain in batches. Every write needs the chain head, which its transaction
 * holds until it commits, so one write per transaction allows one durable commit at a time however
 * many threads write. Here one thread takes every write waiting in the queue (up to {@value
 * #MAX_BATCH}) and commits them in one transaction under one head lock: under load a commit carries
 * many writes. Measured on PostgreSQL with 4 writer threads, the head lock per write managed a
 * third of what raw JDBC inserts of the same rows did; see access-bench.
 *
 * <p>A write refused for a reason of its own (a stale version, an unknown record) writes nothing
 * and does not disturb the others. When the database fails a batch, each of its writes is tried
 * again alone, so a write fails only for its own reasons. Callers block until their write has
 * committed or failed. Not API.
 */
final class GroupCommit implements AutoCloseable {
  static final int MAX_BATCH = 64;

  /**
   * One write inside the batch transaction; domain refusals are thrown before anything is written.
   */
  @FunctionalInterface
  interface Write<T> {
    T apply(Connection c, Chain chain) throws SQLException;
  }

  /** A write done for its effect alone. */
  @FunctionalInterface
  interface Effect {
    void apply(Connection c, Chain chain) throws SQLException;
  }

  private record Pending<T>(String operation, Write<T> write, CompletableFuture<T> result) {}

  private final DataSource dataSource;
  private final Schema.Vendor vendor;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread appender;
  private volatile boolean closed;

  GroupCommit(DataSource dataSource, Schema.Vendor vendor, String name) {
    this.dataSource = dataSource;
    this.vendor = vendor;
    this.appender = new Thread(this::run, "access-jdbc-appender-" + name);
    this.appender.setDaemon(true);
    this.appender.start();
  }

  /** As {@link #submit}, for a write that returns nothing. */
  void execute(String operation, Effect effect) {
    submit(
        operation,
        (c, chain) -> {
          effect.apply(c, chain);
          return Boolean.TRUE; // a non-null result for the future; nobody reads it
        });
  }

  /** Runs {@code write} in the next batch and waits for its commit. */
  <T> T submit(String operation, Write<T> write) {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    queue.add(new Pending<>(operation, write, result));
    try {
      return result.get();
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
      // The write may still commit; the caller reads the record again to find out.
      throw new ProviderException(
          SqlErrors.PROVIDER_ID, operation, 0, null, null, true, "interrupted while waiting", e);
    }
  }

  private void run() {
    List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      if (!commit(batch) && batch.size() > 1) {
        for (Pending<?> alone : batch) {
          commit(List.of(alone));
        }
      }
      batch.clear();
    }
    for (Pending<?> p = queue.poll(); p != null; p = queue.poll()) {
      p.result().completeExceptionally(new IllegalStateException("the store is closed"));
    }
  }

  /** Commits the batch; false when the database failed it (then nothing was written). */
  private boolean commit(List<Pending<?>> batch) {
    List<Runnable> completions = new ArrayList<>(batch.size());
    try (Connection c = dataSource.getConnection();
        StatementCache statements = new StatementCache(c)) {
      try {
        Transactions.inTransactionDoing(
            c,
            tx -> {
              Connection w = statements.connection();
              Chain chain = Chain.lock(w, vendor);
              for (Pending<?> p : batch) {
                completions.add(apply(p, w, chain));
              }
              chain.store(w);
            });
      } catch (SQLException e) {
        return failed(batch, SqlErrors.map(batch.get(0).operation(), e, c));
      }
    } catch (SQLException e) {
      return failed(batch, SqlErrors.map(batch.get(0).operation(), e));
    } catch (RuntimeException e) {
      return failed(batch, e);
    }
    completions.forEach(Runnable::run);
    return true;
  }

  /**
   * A failed batch: its single write fails with {@code e}; a larger batch is tried again write by
   * write, by the caller.
   */
  private static boolean failed(List<Pending<?>> batch, RuntimeException e) {
    if (batch.size() == 1) {
      batch.get(0).result().completeExceptionally(e);
    }
    return false;
  }

  private static <T> Runnable apply(Pending<T> p, Connection c, Chain chain) throws SQLException {
    try {
      T value = p.write().apply(c, chain);
      return () -> p.result().complete(value);
    } catch (dev.accessgov.AccessException | IllegalArgumentException refused) {
      return () -> p.result().completeExceptionally(refused);
    }
  }

  @Override
  public void close() {
    closed = true;
    appender.interrupt();
  }
}
