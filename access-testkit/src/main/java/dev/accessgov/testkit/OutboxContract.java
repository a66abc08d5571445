package dev.accessgov.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import dev.accessgov.spi.OutboxEntry.Kind;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Outbox} must do. Subclass it in your module's tests and return a fresh, empty
 * outbox from {@link #outbox()}.
 */
public abstract class OutboxContract {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456789Z");

  /** The outbox under test: empty when each test starts, the same instance throughout the test. */
  protected abstract Outbox outbox();

  private static OutboxEntry entry(String ticket, Kind kind, long seq) {
    return new OutboxEntry(0, ticket, kind, "rec-" + ticket, seq, "{\"n\":" + seq + "}", T0);
  }

  @Test
  @DisplayName("add assigns increasing ids and keeps every field")
  void add() {
    OutboxEntry first = outbox().add(entry("ACC-1", Kind.COMMENT, 3));
    OutboxEntry second =
        outbox()
            .add(
                new OutboxEntry(
                    0,
                    "pending:rec-9",
                    Kind.OPEN,
                    "rec-9",
                    0,
                    "{\"t\":\"Störung ✓ \\\"x\\\"\"}",
                    T0));

    assertThat(second.id()).isGreaterThan(first.id()).isGreaterThan(0);
    assertThat(outbox().size()).isEqualTo(2);
    assertThat(outbox().heads(10)).containsExactly(first, second);
    assertThat(outbox().heads(10).get(1).payload()).isEqualTo("{\"t\":\"Störung ✓ \\\"x\\\"\"}");
    assertThat(outbox().heads(10).get(0).enqueuedAt()).isEqualTo(T0);
  }

  @Test
  @DisplayName("heads are the oldest entry of each ticket, oldest first, at most max")
  void heads() {
    OutboxEntry a1 = outbox().add(entry("A", Kind.LINK, 0));
    OutboxEntry b1 = outbox().add(entry("B", Kind.COMMENT, 1));
    outbox().add(entry("A", Kind.COMMENT, 2));
    OutboxEntry c1 = outbox().add(entry("C", Kind.TRANSITION, 0));

    assertThat(outbox().heads(10)).containsExactly(a1, b1, c1);
    assertThat(outbox().heads(2)).containsExactly(a1, b1);
    assertThat(outbox().heads(0)).isEmpty();
  }

  @Test
  @DisplayName("remove makes a ticket's next entry its head; removing an absent id does nothing")
  void remove() {
    OutboxEntry a1 = outbox().add(entry("A", Kind.LINK, 0));
    OutboxEntry a2 = outbox().add(entry("A", Kind.COMMENT, 2));

    outbox().remove(a1.id());
    outbox().remove(a1.id());
    outbox().remove(987_654_321L);

    assertThat(outbox().heads(10)).containsExactly(a2);
    assertThat(outbox().size()).isEqualTo(1);
    outbox().remove(a2.id());
    assertThat(outbox().heads(10)).isEmpty();
    assertThat(outbox().size()).isZero();
  }

  @Test
  @DisplayName("remembers each record's ticket key, the latest one winning")
  void issueKeys() {
    assertThat(outbox().issueKey("rec-1")).isEmpty();

    outbox().rememberIssueKey("rec-1", "pending:rec-1");
    outbox().rememberIssueKey("rec-1", "ACC-7");
    outbox().rememberIssueKey("rec-2", "ACC-8");

    assertThat(outbox().issueKey("rec-1")).contains("ACC-7");
    assertThat(outbox().issueKey("rec-2")).contains("ACC-8");
  }
}
