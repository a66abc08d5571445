package dev.accessgov.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.jdbc.internal.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Opens durable {@link JdbcAccessStore}s, migrating their schema first. Use {@link #embedded(Path)}
 * for one process (an H2 file next to the application), {@link #postgres(DataSource)} when several
 * instances of the application share one database.
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
   * A store in an H2 database file in {@code directory} (created if missing; the file is {@code
   * access.mv.db}), with its own small connection pool that {@link JdbcAccessStore#close()} closes.
   * Each commit is written to the file before it returns, so a committed change survives the
   * process being killed. One process at a time may open the directory.
   *
   * @throws AccessConfigurationException when the directory cannot be created or the database was
   *     migrated by a newer version of this library
   * @throws dev.accessgov.ProviderException when the database cannot be opened (e.g. another
   *     process holds it)
   */
  public static JdbcAccessStore embedded(Path directory) {
    requireNonNull(directory, "directory");
    Path dir = directory.toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new AccessConfigurationException(
          "cannot create the store directory " + dir + ": " + e.getMessage());
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("access-h2");
    // WRITE_DELAY=0: H2 writes each commit to the file at once instead of up to 500 ms later,
    // which is what lets a committed transaction survive a killed process.
    config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("access") + ";WRITE_DELAY=0");
    config.setUsername("sa");
    config.setMaximumPoolSize(8);
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      return open(pool, Schema.Vendor.H2, pool, "h2 file " + dir);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * A store in the PostgreSQL database behind {@code dataSource} (a pool such as HikariCP,
   * configured by the application; it stays open when the store is closed). Several instances of
   * the application may use the same database at once. The tables are prefixed {@code ag_}; the
   * schema history is {@code ag_schema_history}.
   *
   * @throws AccessConfigurationException when the database is not PostgreSQL or was migrated by a
   *     newer version of this library
   * @throws dev.accessgov.ProviderException when the database cannot be reached or refuses the
   *     migration
   */
  public static JdbcAccessStore postgres(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    Schema.Vendor vendor = Schema.Vendor.of(dataSource);
    if (vendor != Schema.Vendor.POSTGRESQL) {
      throw new AccessConfigurationException(
          "postgres(...) was given a " + vendor + " data source; use jdbc(...) or embedded(...)");
    }
    return open(dataSource, vendor, null, "postgresql");
  }

  /**
   * A store in the database behind {@code dataSource}, H2 or PostgreSQL, detected from the
   * connection. The data source stays open when the store is closed.
   *
   * @throws AccessConfigurationException for another database or a newer schema
   * @throws dev.accessgov.ProviderException when the database cannot be reached
   */
  public static JdbcAccessStore jdbc(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    Schema.Vendor vendor = Schema.Vendor.of(dataSource);
    return open(dataSource, vendor, null, vendor.name().toLowerCase(java.util.Locale.ROOT));
  }

  private static JdbcAccessStore open(
      DataSource dataSource,
      Schema.Vendor vendor,
      @Nullable AutoCloseable owned,
      String description) {
    Schema.migrate(dataSource, vendor);
    return new JdbcAccessStore(dataSource, vendor, owned, description);
  }
}
