package dev.accessgov.bench.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
 * existing database the user may create databases from).
 */
final class BenchDatabase implements AutoCloseable {
  private final @Nullable HikariDataSource pool;
  private final JdbcAccessStore store;
  private final Path dir;

  private BenchDatabase(@Nullable HikariDataSource pool, JdbcAccessStore store, Path dir) {
    this.pool = pool;
    this.store = store;
    this.dir = dir;
  }

  static BenchDatabase open(String db) throws IOException, SQLException {
    if (db.equals("embedded")) {
      Path dir = Files.createTempDirectory("access-bench-");
      return new BenchDatabase(null, AccessStores.embedded(dir), dir);
    }
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(16);
    Path dir = null;
    if (db.equals("h2")) {
      dir = Files.createTempDirectory("access-bench-");
      // The settings AccessStores.embedded had while it was H2.
      config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("access") + ";WRITE_DELAY=0");
    } else {
      String url = System.getProperty("access.bench.pg");
      if (url == null) {
        throw new IllegalStateException(
            "set -Daccess.bench.pg=jdbc:postgresql://... for db=postgres");
      }
      String name = "access_bench_" + System.nanoTime();
      try (Connection c = java.sql.DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      int q = url.indexOf('?');
      String base = url.substring(0, url.lastIndexOf('/', q < 0 ? url.length() : q) + 1);
      config.setJdbcUrl(base + name + (q < 0 ? "" : url.substring(q)));
    }
    HikariDataSource pool = new HikariDataSource(config);
    return new BenchDatabase(pool, AccessStores.jdbc(pool), dir);
  }

  DataSource dataSource() {
    return store.dataSource();
  }

  JdbcAccessStore store() {
    return store;
  }

  @Override
  public void close() throws IOException {
    store.close();
    if (pool != null) {
      pool.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
