package dev.accessgov.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.jdbc.internal.Drivers;
import dev.accessgov.jdbc.internal.JdbcLeases;
import dev.accessgov.jdbc.internal.Schema;
import dev.accessgov.jdbc.internal.SchemaDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens durable {@link JdbcAccessStore}s, migrating their schema first. Use {@link #embedded(Path)}
 * for one process (a SQLite file next to the application), {@link #postgres(DataSource)} when
 * several instances of the application share one database.
 *
 * <pre>{@code
 * try (JdbcAccessStore store = AccessStores.embedded(Path.of("data/access"))) {
 *   AccessService access = AccessService.builder().store(store)...build();
 * }
 * }</pre>
 */
public final class AccessStores {
  private AccessStores() {}

  /**
   * The table in which Flyway records this library's migrations, apart from the host's own history.
   */
  public static final String SCHEMA_HISTORY_TABLE = Schema.HISTORY_TABLE;

  /** The database file of an embedded store, in its directory. */
  public static final String EMBEDDED_FILE = "access.db";

  /**
   * A store in a SQLite database file in {@code directory} (created if missing; the file is {@code
   * access.db}, beside its write-ahead log), with its own small connection pool that {@link
   * JdbcAccessStore#close()} closes. A call that changed the store returns only after its commit is
   * in the write-ahead log and synced to disk ({@code synchronous=FULL}), so what returned survives
   * the process being killed and the machine losing power. One process at a time may open the
   * directory; it holds {@code access.lock} there until it closes the store. For the same reason,
   * opening lapses every lease on in-flight records left in the file (their owner died with its
   * process), so the first {@code recover()} finishes that work without waiting for them to lapse.
   *
   * <p>Earlier versions kept the embedded store in H2; H2 lost the last committed transactions when
   * the process was killed (see the access-jdbc README), and a directory holding only such a store
   * is refused with a message saying so.
   *
   * @throws AccessConfigurationException when the directory cannot be created, its path cannot be a
   *     SQLite file name, it holds an H2 store of an earlier version, or the database was migrated
   *     by a newer version of this library
   * @throws dev.accessgov.ProviderException when the database cannot be opened, e.g. another
   *     process holds it
   */
  public static JdbcAccessStore embedded(Path directory) {
    requireNonNull(directory, "directory");
    Path dir = directory.toAbsolutePath().normalize();
    if (dir.toString().contains("?") || dir.toString().contains("#")) {
      // sqlite-jdbc reads settings after a '?' in the file name: a path must not carry any.
      throw new AccessConfigurationException(
          "the store directory " + dir + " contains '?' or '#'; choose a path without them");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new AccessConfigurationException(
          "cannot create the store directory " + dir + ": " + e.getMessage());
    }
    if (Files.exists(dir.resolve("access.mv.db")) && !Files.exists(dir.resolve(EMBEDDED_FILE))) {
      throw new AccessConfigurationException(
          "the store directory "
              + dir
              + " holds an H2 store (access.mv.db) written by an earlier version; the embedded"
              + " store is SQLite now. Open the old one with AccessStores.jdbc(...) on an H2 data"
              + " source to read or export it; see access-jdbc's README");
    }
    ProcessLock lock = ProcessLock.acquire(dir);
    HikariDataSource pool = null;
    try {
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      // Every transaction takes the write lock as it begins: writers queue instead of failing
      // with SQLITE_BUSY when two of them upgrade from reading at once.
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      sqlite.setBusyTimeout(60_000);
      SQLiteDataSource file = new SQLiteDataSource(sqlite);
      file.setUrl("jdbc:sqlite:" + dir.resolve(EMBEDDED_FILE));
      HikariConfig config = new HikariConfig();
      config.setPoolName("access-sqlite");
      config.setDataSource(file);
      config.setMaximumPoolSize(8);
      config.setInitializationFailTimeout(-1);
      pool = new HikariDataSource(config);
      HikariDataSource opened = pool;
      AutoCloseable owned =
          () -> {
            try {
              opened.close();
            } finally {
              lock.close();
            }
          };
      Schema.open(pool, Schema.Vendor.SQLITE, null, Migration.APPLY);
      // The process lock makes this the only process using the file: a lease left in it belongs
      // to a process that died, so recovery may take its records over at once.
      new JdbcLeases(pool, Schema.Vendor.SQLITE).lapseAll();
      return new JdbcAccessStore(pool, Schema.Vendor.SQLITE, owned, "sqlite file " + dir);
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      lock.close();
      throw e;
    }
  }

  /**
   * A store in the PostgreSQL database behind {@code dataSource} (a pool such as HikariCP,
   * configured by the application; it stays open when the store is closed). Several instances of
   * the application may use the same database at once. The tables are prefixed {@code ag_}; the
   * schema history is {@code ag_schema_history}.
   *
   * <p>The same as {@link #postgres(DataSource, JdbcStoreSettings)} with {@link
   * JdbcStoreSettings#defaults()}: the tables go into the connection's current schema, pending
   * migrations are applied.
   *
   * @throws AccessConfigurationException when the database is not PostgreSQL or was migrated by a
   *     newer version of this library, or its driver ({@code org.postgresql:postgresql}) is missing
   * @throws dev.accessgov.ProviderException when the database cannot be reached or refuses the
   *     migration
   */
  public static JdbcAccessStore postgres(DataSource dataSource) {
    return postgres(dataSource, JdbcStoreSettings.defaults());
  }

  /**
   * A store in the PostgreSQL database behind {@code dataSource}, in the schema and with the
   * migration mode of {@code settings}. The data source stays open when the store is closed.
   *
   * @throws SchemaNotMigratedException with {@link Migration#VALIDATE}, when the schema is missing
   *     or behind this library's version
   * @throws AccessConfigurationException when the database is not PostgreSQL or was migrated by a
   *     newer version of this library, or its driver ({@code org.postgresql:postgresql}) is missing
   * @throws dev.accessgov.ProviderException when the database cannot be reached or refuses the
   *     migration
   */
  public static JdbcAccessStore postgres(DataSource dataSource, JdbcStoreSettings settings) {
    requireNonNull(dataSource, "dataSource");
    requireNonNull(settings, "settings");
    Schema.Vendor vendor;
    try {
      vendor = Schema.Vendor.of(dataSource);
    } catch (ProviderException e) {
      // A pool that cannot connect because the optional driver is missing says which to add.
      Drivers.require(Schema.Vendor.POSTGRESQL, Drivers.defaultLoaders(), e);
      throw e;
    }
    if (vendor != Schema.Vendor.POSTGRESQL) {
      throw new AccessConfigurationException(
          "postgres(...) was given a " + vendor + " data source; use jdbc(...) or embedded(...)");
    }
    return open(dataSource, vendor, settings);
  }

  /**
   * A store in the database behind {@code dataSource}, H2 or PostgreSQL, detected from the
   * connection. The data source stays open when the store is closed.
   *
   * @throws AccessConfigurationException for another database or a newer schema
   * @throws dev.accessgov.ProviderException when the database cannot be reached
   */
  public static JdbcAccessStore jdbc(DataSource dataSource) {
    return jdbc(dataSource, JdbcStoreSettings.defaults());
  }

  /**
   * A store in the database behind {@code dataSource}, H2 or PostgreSQL, detected from the
   * connection, in the schema and with the migration mode of {@code settings}. The data source
   * stays open when the store is closed.
   *
   * @throws SchemaNotMigratedException with {@link Migration#VALIDATE}, when the schema is missing
   *     or behind this library's version
   * @throws AccessConfigurationException for another database, a newer schema, or a schema set for
   *     a SQLite data source (a SQLite file has none)
   * @throws dev.accessgov.ProviderException when the database cannot be reached
   */
  public static JdbcAccessStore jdbc(DataSource dataSource, JdbcStoreSettings settings) {
    requireNonNull(dataSource, "dataSource");
    requireNonNull(settings, "settings");
    Schema.Vendor vendor = Schema.Vendor.of(dataSource);
    return open(dataSource, vendor, settings);
  }

  /**
   * The Flyway locations of this library's migrations for the database behind {@code dataSource},
   * e.g. {@code [classpath:dev/accessgov/jdbc/migration/postgresql]}, for a host that runs them
   * with its own Flyway and opens the store with {@link Migration#VALIDATE}. Run them with the
   * history table {@value #SCHEMA_HISTORY_TABLE}, apart from the host's own history:
   *
   * <pre>{@code
   * Flyway.configure()
   *     .dataSource(dataSource)
   *     .schemas("access")                       // the schema given to JdbcStoreSettings, if any
   *     .table(AccessStores.SCHEMA_HISTORY_TABLE)
   *     .locations(AccessStores.migrationLocations(dataSource).toArray(String[]::new))
   *     .baselineOnMigrate(true).baselineVersion("0") // a schema that already holds other tables
   *     .load()
   *     .migrate();
   * }</pre>
   *
   * @throws AccessConfigurationException for a database other than SQLite, H2 or PostgreSQL
   * @throws dev.accessgov.ProviderException when the database cannot be reached
   */
  public static List<String> migrationLocations(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    return Schema.locations(Schema.Vendor.of(dataSource));
  }

  /**
   * The store already in the database behind {@code dataSource} (H2 or PostgreSQL), opened without
   * migrating: nothing is created or changed to open it. For readers such as access-cli, which must
   * not turn an empty or wrong database into a store. The data source stays open when the store is
   * closed.
   *
   * @throws AccessConfigurationException when the database holds no access-governance schema, or
   *     one older or newer than this library's
   * @throws dev.accessgov.ProviderException when the database cannot be reached
   */
  public static JdbcAccessStore existing(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    Schema.Vendor vendor = Schema.Vendor.of(dataSource);
    Schema.requireCurrent(dataSource, vendor);
    return new JdbcAccessStore(dataSource, vendor, null, vendor.name().toLowerCase(Locale.ROOT));
  }

  /**
   * Checks, before a connection pool is built from {@code jdbcUrl}, that the JDBC driver for its
   * database is on the class path. access-jdbc brings the SQLite driver; the H2 ({@code
   * com.h2database:h2}) and PostgreSQL ({@code org.postgresql:postgresql}) drivers are optional
   * dependencies the application declares itself.
   *
   * @throws AccessConfigurationException when the URL is not one of SQLite, H2 or PostgreSQL, or
   *     its driver is missing; the message names the Maven artifact to add
   */
  public static void requireDriver(String jdbcUrl) {
    requireNonNull(jdbcUrl, "jdbcUrl");
    Schema.Vendor vendor =
        Drivers.vendorOf(jdbcUrl)
            .orElseThrow(
                () ->
                    new AccessConfigurationException(
                        "unsupported JDBC URL (it must start with jdbc:postgresql:, jdbc:h2: or"
                            + " jdbc:sqlite:); access-jdbc supports PostgreSQL, H2 and SQLite"));
    Drivers.require(vendor, Drivers.defaultLoaders(), null);
  }

  private static JdbcAccessStore open(
      DataSource dataSource, Schema.Vendor vendor, JdbcStoreSettings settings) {
    String schema = settings.schema().orElse(null);
    String description = vendor.name().toLowerCase(Locale.ROOT);
    if (schema == null) {
      Schema.open(dataSource, vendor, null, settings.migration());
      return new JdbcAccessStore(dataSource, vendor, null, description);
    }
    if (vendor == Schema.Vendor.SQLITE) {
      throw new AccessConfigurationException(
          "a schema ('"
              + schema
              + "') was set for a SQLite data source, which has none; leave it unset, or use"
              + " PostgreSQL");
    }
    Schema.open(dataSource, vendor, schema, settings.migration());
    return new JdbcAccessStore(
        new SchemaDataSource(dataSource, schema), vendor, null, description + " schema " + schema);
  }
}
