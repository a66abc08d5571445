package dev.accessgov.inmemory;

import dev.accessgov.spi.Outbox;
import dev.accessgov.testkit.OutboxContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryOutbox")
class InMemoryOutboxTest extends OutboxContract {
  private final InMemoryOutbox outbox = new InMemoryOutbox();

  @Override
  protected Outbox outbox() {
    return outbox;
  }
}
