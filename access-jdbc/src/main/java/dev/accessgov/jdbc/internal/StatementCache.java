package dev.accessgov.jdbc.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection that prepares each SQL text once per transaction: {@code prepareStatement(sql)}
 * hands out the same statement again, and closing it only keeps it for the next use. A group commit
 * writes hundreds of rows with a handful of statements, and preparing them anew for every row cost
 * about a third of the embedded store's write time. Only for code that sets every parameter before
 * each execution and closes its result sets, as this package's row classes do. Not API.
 */
final class StatementCache implements AutoCloseable {
  private final Connection target;
  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final List<PreparedStatement> real = new ArrayList<>();

  StatementCache(Connection target) {
    this.target = target;
    this.connection =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) ->
                    method.getName().equals("prepareStatement")
                            && args != null
                            && args.length == 1
                            && args[0] instanceof String sql
                        ? cached(sql)
                        : invoke(method, target, args));
  }

  /** The connection to write through while this cache is open. */
  Connection connection() {
    return connection;
  }

  private PreparedStatement cached(String sql) throws SQLException {
    PreparedStatement ps = prepared.get(sql);
    if (ps == null) {
      PreparedStatement statement = target.prepareStatement(sql);
      real.add(statement);
      ps =
          (PreparedStatement)
              Proxy.newProxyInstance(
                  PreparedStatement.class.getClassLoader(),
                  new Class<?>[] {PreparedStatement.class},
                  (proxy, method, args) ->
                      method.getName().equals("close") ? null : invoke(method, statement, args));
      prepared.put(sql, ps);
    }
    return ps;
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Closes every statement prepared; the connection stays open. */
  @Override
  public void close() {
    for (PreparedStatement ps : real) {
      try {
        ps.close();
      } catch (SQLException e) {
        // Closing a statement of a finished transaction: nothing is lost if it fails.
      }
    }
    prepared.clear();
    real.clear();
  }
}
