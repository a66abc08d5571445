package dev.accessgov.jdbc.postgres;

import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.MemberPage;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes one application instance die abruptly inside a JVM: once killed, every database call of the
 * instance (including those on connections it holds) and every identity-provider call fails, so
 * nothing after the kill reaches either system, as if the process had been SIGKILLed. The kill can
 * be triggered from inside a removal, after the provider removed the member but before the instance
 * could record it: the worst moment.
 */
final class KillSwitch {
  /** Thrown in a killed instance's threads; an Error so no library code treats it as handled. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("instance killed");
    }
  }

  private final AtomicBoolean killed = new AtomicBoolean();

  void kill() {
    killed.set(true);
  }

  boolean isKilled() {
    return killed.get();
  }

  private void check() {
    if (killed.get()) {
      throw new Killed();
    }
  }

  /** {@code delegate} as this instance sees it. */
  DataSource dataSource(DataSource delegate) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return guard(delegate.getConnection());
      }

      @Override
      public Connection getConnection(String user, String password) throws SQLException {
        return guard(delegate.getConnection(user, password));
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
    };
  }

  private Connection guard(Connection c) throws SQLException {
    if (killed.get()) {
      c.close();
      throw new SQLException("instance killed", "08006");
    }
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              // close() still returns the connection; its uncommitted work is rolled back.
              if (killed.get() && !method.getName().equals("close")) {
                throw new SQLException("instance killed", "08006");
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * {@code delegate} as this instance sees it; {@code dieAfterRemoval} is asked after each
   * successful removal with the number of removals so far (all instances) and kills this instance
   * when it says so.
   */
  IdentityProvider identityProvider(
      IdentityProvider delegate, AtomicInteger removals, IntPredicate dieAfterRemoval) {
    return identityProvider(delegate, removals, dieAfterRemoval, Duration.ZERO);
  }

  /**
   * Like {@link #identityProvider(IdentityProvider, AtomicInteger, IntPredicate)}, with each
   * removal taking {@code slowBy} longer, as at a rate-limited identity provider.
   */
  IdentityProvider identityProvider(
      IdentityProvider delegate,
      AtomicInteger removals,
      IntPredicate dieAfterRemoval,
      Duration slowBy) {
    return new IdentityProvider() {
      @Override
      public String id() {
        return delegate.id();
      }

      @Override
      public Optional<IdpUser> findUser(String idLoginOrEmail) {
        check();
        return delegate.findUser(idLoginOrEmail);
      }

      @Override
      public MembershipChange addMember(String groupId, String userId) {
        check();
        return delegate.addMember(groupId, userId);
      }

      @Override
      public MembershipChange removeMember(String groupId, String userId) {
        check();
        if (!slowBy.isZero()) {
          try {
            Thread.sleep(slowBy.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        MembershipChange change = delegate.removeMember(groupId, userId);
        if (change.outcome() == MembershipOutcome.REMOVED
            && dieAfterRemoval.test(removals.incrementAndGet())) {
          kill();
        }
        check();
        return change;
      }

      @Override
      public boolean isMember(String groupId, String userId) {
        check();
        return delegate.isMember(groupId, userId);
      }

      @Override
      public MemberPage members(String groupId, String pageToken) {
        check();
        return delegate.members(groupId, pageToken);
      }

      @Override
      public LastLogin lastLogin(String userId) {
        check();
        return delegate.lastLogin(userId);
      }
    };
  }
}
