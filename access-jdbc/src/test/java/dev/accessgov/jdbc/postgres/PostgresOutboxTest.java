package dev.accessgov.jdbc.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.spi.Outbox;
import dev.accessgov.testkit.OutboxContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/** The outbox contract on PostgreSQL, a fresh database per test. */
@DisplayName("the JDBC outbox on PostgreSQL")
class PostgresOutboxTest extends OutboxContract {
  private HikariDataSource pool;
  private JdbcAccessStore store;

  @BeforeEach
  void open() {
    pool = PostgresCluster.get().newDatabase(4);
    store = AccessStores.postgres(pool);
  }

  @AfterEach
  void close() {
    store.close();
    pool.close();
  }

  @Override
  protected Outbox outbox() {
    return store.outbox("jira");
  }
}
