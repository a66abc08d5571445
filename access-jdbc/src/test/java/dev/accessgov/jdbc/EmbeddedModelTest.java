package dev.accessgov.jdbc;

import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.model.AccessServiceModelContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;

/** The model-based test on the embedded store (SQLite), a fresh database file per sequence. */
class EmbeddedModelTest extends AccessServiceModelContract {
  private final Map<AccessStore, Path> dirs = new IdentityHashMap<>();

  @Override
  protected AccessStore newStore() {
    try {
      Path dir = Files.createTempDirectory("embedded-model");
      JdbcAccessStore store = AccessStores.embedded(dir);
      dirs.put(store, dir);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void release(AccessStore store) {
    ((JdbcAccessStore) store).close();
    try (var files = Files.walk(dirs.remove(store))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
