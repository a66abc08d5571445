package dev.accessgov.jdbc.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.model.AccessServiceModelContract;
import java.util.IdentityHashMap;
import java.util.Map;

/** The model-based test on PostgreSQL, a fresh database per sequence. */
class PostgresModelTest extends AccessServiceModelContract {
  private final Map<AccessStore, HikariDataSource> pools = new IdentityHashMap<>();

  @Override
  protected AccessStore newStore() {
    HikariDataSource pool = PostgresCluster.get().newDatabase(8);
    JdbcAccessStore store = AccessStores.postgres(pool);
    pools.put(store, pool);
    return store;
  }

  @Override
  protected void release(AccessStore store) {
    ((JdbcAccessStore) store).close();
    pools.remove(store).close();
  }
}
