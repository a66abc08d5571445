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

  private final DataSource dataSource;

  Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} in a read-write transaction. */
  <T> T write(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw SqlErrors.map(operation, e);
    }
  }

  /**
   * Runs {@code work} outside an explicit transaction. Readers need no snapshot: rows carry the
   * last sequence of their committed events and the chain only grows.
   */
  <T> T read(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw SqlErrors.map(operation, e);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The connection is likely gone, which rolls the transaction back anyway.
      cause.addSuppressed(e);
    }
  }
}
