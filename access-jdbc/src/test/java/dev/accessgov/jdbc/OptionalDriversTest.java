package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.jdbc.internal.Drivers;
import dev.accessgov.jdbc.internal.Schema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URLClassLoader;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The H2 and PostgreSQL drivers are optional; a missing one names the artifact to add")
class OptionalDriversTest {

  private static URLClassLoader withoutDrivers() throws MalformedURLException {
    return IsolatedClassPath.without("h2-", "postgresql-");
  }

  /** Runs {@code method} of AccessStores loaded by {@code loader}, as that loader's thread. */
  private static Throwable failureOf(ClassLoader loader, String method, Class<?> type, Object arg)
      throws Exception {
    Class<?> stores = Class.forName(AccessStores.class.getName(), true, loader);
    assertThat(stores).isNotSameAs(AccessStores.class);
    Method m = stores.getMethod(method, type);
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      m.invoke(null, arg);
      throw new AssertionError(method + " did not fail");
    } catch (InvocationTargetException e) {
      return e.getCause();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Nested
  @DisplayName("in an application without the drivers")
  class Missing {
    @Test
    @DisplayName("requireDriver on a PostgreSQL URL names org.postgresql:postgresql")
    void postgresUrl() throws Exception {
      try (URLClassLoader loader = withoutDrivers()) {
        Throwable e =
            failureOf(loader, "requireDriver", String.class, "jdbc:postgresql://db:5432/app");

        assertThat(e.getClass().getName()).isEqualTo(AccessConfigurationException.class.getName());
        assertThat(e)
            .hasMessageContaining("PostgreSQL JDBC driver")
            .hasMessageContaining("add the dependency org.postgresql:postgresql");
      }
    }

    @Test
    @DisplayName("requireDriver on an H2 URL names com.h2database:h2")
    void h2Url() throws Exception {
      try (URLClassLoader loader = withoutDrivers()) {
        Throwable e = failureOf(loader, "requireDriver", String.class, "jdbc:h2:mem:x");

        assertThat(e.getClass().getName()).isEqualTo(AccessConfigurationException.class.getName());
        assertThat(e).hasMessageContaining("add the dependency com.h2database:h2");
      }
    }

    @Test
    @DisplayName("the SQLite driver of the embedded store comes with access-jdbc")
    void sqliteIsThere() throws Exception {
      try (URLClassLoader loader = withoutDrivers()) {
        Class<?> stores = Class.forName(AccessStores.class.getName(), true, loader);
        Method m = stores.getMethod("requireDriver", String.class);

        assertThatCode(() -> m.invoke(null, "jdbc:sqlite:/tmp/x.db")).doesNotThrowAnyException();
      }
    }

    @Test
    @DisplayName("postgres(pool) whose connections fail for want of the driver names the artifact")
    void postgresDataSource() throws Exception {
      DataSource noDriver =
          (DataSource)
              Proxy.newProxyInstance(
                  DataSource.class.getClassLoader(),
                  new Class<?>[] {DataSource.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                      // What java.sql.DriverManager says when no driver accepts the URL.
                      throw new SQLException(
                          "No suitable driver found for jdbc:postgresql://127.0.0.1:1/app",
                          "08001");
                    }
                    throw new UnsupportedOperationException(method.getName());
                  });
      try (URLClassLoader loader = withoutDrivers()) {
        for (String method : List.of("postgres", "jdbc", "existing")) {
          Throwable e = failureOf(loader, method, DataSource.class, noDriver);

          assertThat(e.getClass().getName())
              .as(method)
              .isEqualTo(AccessConfigurationException.class.getName());
          assertThat(e).hasMessageContaining("add the dependency org.postgresql:postgresql");
          assertThat(e.getCause()).isInstanceOf(SQLException.class);
        }
      }
    }
  }

  @Nested
  @DisplayName("in an application with the drivers")
  class Present {
    @Test
    @DisplayName("requireDriver passes for PostgreSQL, H2 and SQLite URLs")
    void allThere() {
      assertThatCode(
              () -> {
                AccessStores.requireDriver("jdbc:postgresql://db:5432/app");
                AccessStores.requireDriver("jdbc:h2:mem:x");
                AccessStores.requireDriver("jdbc:sqlite:x.db");
              })
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a data source that connects is not second-guessed by a class look-up")
    void lookupOnlyOnFailure() {
      assertThat(Drivers.present(Schema.Vendor.H2, Drivers.defaultLoaders())).isTrue();
      assertThat(Drivers.present(Schema.Vendor.POSTGRESQL, List.of())).isFalse();
    }
  }

  @Test
  @DisplayName("requireDriver refuses a URL of a database access-jdbc does not support")
  void unsupported() {
    assertThatThrownBy(() -> AccessStores.requireDriver("jdbc:mysql://db/app"))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("jdbc:postgresql:, jdbc:h2: or jdbc:sqlite:");
  }
}
