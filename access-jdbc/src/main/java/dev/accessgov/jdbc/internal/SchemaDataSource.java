package dev.accessgov.jdbc.internal;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's data source with every connection switched to the store's schema ({@link
 * Connection#setSchema}), so the store's unqualified SQL, and db-scheduler's, finds its tables
 * there. Closing a connection sets its previous schema back first, so a pool hands the application
 * back the connection as it was. Not API.
 */
public final class SchemaDataSource implements DataSource {
  private final DataSource delegate;
  private final String schema;

  /** {@code delegate}'s connections, in {@code schema}. */
  public SchemaDataSource(DataSource delegate, String schema) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.schema = requireNonNull(schema, "schema");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return inSchema(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return inSchema(delegate.getConnection(username, password));
  }

  private Connection inSchema(Connection c) throws SQLException {
    String previous;
    try {
      previous = c.getSchema();
      c.setSchema(schema);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && method.getParameterCount() == 0) {
                restore(c, previous);
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static void restore(Connection c, String previous) {
    if (previous == null) {
      return;
    }
    try {
      if (!c.isClosed()) {
        c.setSchema(previous);
      }
    } catch (SQLException | RuntimeException e) {
      // A broken connection is discarded by its pool; a pool such as HikariCP resets the schema
      // of a healthy one itself.
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate.isWrapperFor(type);
  }

  @Override
  public String toString() {
    return "SchemaDataSource[" + schema + "]";
  }
}
