package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.slack.emulator.Fault;
import dev.accessgov.slack.emulator.SlackEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Slack failing: throttled, down, refused, or the process dying")
class SlackDeliveryFaultTest {
  private final SlackEmulator slack = new SlackEmulator();

  @AfterEach
  void conforms() {
    try {
      assertThat(slack.violations()).isEmpty();
    } finally {
      slack.close();
    }
  }

  @Test
  @DisplayName("429 with Retry-After, then success: one message, the rate limit and retry reported")
  void rateLimited() throws Exception {
    try (World w = new World(slack).start()) {
      slack.failNext("chat.postMessage", Fault.ratelimited(1));
      w.request("github/billing", "invoices");
      w.settle();
      assertThat(w.dm("carol")).hasSize(1);
      assertThat(slack.count("chat.postMessage")).isEqualTo(2);
      assertThat(w.events)
          .containsSubsequence(
              "limited slack chat.postMessage PT1S", "retry slack chat.postMessage 429");
    }
  }

  @Test
  @DisplayName(
      "Slack down for a while: the Java API keeps working; once back, each message goes"
          + " out once, in order")
  void downThenBack() throws Exception {
    String channel = slack.channel("ledger-access");
    try (World w = new World(slack, b -> b.channel("finance", channel)).start()) {
      slack.down(true);
      AccessRecord first = w.request("bob", "finance/payments", "first");
      w.clock.advance(Duration.ofSeconds(1));
      AccessRecord second = w.request("carol", "finance/payments", "second");
      assertThat(slack.awaitCount("chat.postMessage", 1, World.SETTLED)).isTrue();
      w.clock.advance(Duration.ofSeconds(1));
      AccessRecord third = w.request("olivia", "finance/payments", "third");
      // Decisions do not wait for Slack.
      w.access.deny(second.id(), PersonId.of("dave"), "not now");
      assertThat(w.access.record(second.id()).state()).isEqualTo(RecordState.DENIED);
      assertThat(slack.messages(channel)).isEmpty();
      slack.down(false);
      w.settle();
      // The open requests went out once each, in the order they were made. The denied one may
      // have been posted by a delivery that read it just before the denial; if so, its message
      // now says so and has no buttons.
      assertThat(slack.messages(channel))
          .filteredOn(m -> !m.actionIds().isEmpty())
          .extracting(m -> m.buttonValues().get(0))
          .containsExactly(first.id().value(), third.id().value());
      assertThat(slack.messages(channel))
          .filteredOn(m -> m.actionIds().isEmpty())
          .allSatisfy(m -> assertThat(m.allText()).contains("Denied by dave", second.id().value()));
      assertThat(w.notifications.healthy()).isTrue();
    }
  }

  @Test
  @DisplayName("a refused token stops delivery without losing anything; a fixed token delivers")
  void invalidAuthThenFixed() throws Exception {
    AtomicReference<String> token = new AtomicReference<>("xoxb-revoked-0000");
    try (World w =
        new World(
                slack,
                new dev.accessgov.inmemory.InMemoryAccessStore(),
                new dev.accessgov.inmemory.InMemoryOutbox(),
                b -> b,
                token::get)
            .start()) {
      w.request("github/billing", "invoices");
      assertThat(w.notifications.flush(Duration.ofMillis(300))).isFalse();
      assertThat(w.notifications.healthy()).isFalse();
      assertThat(slack.allMessages()).isEmpty();
      token.set(SlackEmulator.TOKEN);
      w.settle();
      assertThat(w.dm("carol")).hasSize(1);
    }
  }

  @Test
  @DisplayName(
      "a record committed before a crash, before any delivery, gets its message after the"
          + " restart, exactly once (JDBC outbox)")
  void crashBeforeDelivery(@TempDir Path dir) throws Exception {
    AccessRecord r;
    try (JdbcAccessStore store = AccessStores.embedded(dir)) {
      // Never started: the record commits, nothing reaches Slack, the process "dies".
      World w = new World(slack, store, store.outbox("slack"), b -> b, () -> SlackEmulator.TOKEN);
      r = w.request("github/billing", "before the crash");
      w.close();
    }
    assertThat(slack.allMessages()).isEmpty();
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        World w =
            new World(slack, store, store.outbox("slack"), b -> b, () -> SlackEmulator.TOKEN)
                .start()) {
      w.settle();
      assertThat(w.dm("carol"))
          .singleElement()
          .satisfies(m -> assertThat(m.buttonValues()).containsOnly(r.id().value()));
      assertThat(slack.count("chat.postMessage")).as("after the restart").isEqualTo(1);
    }
    // A third life posts nothing again, and still updates the message it remembers; the next
    // step (the app owner's) is asked once.
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        World w =
            new World(slack, store, store.outbox("slack"), b -> b, () -> SlackEmulator.TOKEN)
                .start()) {
      w.settle();
      assertThat(slack.count("chat.postMessage")).isEqualTo(1);
      w.access.approve(r.id(), PersonId.of("carol"), "ok");
      w.settle();
      assertThat(w.dm("carol"))
          .singleElement()
          .satisfies(m -> assertThat(m.allText()).contains("Approved by carol"))
          .satisfies(m -> assertThat(m.actionIds()).isEmpty());
      assertThat(w.dm("olivia"))
          .singleElement()
          .satisfies(m -> assertThat(m.allText()).contains("Approved by carol", "Policy step"));
    }
    assertThat(slack.count("chat.postMessage")).isEqualTo(2);
  }

  @Test
  @DisplayName("queued while Slack is down, then the process stops: the next one delivers once")
  void queuedAcrossRestart(@TempDir Path dir) throws Exception {
    slack.down(true);
    AccessRecord r;
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        World w =
            new World(slack, store, store.outbox("slack"), b -> b, () -> SlackEmulator.TOKEN)
                .start()) {
      r = w.request("github/billing", "queued");
      assertThat(slack.awaitCount("users.lookupByEmail", 1, World.SETTLED)).isTrue();
      assertThat(store.outbox("slack").size()).isPositive();
    }
    slack.down(false);
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        World w =
            new World(slack, store, store.outbox("slack"), b -> b, () -> SlackEmulator.TOKEN)
                .start()) {
      w.settle();
      assertThat(w.dm("carol"))
          .singleElement()
          .satisfies(m -> assertThat(m.buttonValues()).containsOnly(r.id().value()));
    }
    assertThat(slack.count("chat.postMessage")).isEqualTo(1);
  }
}
