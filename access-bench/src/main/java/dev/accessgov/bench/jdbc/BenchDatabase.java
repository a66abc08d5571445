package dev.accessgov.bench.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A fresh, migrated database for one benchmark trial: the embedded store ({@code embedded}, SQLite)
 * or an H2 file ({@code h2}, the embedded engine before issue 14) in a temporary directory, or a
 * new database on the PostgreSQL server named by {@code -Daccess.bench.pg} (a JDBC URL of an
 * existing database the user may create databases from), dropped again on {@link #close()}.
 */
public final class BenchDatabase implements AutoCloseable {
  private final @Nullable HikariDataSource pool;
  private final JdbcAccessStore store;
  private final @Nullable Path dir;
  private final @Nullable String adminUrl;
  private final @Nullable String name;

  private BenchDatabase(
      @Nullable HikariDataSource pool,
      JdbcAccessStore store,
      @Nullable Path dir,
      @Nullable String adminUrl,
      @Nullable String name) {
    this.pool = pool;
    this.store = store;
    this.dir = dir;
    this.adminUrl = adminUrl;
    this.name = name;
  }

  /** Opens {@code db}: {@code embedded}, {@code h2} or {@code postgres}. */
  public static BenchDatabase open(String db) throws IOException, SQLException {
    if (db.equals("embedded")) {
      Path dir = Files.createTempDirectory("access-bench-");
      return new BenchDatabase(null, AccessStores.embedded(dir), dir, null, null);
    }
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(16);
    Path dir = null;
    String url = null;
    String name = null;
    if (db.equals("h2")) {
      dir = Files.createTempDirectory("access-bench-");
      // The settings AccessStores.embedded had while it was H2.
      config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("access") + ";WRITE_DELAY=0");
    } else if (db.equals("postgres")) {
      url = System.getProperty("access.bench.pg");
      if (url == null) {
        throw new IllegalStateException(
            "set -Daccess.bench.pg=jdbc:postgresql://... for db=postgres");
      }
      name = "access_bench_" + System.nanoTime();
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      int q = url.indexOf('?');
      String base = url.substring(0, url.lastIndexOf('/', q < 0 ? url.length() : q) + 1);
      config.setJdbcUrl(base + name + (q < 0 ? "" : url.substring(q)));
    } else {
      throw new IllegalArgumentException(
          "unknown database '" + db + "'; use embedded, h2 or postgres");
    }
    HikariDataSource pool = new HikariDataSource(config);
    return new BenchDatabase(pool, AccessStores.jdbc(pool), dir, url, name);
  }

  /** The database's connections. */
  public DataSource dataSource() {
    return store.dataSource();
  }

  /** The store on it. */
  public JdbcAccessStore store() {
    return store;
  }

  /** Closes the store and its pool and deletes the database. */
  @Override
  public void close() throws IOException, SQLException {
    store.close();
    if (pool != null) {
      pool.close();
    }
    if (adminUrl != null) {
      try (Connection c = DriverManager.getConnection(adminUrl);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name);
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
