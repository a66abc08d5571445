package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.ProviderException;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.time.TestClock;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * Drivers report a connection lost mid-transaction with many SQLStates or none; whichever
     * statement of the transaction it hits, including {@code COMMIT}, the caller must be told to
     * try again, and a failure on a connection that is still there must not be.
     */
    static Stream<Arguments> lostConnections() {
      List<String> states = Arrays.asList(null, "XX000", "58030", "HY000", "57014", "08006");
      List<String> steps =
          List.of(
              "UPDATE ag_record",
              "INSERT INTO ag_evidence",
              "UPDATE ag_chain_head",
              FaultyDataSource.COMMIT);
      return states.stream()
          .flatMap(
              state ->
                  steps.stream()
                      .flatMap(
                          step ->
                              Stream.of(true, false).map(lost -> arguments(state, step, lost))));
    }

    @ParameterizedTest(name = "SQLState {0} at {1}, connection lost: {2}")
    @MethodSource("lostConnections")
    @DisplayName("a lost connection is retryable whatever the driver says, and writes nothing")
    void lostConnectionIsRetryable(@Nullable String state, String step, boolean lost) {
      try (HikariDataSource pool = h2()) {
        FaultyDataSource faulty = new FaultyDataSource(pool);
        JdbcAccessStore store = AccessStores.jdbc(faulty);
        InMemoryIdentityProvider idp =
            new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP).user("user-2");
        AccessService access = service(store, idp);
        AccessRecord active = access.grant(Fixtures.grant(2, Duration.ofHours(1)));
        long events = store.evidenceSize();
        SQLException error = new SQLException("An I/O error occurred", state);
        if (lost) {
          faulty.loseConnectionAt(step, error);
        } else {
          faulty.failNext(step, error);
        }

        assertThatThrownBy(() -> access.revoke(active.id(), PersonId.of("alice"), "done"))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> {
                  assertThat(e.providerId()).isEqualTo("jdbc");
                  assertThat(e.retryable()).isEqualTo(lost || "08006".equals(state));
                  // The driver's own words, not a later complaint about the dead connection.
                  assertThat(e.getMessage()).contains("An I/O error occurred");
                });
        assertThat(store.evidenceSize()).isEqualTo(events);
        assertThat(store.find(active.id())).contains(active);
        assertThat(idp.memberIds(Fixtures.GROUP)).containsExactly("user-2");
        // The next attempt gets a good connection and goes through.
        assertThat(access.revoke(active.id(), PersonId.of("alice"), "done").state())
            .isEqualTo(RecordState.REVOKED);
        assertThat(idp.memberIds(Fixtures.GROUP)).isEmpty();
      }
    }

    @ParameterizedTest(name = "SQLState {0}")
    @NullSource
    @ValueSource(strings = {"XX000", "58030", "HY000"})
    @DisplayName("a connection lost during a read is retryable whatever the driver says")
    void lostConnectionDuringRead(@Nullable String state) {
      try (HikariDataSource pool = h2()) {
        FaultyDataSource faulty = new FaultyDataSource(pool);
        JdbcAccessStore store = AccessStores.jdbc(faulty);
        InMemoryIdentityProvider idp =
            new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP).user("user-1");
        AccessRecord active = service(store, idp).grant(Fixtures.grant(1, Duration.ofHours(1)));
        faulty.loseConnectionAt("SELECT", new SQLException("An I/O error occurred", state));
        assertThatThrownBy(() -> store.find(active.id()))
            .isInstanceOfSatisfying(
                ProviderException.class,
                e -> {
                  assertThat(e.retryable()).isTrue();
                  assertThat(e.getMessage()).contains("An I/O error occurred");
                });
        assertThat(store.find(active.id())).contains(active);
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
        .hasMessageContaining("newer than this access-jdbc knows (up to 8)")
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
