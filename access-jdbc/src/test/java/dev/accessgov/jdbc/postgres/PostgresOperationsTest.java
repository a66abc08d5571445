package dev.accessgov.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.ProviderException;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.Fixtures;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.time.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostgreSQL under operational trouble")
class PostgresOperationsTest {

  @Test
  @DisplayName("a database switched to read-only refuses writes with a typed error and keeps state")
  void readOnly() throws Exception {
    TestClock clock = TestClock.at("2026-03-02T08:00:00Z");
    try (HikariDataSource pool = PostgresCluster.get().newDatabase(4)) {
      JdbcAccessStore store = AccessStores.postgres(pool);
      InMemoryIdentityProvider idp =
          new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP).user("user-0");
      AccessService access = Fixtures.service(store, idp, 1, clock);
      AccessRecord active = access.grant(Fixtures.grant(0, Duration.ofHours(1)));
      long events = store.evidenceSize();

      String database = pool.getJdbcUrl().substring(pool.getJdbcUrl().lastIndexOf('/') + 1);
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("ALTER DATABASE " + database + " SET default_transaction_read_only = on");
      }
      pool.getHikariPoolMXBean().softEvictConnections();
      onlyReadOnlySessions(pool);

      assertThatThrownBy(() -> access.revoke(active.id(), PersonId.of("alice"), "done"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.providerId()).isEqualTo("jdbc");
                assertThat(e.errorCode()).isEqualTo("25006");
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("read-only");
              });
      assertThat(store.evidenceSize()).isEqualTo(events);
      assertThat(store.find(active.id())).contains(active);
      assertThat(idp.memberIds(Fixtures.GROUP)).containsExactly("user-0");
    }
  }

  /**
   * Makes sure no pooled session predates the switch: the setting reaches new sessions only, and
   * the pool may have been opening a connection (filling up in the background) while the ALTER ran,
   * to add it after the eviction. Holding every connection of the pool at once sees each one; a
   * writable one is evicted and the round repeats. Afterwards the pool only opens new, read-only
   * sessions.
   */
  private static void onlyReadOnlySessions(HikariDataSource pool) throws SQLException {
    boolean writable = true;
    while (writable) {
      writable = false;
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
          Connection c = pool.getConnection();
          held.add(c);
          if (!readOnly(c)) {
            pool.evictConnection(c);
            writable = true;
          }
        }
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
    }
  }

  private static boolean readOnly(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW default_transaction_read_only")) {
      return r.next() && "on".equals(r.getString(1));
    }
  }
}
