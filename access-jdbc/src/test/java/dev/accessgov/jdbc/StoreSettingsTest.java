package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.jdbc.internal.Schema;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

@DisplayName("JdbcStoreSettings: the schema and the migration mode")
class StoreSettingsTest {
  private static JdbcDataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private static int tables(JdbcDataSource ds, String schema) throws SQLException {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, schema, "ag%", null)) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  @Test
  @DisplayName("defaults: the connection's schema, migrations applied")
  void defaults() {
    JdbcStoreSettings settings = JdbcStoreSettings.defaults();

    assertThat(settings.schema()).isEmpty();
    assertThat(settings.migration()).isEqualTo(Migration.APPLY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Access", "1st", "a-b", "a;drop", "x\"y"})
  @DisplayName("a schema name outside lower-case letters, digits and '_' is refused")
  void badSchema(String name) {
    assertThatThrownBy(() -> JdbcStoreSettings.builder().schema(name))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("use lower-case letters, digits and '_'");
  }

  @Test
  @DisplayName("on H2 the store goes into the schema given, created by APPLY")
  void h2Schema() throws SQLException {
    JdbcDataSource ds = h2();
    JdbcStoreSettings settings = JdbcStoreSettings.builder().schema("access").build();

    AccessStores.jdbc(ds, settings).close();

    assertThat(tables(ds, "access")).isPositive();
    assertThat(tables(ds, "PUBLIC")).isZero();
    AccessStores.jdbc(
            ds, JdbcStoreSettings.builder().schema("access").migration(Migration.VALIDATE).build())
        .close();
  }

  @Test
  @DisplayName("VALIDATE on an empty H2 database fails with SchemaNotMigratedException")
  void validateEmpty() throws SQLException {
    JdbcDataSource ds = h2();

    assertThatThrownBy(
            () ->
                AccessStores.jdbc(
                    ds, JdbcStoreSettings.builder().migration(Migration.VALIDATE).build()))
        .isInstanceOf(SchemaNotMigratedException.class)
        .hasMessageContaining("this database has no access-governance schema")
        .hasMessageContaining("classpath:dev/accessgov/jdbc/migration/h2");
    assertThat(tables(ds, "PUBLIC")).isZero();
  }

  @Test
  @DisplayName("a schema for a SQLite data source is refused: a SQLite file has none")
  void sqliteHasNoSchema(@org.junit.jupiter.api.io.TempDir Path dir) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("x.db"));

    assertThatThrownBy(
            () -> AccessStores.jdbc(ds, JdbcStoreSettings.builder().schema("access").build()))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("SQLite data source, which has none");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql"})
  @DisplayName("the version the store requires is the newest migration of every database")
  void latestIsNewestMigration(String folder) throws IOException, URISyntaxException {
    Path migrations =
        Path.of(Schema.class.getResource("/dev/accessgov/jdbc/migration/" + folder).toURI());
    try (Stream<Path> files = Files.list(migrations)) {
      MigrationVersion newest =
          files
              .map(p -> p.getFileName().toString())
              .map(n -> MigrationVersion.fromVersion(n.substring(1, n.indexOf("__"))))
              .max(MigrationVersion::compareTo)
              .orElseThrow();
      assertThat(newest).isEqualTo(Schema.LATEST);
    }
  }
}
