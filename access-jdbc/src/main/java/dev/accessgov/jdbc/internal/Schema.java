package dev.accessgov.jdbc.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Brings a database to the schema this version of the library expects, with Flyway, and refuses a
 * database that a newer version has already migrated further (reading it could misinterpret
 * columns, writing it could corrupt them). The history table is {@code ag_schema_history}, so the
 * host's own Flyway history is untouched; a database that already holds the host's tables is
 * accepted (baseline 0). Not API.
 */
public final class Schema {
  /** The history table. */
  public static final String HISTORY_TABLE = "ag_schema_history";

  private Schema() {}

  /** The database products this store supports. */
  public enum Vendor {
    /**
     * SQLite, the embedded store: one file, WAL journal, {@code synchronous=FULL}. Its connections
     * begin every transaction with {@code BEGIN IMMEDIATE}, so a writing transaction holds the
     * database's write lock from its first statement; there are no row locks.
     */
    SQLITE("sqlite", "SQLite", "org.sqlite.JDBC", "org.xerial:sqlite-jdbc"),
    /** H2 (e.g. in memory, for tests); not the embedded default, see access-jdbc's README. */
    H2("h2", "H2", "org.h2.Driver", "com.h2database:h2"),
    /** PostgreSQL 13 or later. */
    POSTGRESQL("postgresql", "PostgreSQL", "org.postgresql.Driver", "org.postgresql:postgresql");

    private final String folder;
    private final String product;
    private final String driverClass;
    private final String artifact;

    Vendor(String folder, String product, String driverClass, String artifact) {
      this.folder = folder;
      this.product = product;
      this.driverClass = driverClass;
      this.artifact = artifact;
    }

    /** The product's name, for messages. */
    public String product() {
      return product;
    }

    /** The class name of its JDBC driver. */
    public String driverClass() {
      return driverClass;
    }

    /** The Maven coordinates (groupId:artifactId) of its JDBC driver. */
    public String artifact() {
      return artifact;
    }

    /** The prefix of its JDBC URLs, e.g. {@code jdbc:postgresql:}. */
    public String urlPrefix() {
      return "jdbc:" + folder + ":";
    }

    /** The Flyway location of its migrations. */
    public String migrationLocation() {
      return "classpath:dev/accessgov/jdbc/migration/" + folder;
    }

    /** The vendor of the database behind {@code dataSource}. */
    public static Vendor of(DataSource dataSource) {
      try (Connection c = dataSource.getConnection()) {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
            .filter(v -> product.contains(v.folder))
            .findFirst()
            .orElseThrow(
                () ->
                    new AccessConfigurationException(
                        "unsupported database '"
                            + product
                            + "'; access-jdbc supports SQLite, H2 and PostgreSQL"));
      } catch (SQLException e) {
        requireDriverNamedIn(e);
        throw SqlErrors.map("connect", e);
      }
    }

    /**
     * A data source on {@link java.sql.DriverManager} fails with "No suitable driver found for URL"
     * when the driver is missing: for a supported database, say which artifact to add instead.
     */
    private static void requireDriverNamedIn(SQLException e) {
      String message = e.getMessage();
      String marker = "No suitable driver found for ";
      if (message != null && message.startsWith(marker)) {
        Drivers.vendorOf(message.substring(marker.length()).trim())
            .ifPresent(v -> Drivers.require(v, Drivers.defaultLoaders(), e));
      }
    }
  }

  /**
   * Migrates the schema to the latest version this library knows.
   *
   * @throws AccessConfigurationException when the database has migrations newer than this library
   * @throws ProviderException when the database cannot be reached or refuses the migration
   */
  public static void migrate(DataSource dataSource, Vendor vendor) {
    Flyway flyway =
        Flyway.configure(Schema.class.getClassLoader())
            .dataSource(dataSource)
            .locations(vendor.migrationLocation())
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load();
    try {
      refuseNewer(flyway);
      flyway.migrate();
    } catch (FlywayException e) {
      throw translate(e);
    }
  }

  /**
   * Checks, without migrating or writing anything, that the database holds the schema at exactly
   * the version this library knows.
   *
   * @throws AccessConfigurationException when the database holds no access-governance schema (no
   *     {@value #HISTORY_TABLE}), an older one (migrations pending) or a newer one
   * @throws ProviderException when the database cannot be reached
   */
  public static void requireCurrent(DataSource dataSource, Vendor vendor) {
    Flyway flyway =
        Flyway.configure(Schema.class.getClassLoader())
            .dataSource(dataSource)
            .locations(vendor.migrationLocation())
            .table(HISTORY_TABLE)
            .load();
    try {
      MigrationInfoService info = flyway.info();
      if (info.applied().length == 0) {
        throw new AccessConfigurationException(
            "this database is not an access-governance store: it has no "
                + HISTORY_TABLE
                + " (no schema was migrated into it)");
      }
      refuseNewer(flyway);
      if (info.pending().length > 0) {
        throw new AccessConfigurationException(
            "the access-governance schema in this database is at version "
                + (info.current() == null ? "none" : info.current().getVersion())
                + ", older than this access-jdbc's; let the application (which migrates) open it"
                + " first");
      }
    } catch (FlywayException e) {
      throw translate(e);
    }
  }

  private static void refuseNewer(Flyway flyway) {
    MigrationInfo[] all = flyway.info().all();
    List<MigrationInfo> future =
        Arrays.stream(all).filter(m -> m.getState().name().startsWith("FUTURE")).toList();
    if (future.isEmpty()) {
      return;
    }
    MigrationInfo newest = future.get(future.size() - 1);
    String known =
        Arrays.stream(all)
            .filter(m -> !m.getState().name().startsWith("FUTURE") && m.getVersion() != null)
            .reduce((a, b) -> b)
            .map(m -> m.getVersion().toString())
            .orElse("none");
    throw new AccessConfigurationException(
        "the access-governance schema in this database is at version "
            + newest.getVersion()
            + " ("
            + newest.getDescription()
            + "), newer than this access-jdbc knows (up to "
            + known
            + "); a newer version of the library has migrated it. Upgrade access-jdbc to at"
            + " least that version; do not point an older one at this database");
  }

  private static RuntimeException translate(FlywayException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return SqlErrors.map("migrate", sql);
      }
    }
    return new ProviderException(
        SqlErrors.PROVIDER_ID,
        "migrate",
        0,
        null,
        null,
        false,
        "schema migration failed: " + e.getMessage(),
        e);
  }
}
