package dev.accessgov.inmemory;

import dev.accessgov.spi.AccessStore;
import dev.accessgov.testkit.GovernanceStoreContract;

class InMemoryGovernanceStoreTest extends GovernanceStoreContract {
  private final InMemoryAccessStore store = new InMemoryAccessStore();

  @Override
  protected AccessStore store() {
    return store;
  }
}
