package dev.accessgov.testkit.model;

import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.spi.AccessStore;

/** The model-based test on the in-memory store. */
class InMemoryModelTest extends AccessServiceModelContract {
  @Override
  protected AccessStore newStore() {
    return new InMemoryAccessStore();
  }
}
