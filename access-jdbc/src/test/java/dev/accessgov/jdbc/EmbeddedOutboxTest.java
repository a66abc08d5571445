package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import dev.accessgov.testkit.OutboxContract;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox contract on the embedded store (SQLite), and what only a durable outbox promises. */
@DisplayName("the JDBC outbox on the embedded store")
class EmbeddedOutboxTest extends OutboxContract {
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
  protected Outbox outbox() {
    return store.outbox("jira");
  }

  @Test
  @DisplayName("entries and ticket keys survive closing and reopening the store")
  void survivesRestart() {
    OutboxEntry waiting =
        outbox()
            .add(
                new OutboxEntry(
                    0,
                    "ACC-1",
                    OutboxEntry.Kind.COMMENT,
                    "rec-1",
                    4,
                    "{}",
                    Instant.parse("2026-01-05T09:00:00Z")));
    outbox().rememberIssueKey("rec-1", "ACC-1");
    store.close();

    store = AccessStores.embedded(dir);

    assertThat(outbox().heads(10)).containsExactly(waiting);
    assertThat(outbox().issueKey("rec-1")).contains("ACC-1");
  }

  @Test
  @DisplayName("outboxes of different names do not see each other")
  void separateNames() {
    outbox().add(new OutboxEntry(0, "A", OutboxEntry.Kind.LINK, "r", 0, "{}", Instant.EPOCH));
    store.outbox("servicenow").rememberIssueKey("r", "INC-1");

    assertThat(store.outbox("servicenow").heads(10)).isEmpty();
    assertThat(store.outbox("servicenow").size()).isZero();
    assertThat(outbox().issueKey("r")).isEmpty();
    assertThat(outbox().size()).isEqualTo(1);
  }
}
