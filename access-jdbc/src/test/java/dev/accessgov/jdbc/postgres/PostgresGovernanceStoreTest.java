package dev.accessgov.jdbc.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.GovernanceStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The governance contract on PostgreSQL, a fresh database per test. Racing decisions also come
 * through a second store with its own pool on the same database, as a second instance of the
 * application would have.
 */
class PostgresGovernanceStoreTest extends GovernanceStoreContract {
  private HikariDataSource pool;
  private HikariDataSource otherPool;
  private JdbcAccessStore store;
  private JdbcAccessStore other;

  @BeforeEach
  void open() {
    pool = PostgresCluster.get().newDatabase(16);
    store = AccessStores.postgres(pool);
  }

  @AfterEach
  void close() {
    if (other != null) {
      other.close();
      otherPool.close();
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
      otherPool = PostgresCluster.get().pool(databaseOf(pool), 8);
      other = AccessStores.postgres(otherPool);
    }
    return other;
  }

  private static String databaseOf(HikariDataSource pool) {
    String url = pool.getJdbcUrl();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Override
  protected void reopen() {
    store.close();
    store = AccessStores.postgres(pool);
  }

  @Override
  protected int racers() {
    return 12;
  }
}
