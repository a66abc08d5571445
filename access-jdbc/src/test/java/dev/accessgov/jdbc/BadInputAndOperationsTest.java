package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.ProviderException;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.testkit.TestClock;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("bad input and failing databases")
class BadInputAndOperationsTest {
  @TempDir Path dir;

  @Nested
  @DisplayName("a database that fails in the middle of a write")
  class MidTransaction {
    private final TestClock clock = TestClock.at("2026-03-02T08:00:00Z");

    private HikariDataSource h2() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
      config.setMaximumPoolSize(4);
      return new HikariDataSource(config);
    }

    private AccessService service(JdbcAccessStore store, InMemoryIdentityProvider idp) {
      return Fixtures.service(store, idp, 3, clock);
    }

    @Test
    @DisplayName(
        "when the disk is full, the revoke fails typed and leaves record and chain as they were")
    void diskFull() {
      try (HikariDataSource pool = h2()) {
        FaultyDataSource faulty = new FaultyDataSource(pool);
        JdbcAccessStore store = AccessStores.jdbc(faulty);
        InMemoryIdentityProvider idp =
            new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP).user("user-0");
        AccessService access = service(store, idp);
        AccessRecord active = access.grant(Fixtures.grant(0, Duration.ofHours(1)));
        long events = store.evidenceSize();

        // The record update runs after the evidence insert and the head move of the same
        // transaction: all of it must roll back.
        faulty.failNext(
            "UPDATE ag_record",
            new SQLException("could not extend file: No space left on device", "53100"));
        assertThatThrownBy(() -> access.revoke(active.id(), PersonId.of("alice"), "done"))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> {
                  assertThat(e.providerId()).isEqualTo("jdbc");
                  assertThat(e.operation()).isEqualTo("update");
                  assertThat(e.errorCode()).isEqualTo("53100");
                  assertThat(e.retryable()).isFalse();
                });
        assertThat(store.evidenceSize()).isEqualTo(events);
        assertThat(store.evidence(1, 100)).hasSize((int) events);
        assertThat(store.find(active.id())).contains(active);
        assertThat(idp.memberIds(Fixtures.GROUP)).containsExactly("user-0");

        // Space is back: the same call works and the chain continues without a gap.
        AccessRecord revoked = access.revoke(active.id(), PersonId.of("alice"), "done");
        assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
        assertThat(store.evidence(1, 100))
            .extracting(e -> e.seq())
            .containsExactly(
                java.util.stream.LongStream.rangeClosed(1, store.evidenceSize())
                    .boxed()
                    .toArray(Long[]::new));
      }
    }

    @Test
    @DisplayName("a connection lost mid-write is a retryable ProviderException and writes nothing")
    void connectionLost() {
      try (HikariDataSource pool = h2()) {
        FaultyDataSource faulty = new FaultyDataSource(pool);
        JdbcAccessStore store = AccessStores.jdbc(faulty);
        InMemoryIdentityProvider idp =
            new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP).user("user-1");
        AccessService access = service(store, idp);
        faulty.failNext("INSERT INTO ag_record", new SQLException("connection reset", "08006"));
        assertThatThrownBy(() -> access.grant(Fixtures.grant(1, Duration.ofHours(1))))
            .isInstanceOfSatisfying(
                ProviderException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(store.evidenceSize()).isZero();
        assertThat(access.find(dev.accessgov.record.RecordQuery.all())).isEmpty();
        assertThat(idp.memberIds(Fixtures.GROUP)).isEmpty();
      }
    }
  }

  @Test
  @DisplayName("an unreachable database is a retryable ProviderException that names no password")
  void unreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/access");
    config.setUsername("app");
    config.setPassword("s3cret-password");
    config.setConnectionTimeout(500);
    config.setInitializationFailTimeout(-1);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      assertThatThrownBy(() -> AccessStores.postgres(pool))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.providerId()).isEqualTo("jdbc");
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).doesNotContain("s3cret-password");
              });
    }
  }

  @Test
  @DisplayName("a schema migrated by a newer version is refused at start with a clear message")
  void newerSchema() throws SQLException {
    AccessStores.embedded(dir).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("access.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO \"ag_schema_history\" (\"installed_rank\", \"version\", \"description\","
              + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\","
              + " \"success\") VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0,"
              + " 'test', 1, 1)");
    }
    assertThatThrownBy(() -> AccessStores.embedded(dir))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("newer than this access-jdbc knows (up to 3)")
        .hasMessageContaining("Upgrade access-jdbc");
  }

  @Test
  @DisplayName("bad arguments are refused before anything is written")
  void badArguments() {
    try (JdbcAccessStore store = AccessStores.embedded(dir)) {
      assertThatThrownBy(() -> store.find(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("id");
      assertThatThrownBy(() -> store.evidence(0, 10)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.dueForExpiry(Instant.now(), -1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.evidence(1, 0)).isEmpty();
      assertThat(store.toString()).startsWith("JdbcAccessStore[sqlite file ");
    }
  }

  @Test
  @DisplayName("one process, one store: a second open of the directory is refused until closed")
  void oneOpenAtATime() {
    try (JdbcAccessStore first = AccessStores.embedded(dir)) {
      assertThatThrownBy(() -> AccessStores.embedded(dir))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("open in another process");
      assertThat(first.evidenceSize()).isZero();
    }
    AccessStores.embedded(dir).close();
  }

  @Test
  @DisplayName("a path that would carry SQLite settings, or an old H2 store, is refused")
  void refusedDirectories() throws Exception {
    assertThatThrownBy(() -> AccessStores.embedded(dir.resolve("x?journal_mode=OFF")))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("without them");
    Path old = dir.resolve("old");
    java.nio.file.Files.createDirectories(old);
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + old.resolve("access"))) {
      c.createStatement().execute("CREATE TABLE t (x INT)");
    }
    assertThatThrownBy(() -> AccessStores.embedded(old))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("holds an H2 store");
    assertThat(old.resolve("access.db")).doesNotExist();
  }

  @Test
  @DisplayName("a directory that cannot be created is a configuration error")
  void badDirectory() throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("not-a-dir"), "x");
    assertThatThrownBy(() -> AccessStores.embedded(file.resolve("db")))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("cannot create the store directory");
  }
}
