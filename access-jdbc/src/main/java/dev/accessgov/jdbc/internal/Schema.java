package dev.accessgov.jdbc.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.jdbc.Migration;
import dev.accessgov.jdbc.SchemaNotMigratedException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Brings a database to the schema this version of the library expects, with Flyway, and refuses a
 * database that a newer version has already migrated further (reading it could misinterpret
 * columns, writing it could corrupt them). The history table is {@code ag_schema_history}, so the
 * host's own Flyway history is untouched; a database that already holds the host's tables is
 * accepted (baseline 0). Where the schema stands is read from the history table directly, so a
 * current schema opens without starting Flyway (which logs at INFO whenever it runs); Flyway runs,
 * logging through SLF4J, only to apply migrations. Not API.
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
   * The newest migration this library ships, the same for every vendor (checked by a test against
   * the migration folders).
   */
  public static final MigrationVersion LATEST = MigrationVersion.fromVersion("8");

  /** Where a database's schema stands against this library. */
  enum State {
    /** No schema history: nothing was migrated into it. */
    MISSING,
    /** Migrated, but migrations of this library are pending. */
    BEHIND,
    /** At exactly this library's version. */
    CURRENT,
    /** Migrated further by a newer version of this library. */
    AHEAD
  }

  /** What the schema history says: its state, newest applied version and description. */
  record Status(State state, @Nullable MigrationVersion version, String description) {}

  /**
   * Opens the store's schema as {@code migration} says: applies pending migrations, or only checks
   * that none is pending.
   *
   * @param schema the schema holding the store, or null for the connection's current one
   * @throws SchemaNotMigratedException with {@link Migration#VALIDATE}, for a schema missing or
   *     behind
   * @throws AccessConfigurationException when the database has migrations newer than this library
   * @throws ProviderException when the database cannot be reached or refuses the migration
   */
  public static void open(
      DataSource dataSource, Vendor vendor, @Nullable String schema, Migration migration) {
    Status status = status(dataSource, vendor, schema);
    switch (status.state()) {
      case CURRENT:
        // Nothing to do, and nothing to log: Flyway is not even started.
        return;
      case AHEAD:
        throw newer(status);
      case MISSING:
      case BEHIND:
        if (migration == Migration.VALIDATE) {
          throw notMigrated(status, vendor, schema);
        }
        migrate(dataSource, vendor, schema);
        return;
      default:
        throw new IllegalStateException(status.state().name());
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
    Status status = status(dataSource, vendor, null);
    switch (status.state()) {
      case CURRENT:
        return;
      case AHEAD:
        throw newer(status);
      case MISSING:
        throw new AccessConfigurationException(
            "this database is not an access-governance store: it has no "
                + HISTORY_TABLE
                + " (no schema was migrated into it)");
      case BEHIND:
        throw new AccessConfigurationException(
            "the access-governance schema in this database is at version "
                + status.version()
                + ", older than this access-jdbc's; let the application (which migrates) open it"
                + " first");
      default:
        throw new IllegalStateException(status.state().name());
    }
  }

  /** The Flyway locations of {@code vendor}'s migrations. */
  public static List<String> locations(Vendor vendor) {
    return List.of(vendor.migrationLocation());
  }

  private static void migrate(DataSource dataSource, Vendor vendor, @Nullable String schema) {
    FluentConfiguration config =
        Flyway.configure(Schema.class.getClassLoader())
            // Through SLF4J, whatever else is on the class path: Flyway would otherwise fall back
            // to java.util.logging when it finds no SLF4J 1.x binding.
            .loggers("slf4j")
            .dataSource(dataSource)
            .locations(vendor.migrationLocation())
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (schema != null) {
      config = config.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    try {
      config.load().migrate();
    } catch (FlywayException e) {
      throw translate(e);
    }
  }

  /**
   * Reads the schema history directly, without Flyway: opening a current store then starts no
   * Flyway, which would log its environment, database and validation at INFO on every open.
   */
  static Status status(DataSource dataSource, Vendor vendor, @Nullable String schema) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      String inSchema = schema != null ? schema : vendor == Vendor.SQLITE ? null : c.getSchema();
      if (inSchema == null && vendor != Vendor.SQLITE) {
        // PostgreSQL's search_path names no existing schema: there is nothing of ours in it.
        return new Status(State.MISSING, null, "");
      }
      String escape = md.getSearchStringEscape();
      try (ResultSet tables =
          md.getTables(
              null, like(inSchema, escape), like(HISTORY_TABLE, escape), new String[] {"TABLE"})) {
        if (!tables.next()) {
          return new Status(State.MISSING, null, "");
        }
      }
      String table = (schema == null ? "" : "\"" + schema + "\".") + "\"" + HISTORY_TABLE + "\"";
      MigrationVersion newest = null;
      String description = "";
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT \"version\", \"description\" FROM "
                  + table
                  + " WHERE \"success\" = ? AND \"version\" IS NOT NULL")) {
        ps.setBoolean(1, true);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
            if (newest == null || v.isNewerThan(newest)) {
              newest = v;
              description = rs.getString(2);
            }
          }
        }
      }
      if (newest == null) {
        return new Status(State.BEHIND, null, "");
      }
      int order = newest.compareTo(LATEST);
      State state = order < 0 ? State.BEHIND : order == 0 ? State.CURRENT : State.AHEAD;
      return new Status(state, newest, description == null ? "" : description);
    } catch (SQLException e) {
      throw SqlErrors.map("read schema history", e);
    }
  }

  private static @Nullable String like(@Nullable String name, @Nullable String escape) {
    if (name == null || escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  private static SchemaNotMigratedException notMigrated(
      Status status, Vendor vendor, @Nullable String schema) {
    String where = schema == null ? "this database" : "schema " + schema;
    String found =
        status.state() == State.MISSING
            ? "has no access-governance schema (no " + HISTORY_TABLE + ")"
            : "holds the access-governance schema at version "
                + (status.version() == null ? "none" : status.version().toString());
    return new SchemaNotMigratedException(
        where
            + " "
            + found
            + "; this access-jdbc needs version "
            + LATEST
            + ". Run its migrations first (Flyway locations "
            + locations(vendor)
            + ", history table "
            + HISTORY_TABLE
            + (schema == null ? "" : ", schema " + schema)
            + "; see AccessStores.migrationLocations and access-jdbc's README), or open the store"
            + " with Migration.APPLY");
  }

  private static AccessConfigurationException newer(Status status) {
    return new AccessConfigurationException(
        "the access-governance schema in this database is at version "
            + status.version()
            + " ("
            + status.description()
            + "), newer than this access-jdbc knows (up to "
            + LATEST
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
