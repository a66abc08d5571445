package dev.accessgov.jdbc.internal;

import dev.accessgov.ProviderException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteException;

/**
 * Turns JDBC failures into {@link ProviderException}s with provider id {@code jdbc}. Retryable are
 * failures that go away by themselves: lost or refused connections, an exhausted pool, deadlocks
 * and serialization conflicts, a server shutting down, a SQLite database busy or locked. A
 * read-only or full database is not: an operator has to act first. Not API.
 */
public final class SqlErrors {
  /** The provider id of every store failure. */
  public static final String PROVIDER_ID = "jdbc";

  /** SQLStates (PostgreSQL and H2) of failures that a later attempt may not meet. */
  private static final Set<String> RETRYABLE_STATES =
      Set.of(
          "40001", // serialization failure; H2: deadlock
          "40P01", // PostgreSQL deadlock
          "55P03", // lock not available
          "57P01", // admin shutdown
          "57P02", // crash shutdown
          "57P03", // cannot connect now (starting up)
          "53300", // too many connections
          "HYT00", // H2 lock timeout
          "90067", // H2 connection broken
          "90098", // H2 database closed
          "90121"); // H2 database closed by the VM shutting down

  /** SQLite primary result codes of failures that pass: SQLITE_BUSY and SQLITE_LOCKED. */
  private static final Set<Integer> SQLITE_RETRYABLE = Set.of(5, 6);

  /** SQLITE_READONLY. */
  private static final int SQLITE_READONLY = 8;

  /** How long to wait for a failed connection to answer a validity check. */
  private static final int VALIDITY_SECONDS = 2;

  private SqlErrors() {}

  /** SQLite's primary result code: the low byte of the (possibly extended) code it reported. */
  private static int primary(SQLiteException e) {
    return e.getResultCode().code & 0xff;
  }

  /** The failure of {@code operation}, typed; the message carries no connection settings. */
  public static ProviderException map(String operation, SQLException e) {
    return map(operation, e, false);
  }

  /**
   * The failure of {@code operation} on {@code c}. Drivers report a connection lost in the middle
   * of a call with many SQLStates, or none (an I/O error, a server process killed, a socket reset
   * during {@code COMMIT}); whatever they say, when the connection is no longer usable afterwards
   * the failure is retryable: a new connection may well work.
   */
  public static ProviderException map(String operation, SQLException e, Connection c) {
    return map(operation, e, isLost(c));
  }

  private static ProviderException map(String operation, SQLException e, boolean lost) {
    String state = e.getSQLState();
    return new ProviderException(
        PROVIDER_ID,
        operation,
        0,
        state,
        null,
        lost || isRetryable(e),
        firstLine(e.getMessage()) + (isReadOnly(e) ? " (the database is read-only)" : ""),
        e);
  }

  /** Whether a later attempt of the same call may succeed. */
  public static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLiteException s && SQLITE_RETRYABLE.contains(primary(s))) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || RETRYABLE_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code c} can no longer be used; asking a lost connection must not fail the caller. */
  static boolean isLost(Connection c) {
    try {
      return c.isClosed() || !c.isValid(VALIDITY_SECONDS);
    } catch (SQLException e) {
      return true;
    }
  }

  private static boolean isReadOnly(SQLException e) {
    String state = e.getSQLState();
    return "25006".equals(state)
        || "90097".equals(state)
        || (e instanceof SQLiteException s && primary(s) == SQLITE_READONLY);
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no message";
    }
    // H2 appends the whole SQL statement with its values; the first line says what went wrong.
    int end = message.indexOf('\n');
    String line = end < 0 ? message : message.substring(0, end);
    int sql = line.indexOf("; SQL statement:");
    return sql < 0 ? line : line.substring(0, sql);
  }
}
