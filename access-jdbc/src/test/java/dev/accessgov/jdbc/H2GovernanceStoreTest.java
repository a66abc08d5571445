package dev.accessgov.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.GovernanceStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governance contract on an H2 file through {@link AccessStores#jdbc}; racing decisions also
 * come through a second store on the same pool, as another process's would.
 */
class H2GovernanceStoreTest extends GovernanceStoreContract {
  @TempDir Path dir;
  private HikariDataSource pool;
  private JdbcAccessStore store;
  private JdbcAccessStore other;

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
    if (other != null) {
      other.close();
    }
    store.close();
    pool.close();
  }

  @Override
  protected AccessStore store() {
    return store;
  }

  @Override
  protected AccessStore otherStore() {
    if (other == null) {
      other = AccessStores.jdbc(pool);
    }
    return other;
  }

  @Override
  protected void reopen() {
    store.close();
    store = AccessStores.jdbc(pool);
  }
}
