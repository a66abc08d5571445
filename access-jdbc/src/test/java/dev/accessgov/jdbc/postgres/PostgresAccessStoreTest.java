package dev.accessgov.jdbc.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.AccessStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract on PostgreSQL, a fresh database per test. */
class PostgresAccessStoreTest extends AccessStoreContract {
  private HikariDataSource pool;
  private JdbcAccessStore store;

  @BeforeEach
  void open() {
    pool = PostgresCluster.get().newDatabase(16);
    store = AccessStores.postgres(pool);
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

  @Override
  protected int concurrentWriters() {
    return 12;
  }
}
