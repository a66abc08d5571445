package dev.accessgov.jdbc;

import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.AccessStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded store (a SQLite file), a fresh database per test. */
class EmbeddedAccessStoreTest extends AccessStoreContract {
  @TempDir Path dir;
  private JdbcAccessStore store;

  @BeforeEach
  void open() {
    store = AccessStores.embedded(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected AccessStore store() {
    return store;
  }
}
