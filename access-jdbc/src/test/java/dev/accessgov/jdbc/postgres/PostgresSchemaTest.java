package dev.accessgov.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.jdbc.AccessScheduler;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.Fixtures;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.jdbc.JdbcStoreSettings;
import dev.accessgov.jdbc.Migration;
import dev.accessgov.jdbc.SchemaNotMigratedException;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.time.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("On PostgreSQL the store's schema and its migration mode are configurable")
class PostgresSchemaTest {
  private final TestClock clock = TestClock.at("2026-03-02T08:00:00Z");
  private HikariDataSource pool;

  @BeforeEach
  void database() {
    pool = PostgresCluster.get().newDatabase(8);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private static JdbcStoreSettings in(String schema, Migration migration) {
    return JdbcStoreSettings.builder().schema(schema).migration(migration).build();
  }

  private List<String> tables(String schema) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + schema
                    + "' ORDER BY table_name")) {
      List<String> names = new java.util.ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    }
  }

  private boolean schemaExists(String schema) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                    + schema
                    + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  private AccessService service(JdbcAccessStore store, InMemoryIdentityProvider idp) {
    return Fixtures.service(store, idp, 4, clock);
  }

  @Test
  @DisplayName("two stores in two schemas of one database stay apart, and public stays empty")
  void twoSchemasApart() throws SQLException {
    InMemoryIdentityProvider idp =
        new InMemoryIdentityProvider(Fixtures.IDP, clock)
            .groups(Fixtures.GROUP)
            .user("user-0")
            .user("user-1");
    try (JdbcAccessStore a = AccessStores.postgres(pool, in("tenant_a", Migration.APPLY));
        JdbcAccessStore b = AccessStores.postgres(pool, in("tenant_b", Migration.APPLY))) {
      AccessRecord inA = service(a, idp).grant(Fixtures.grant(0, Duration.ofHours(1)));
      AccessRecord inB = service(b, idp).grant(Fixtures.grant(1, Duration.ofHours(1)));

      assertThat(a.query(RecordQuery.all())).extracting(AccessRecord::id).containsExactly(inA.id());
      assertThat(b.query(RecordQuery.all())).extracting(AccessRecord::id).containsExactly(inB.id());
      assertThat(a.evidenceSize()).isEqualTo(b.evidenceSize()).isPositive();
      assertThat(a.toString()).contains("schema tenant_a");
    }
    assertThat(tables("tenant_a"))
        .contains("ag_record", "ag_schema_history", "ag_scheduled_tasks")
        .isEqualTo(tables("tenant_b"));
    assertThat(tables("public")).isEmpty();
  }

  @Test
  @DisplayName("a connection goes back to the pool in the schema it had")
  void connectionsRestored() throws SQLException {
    try (JdbcAccessStore store = AccessStores.postgres(pool, in("tenant_a", Migration.APPLY))) {
      try (Connection c = store.dataSource().getConnection()) {
        assertThat(c.getSchema()).isEqualTo("tenant_a");
      }
    }
    try (Connection c = pool.getConnection()) {
      assertThat(c.getSchema()).isEqualTo("public");
    }
  }

  @Test
  @DisplayName("the scheduler keeps its tasks in the store's schema and expires access there")
  void schedulerInSchema() throws SQLException, InterruptedException {
    InMemoryIdentityProvider idp =
        new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP).user("user-0");
    BlockingQueue<AccessRecord> ended = new LinkedBlockingQueue<>();
    try (JdbcAccessStore store = AccessStores.postgres(pool, in("tenant_a", Migration.APPLY))) {
      AccessService access =
          Fixtures.builder(store, idp, 4, clock)
              .observer(
                  new AccessObserver() {
                    @Override
                    public void ended(AccessRecord record) {
                      ended.add(record);
                    }
                  })
              .build();
      AccessRecord granted = access.grant(Fixtures.grant(0, Duration.ofMinutes(5)));
      clock.advance(Duration.ofMinutes(6));
      try (AccessScheduler scheduler =
          AccessScheduler.builder(access, store)
              .expiryInterval(Duration.ofMillis(100))
              .pollingInterval(Duration.ofMillis(50))
              .build()) {
        scheduler.start();
        // Waits for the sweep's event; the bound only ends a test that would otherwise hang.
        AccessRecord expired = ended.poll(2, TimeUnit.MINUTES);
        assertThat(expired).as("the expiry sweep ended the record").isNotNull();
        assertThat(expired.id()).isEqualTo(granted.id());
        assertThat(expired.state()).isEqualTo(RecordState.EXPIRED);
      }
      assertThat(access.record(granted.id()).state()).isEqualTo(RecordState.EXPIRED);
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM tenant_a.ag_scheduled_tasks")) {
      rs.next();
      assertThat(rs.getInt(1)).isPositive();
    }
    assertThat(tables("public")).isEmpty();
  }

  @Test
  @DisplayName("VALIDATE on an empty schema fails saying to run the migrations, creating nothing")
  void validateEmpty() throws SQLException {
    assertThatThrownBy(() -> AccessStores.postgres(pool, in("tenant_a", Migration.VALIDATE)))
        .isInstanceOf(SchemaNotMigratedException.class)
        .hasMessageContaining("schema tenant_a has no access-governance schema")
        .hasMessageContaining("Run its migrations first")
        .hasMessageContaining("classpath:dev/accessgov/jdbc/migration/postgresql")
        .hasMessageContaining("ag_schema_history")
        .hasMessageContaining("Migration.APPLY");
    assertThat(schemaExists("tenant_a")).isFalse();

    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA tenant_b");
    }
    assertThatThrownBy(() -> AccessStores.postgres(pool, in("tenant_b", Migration.VALIDATE)))
        .isInstanceOf(SchemaNotMigratedException.class);
    assertThat(tables("tenant_b")).isEmpty();
  }

  @Test
  @DisplayName("VALIDATE on a schema behind this version names the version found and needed")
  void validateBehind() throws SQLException {
    hostFlyway("tenant_a", "5");

    assertThatThrownBy(() -> AccessStores.postgres(pool, in("tenant_a", Migration.VALIDATE)))
        .isInstanceOf(SchemaNotMigratedException.class)
        .hasMessageContaining("at version 5")
        .hasMessageContaining("needs version 8");
  }

  @Test
  @DisplayName("the host's own Flyway runs the migrations; VALIDATE then opens the store")
  void hostMigrates() throws SQLException {
    assertThat(AccessStores.migrationLocations(pool))
        .containsExactly("classpath:dev/accessgov/jdbc/migration/postgresql");
    hostFlyway("tenant_a", null);

    try (JdbcAccessStore store = AccessStores.postgres(pool, in("tenant_a", Migration.VALIDATE))) {
      InMemoryIdentityProvider idp =
          new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP).user("user-0");
      AccessRecord granted = service(store, idp).grant(Fixtures.grant(0, Duration.ofHours(1)));
      assertThat(store.find(granted.id())).isPresent();
    }
  }

  /** Migrates as a host would, as the README shows; up to {@code target} when not null. */
  private void hostFlyway(String schema, String target) {
    var config =
        Flyway.configure()
            .dataSource(pool)
            .schemas(schema)
            .table(AccessStores.SCHEMA_HISTORY_TABLE)
            .locations(AccessStores.migrationLocations(pool).toArray(String[]::new))
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (target != null) {
      config = config.target(target);
    }
    config.load().migrate();
  }
}
