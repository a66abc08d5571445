package dev.accessgov.inmemory;

import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.AccessStoreContract;

class InMemoryAccessStoreTest extends AccessStoreContract {
  private final InMemoryAccessStore store = new InMemoryAccessStore();

  @Override
  protected AccessStore store() {
    return store;
  }
}
