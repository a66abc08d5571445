package dev.accessgov.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that fails the next execution of a statement whose SQL starts with a given prefix
 * (or the next {@code COMMIT}), the way a full disk or a dropped connection fails a write in the
 * middle of a transaction: the earlier statements of that transaction have already run. A lost
 * connection stays lost: after the fault it refuses every call, says it is closed and invalid.
 */
final class FaultyDataSource implements DataSource {
  /** The prefix that names {@link Connection#commit()} instead of a statement. */
  static final String COMMIT = "COMMIT";

  private record Fault(String sqlPrefix, SQLException error, boolean loseConnection) {}

  private final DataSource delegate;
  private final AtomicReference<Fault> next = new AtomicReference<>();

  FaultyDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Fails the next statement starting with {@code sqlPrefix} with {@code error}. */
  void failNext(String sqlPrefix, SQLException error) {
    next.set(new Fault(sqlPrefix, error, false));
  }

  /**
   * Fails the next statement starting with {@code sqlPrefix} (or the next commit, for {@link
   * #COMMIT}) with {@code error}, and the connection is gone from then on.
   */
  void loseConnectionAt(String sqlPrefix, SQLException error) {
    next.set(new Fault(sqlPrefix, error, true));
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = delegate.getConnection();
    AtomicBoolean lost = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  if (lost.get()) {
                    c.rollback(); // what the server does with a connection that went away
                  }
                  return invoke(method, c, args);
                }
                case "isClosed" -> {
                  return lost.get() || c.isClosed();
                }
                case "isValid" -> {
                  return !lost.get() && c.isValid((Integer) args[0]);
                }
                case "commit" -> fail(COMMIT, lost);
                default -> {}
              }
              if (lost.get()) {
                throw new SQLException("This connection has been closed.", "08003");
              }
              Object result = invoke(method, c, args);
              if (method.getName().equals("prepareStatement")) {
                return statement((PreparedStatement) result, (String) args[0], lost);
              }
              return result;
            });
  }

  /** Throws the pending fault when it is for {@code sql}. */
  private void fail(String sql, AtomicBoolean lost) throws SQLException {
    Fault fault = next.get();
    if (fault != null && sql.startsWith(fault.sqlPrefix()) && next.compareAndSet(fault, null)) {
      lost.set(fault.loseConnection());
      throw fault.error();
    }
  }

  private PreparedStatement statement(PreparedStatement ps, String sql, AtomicBoolean lost) {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              if (lost.get() && !method.getName().equals("close")) {
                throw new SQLException("This connection has been closed.", "08003");
              }
              if (method.getName().startsWith("execute")) {
                fail(sql, lost);
              }
              return invoke(method, ps, args);
            });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
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
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
