package dev.accessgov.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one transaction on a pooled connection: commit when it returns, roll back when it
 * throws anything, so a failed call leaves no partial state. Failures of the database become {@link
 * dev.accessgov.ProviderException}s; exceptions the work throws on purpose pass through. Not API.
 */
final class Transactions {
  /** Work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Work on a connection done for its effect alone. */
  @FunctionalInterface
  interface Effect {
    void run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** As {@link #write}, for work that returns nothing. */
  void execute(String operation, Effect effect) {
    write(operation, asWork(effect));
  }

  /** As {@link #inTransaction}, for work that returns nothing. */
  static void inTransactionDoing(Connection c, Effect effect) throws SQLException {
    inTransaction(c, asWork(effect));
  }

  private static Work<Boolean> asWork(Effect effect) {
    return c -> {
      effect.run(c);
      return Boolean.TRUE; // a non-null result; nobody reads it
    };
  }

  /** Runs {@code work} in a read-write transaction. */
  <T> T write(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      try {
        return inTransaction(c, work);
      } catch (SQLException e) {
        throw SqlErrors.map(operation, e, c);
      }
    } catch (SQLException e) {
      throw SqlErrors.map(operation, e);
    }
  }

  /**
   * Runs {@code work} in one transaction on {@code c}: commits when it returns, rolls back when it
   * throws, and leaves the connection in auto-commit either way. A failure to roll back or to
   * restore auto-commit (the connection is gone) is added to the first failure, never put in its
   * place, so the caller sees why the transaction failed.
   */
  static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    T result;
    try {
      result = work.run(c);
      c.commit();
    } catch (SQLException | RuntimeException | Error e) {
      quietly(c::rollback, e);
      quietly(() -> c.setAutoCommit(true), e);
      throw e;
    }
    c.setAutoCommit(true);
    return result;
  }

  /**
   * Runs {@code work} outside an explicit transaction. Readers need no snapshot: rows carry the
   * last sequence of their committed events and the chain only grows.
   */
  <T> T read(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      try {
        return work.run(c);
      } catch (SQLException e) {
        throw SqlErrors.map(operation, e, c);
      }
    } catch (SQLException e) {
      throw SqlErrors.map(operation, e);
    }
  }

  /** A step on a connection that may already be gone. */
  @FunctionalInterface
  private interface Step {
    void run() throws SQLException;
  }

  private static void quietly(Step step, Throwable cause) {
    try {
      step.run();
    } catch (SQLException e) {
      // The connection is likely gone, which rolls the transaction back anyway.
      cause.addSuppressed(e);
    }
  }
}
