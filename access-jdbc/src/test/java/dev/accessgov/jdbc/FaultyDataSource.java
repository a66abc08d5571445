package dev.accessgov.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that fails the next execution of a statement whose SQL starts with a given prefix,
 * the way a full disk or a dropped connection fails a write in the middle of a transaction: the
 * earlier statements of that transaction have already run.
 */
final class FaultyDataSource implements DataSource {
  private record Fault(String sqlPrefix, SQLException error) {}

  private final DataSource delegate;
  private final AtomicReference<Fault> next = new AtomicReference<>();

  FaultyDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Fails the next statement starting with {@code sqlPrefix} with {@code error}. */
  void failNext(String sqlPrefix, SQLException error) {
    next.set(new Fault(sqlPrefix, error));
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = delegate.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(method, c, args);
              if (method.getName().equals("prepareStatement")) {
                return statement((PreparedStatement) result, (String) args[0]);
              }
              return result;
            });
  }

  private PreparedStatement statement(PreparedStatement ps, String sql) {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              if (method.getName().startsWith("execute")) {
                Fault fault = next.get();
                if (fault != null
                    && sql.startsWith(fault.sqlPrefix())
                    && next.compareAndSet(fault, null)) {
                  throw fault.error();
                }
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
