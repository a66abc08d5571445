package dev.accessgov.jdbc;

import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.GovernanceStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governance contract on the embedded store (a SQLite file), a fresh database per test; racing
 * decisions also come through a second store on the same file, with its own writer thread.
 */
class EmbeddedGovernanceStoreTest extends GovernanceStoreContract {
  @TempDir Path dir;
  private JdbcAccessStore store;
  private JdbcAccessStore other;

  @BeforeEach
  void open() {
    store = AccessStores.embedded(dir);
  }

  @AfterEach
  void close() {
    if (other != null) {
      other.close();
    }
    store.close();
  }

  @Override
  protected AccessStore store() {
    return store;
  }

  @Override
  protected AccessStore otherStore() {
    if (other == null) {
      other = AccessStores.jdbc(store.dataSource());
    }
    return other;
  }

  @Override
  protected void reopen() {
    store.close();
    store = AccessStores.embedded(dir);
  }
}
