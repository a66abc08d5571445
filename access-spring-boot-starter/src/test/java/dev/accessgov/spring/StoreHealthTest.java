package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.catalog.Catalog;
import dev.accessgov.spring.app.TestCatalog;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("The access health indicator on the application's DataSource")
class StoreHealthTest {
  @Test
  @DisplayName("is UP while the database answers and DOWN, naming the problem, when it stops")
  void downWhenTheStoreIsUnreachable() {
    SwitchableDataSource database = new SwitchableDataSource();
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                AccessAutoConfiguration.class, AccessHealthAutoConfiguration.class))
        .withBean(Catalog.class, TestCatalog::catalog)
        .withBean(DataSource.class, () -> database)
        .withPropertyValues(
            "access.store.type=datasource",
            "access.scheduler.enabled=false",
            "access.providers.in-memory.okta.users=bob")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(HealthProbe.of(context).status()).isEqualTo("UP");

              database.down = true;
              HealthProbe health = HealthProbe.of(context);
              assertThat(health.status()).isEqualTo("DOWN");
              assertThat(health.details()).containsEntry("store", "unreachable");
              assertThat(health.details()).containsKey("storeProblem");

              database.down = false;
              assertThat(HealthProbe.of(context).status()).isEqualTo("UP");
            });
  }

  @Test
  @DisplayName("backs off when management.health.access.enabled=false")
  void disabled() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                AccessAutoConfiguration.class, AccessHealthAutoConfiguration.class))
        .withBean(Catalog.class, TestCatalog::catalog)
        .withPropertyValues(
            "access.store.type=memory",
            "access.scheduler.enabled=false",
            "access.providers.in-memory.okta.users=bob",
            "management.health.access.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("accessHealthIndicator"));
  }

  /** An H2 database in memory that refuses connections while {@link #down}. */
  static final class SwitchableDataSource implements DataSource {
    private final JdbcDataSource h2 = new JdbcDataSource();
    volatile boolean down;

    SwitchableDataSource() {
      h2.setURL(
          "jdbc:h2:mem:access-health-" + System.identityHashCode(this) + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (down) {
        throw new SQLException("database unreachable (test)", "08001");
      }
      return h2.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
