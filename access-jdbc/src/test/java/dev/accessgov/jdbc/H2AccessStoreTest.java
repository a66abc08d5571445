package dev.accessgov.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.AccessStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on an H2 file through {@link AccessStores#jdbc}: H2 is no longer the embedded
 * engine, but a data source an application hands over may still be H2.
 */
class H2AccessStoreTest extends AccessStoreContract {
  @TempDir Path dir;
  private HikariDataSource pool;
  private JdbcAccessStore store;

  @BeforeEach
  void open() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("access"));
    config.setUsername("sa");
    pool = new HikariDataSource(config);
    store = AccessStores.jdbc(pool);
  }

  @AfterEach
  void close() {
    store.close();
    pool.close();
  }

  @Override
  protected AccessStore store() {
    return store;
  }
}
