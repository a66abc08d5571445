package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.TicketRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Jira down, slow or restarted: grants go on, and Jira catches up once, in order. */
class JiraOutageTest {
  private final JiraEmulator emulator = new JiraEmulator();

  @AfterEach
  void stop() {
    assertThat(SpecValidator.violations(emulator.server().getAllServeEvents())).isEmpty();
    emulator.close();
  }

  @Test
  @DisplayName(
      "grants and a revoke go through while Jira is down; afterwards every comment arrives once, in order, saying it is late")
  // Nothing waits for Jira: the records carry provisional keys, and only a grant held up by Jira
  // (the open timeout is two minutes) or a hang reaches this guard.
  @Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void outageDuringGrants() {
    try (JiraTicketing jira = Fixtures.jira(emulator).lateAfter(Duration.ZERO).build()) {
      World world = new World(jira);
      emulator.down(true);
      List<AccessRecord> records = new ArrayList<>();
      for (String subject : List.of("bob", "dan", "erin")) {
        records.add(world.request(subject, "wiki/read", "alice"));
      }
      AccessRecord revoked =
          world.access.revoke(records.get(1).id(), PersonId.of("alice"), "not needed after all");
      assertThat(records).allSatisfy(r -> assertThat(r.state()).isEqualTo(RecordState.ACTIVE));
      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      assertThat(records).allSatisfy(r -> assertThat(r.ticketKey()).startsWith("pending:"));
      assertThat(jira.backlog()).isPositive();
      assertThat(emulator.issueKeys()).isEmpty();

      emulator.down(false);
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      // Recovery links each record to its real issue and notes in the record how late it came.
      world.access.recover();
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();

      assertThat(emulator.issueKeys()).hasSize(3);
      for (AccessRecord r : records) {
        AccessRecord now = world.access.record(r.id());
        String key = jira.issueKeyOf(r.id()).orElseThrow();
        assertThat(now.ticketKey()).isEqualTo(key);
        EvidenceEvent relinked = now.lastEvent(EvidenceType.TICKET_LINKED).orElseThrow();
        assertThat(relinked.detailText(EvidenceKeys.PREVIOUS_TICKET))
            .isEqualTo("pending:" + r.id());
        assertThat(relinked.detailText(EvidenceKeys.DELAYED_BY)).startsWith("PT");
        List<String> comments = emulator.comments(key);
        assertThat(comments).hasSize(now.timeline().size());
        for (int i = 0; i < comments.size(); i++) {
          EvidenceEvent e = now.timeline().get(i);
          assertThat(comments.get(i))
              .startsWith(e.type() + " by " + e.actor())
              .contains("event " + e.seq() + " sha256 " + e.hash())
              .contains("Jira was unavailable");
        }
        assertThat(emulator.remoteLinks(key)).hasSize(1);
        assertThat(emulator.property(key, "accessgov.record").path("state").asText())
            .isEqualTo(now.state().name());
        assertThat(emulator.status(key))
            .isEqualTo(now.state() == RecordState.ACTIVE ? "In Progress" : "Done");
      }
      assertThat(jira.dropped()).isZero();
    }
  }

  @Test
  @DisplayName(
      "a grant's updates wait while Jira is down after the issue exists, then arrive in order")
  void outageAfterOpen() {
    try (JiraTicketing jira = Fixtures.jira(emulator).build()) {
      World world = new World(jira);
      AccessRecord requested = world.request("wiki/edit", "alice");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      emulator.down(true);
      AccessRecord approved = world.access.approve(requested.id(), PersonId.of("carol"), "ok");
      assertThat(approved.state()).isEqualTo(RecordState.ACTIVE);
      emulator.down(false);
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      List<String> types =
          emulator.comments(approved.ticketKey()).stream().map(c -> c.split(" ", 2)[0]).toList();
      assertThat(types)
          .containsExactlyElementsOf(
              approved.timeline().stream().map(e -> e.type().name()).toList());
      assertThat(emulator.status(approved.ticketKey())).isEqualTo("In Progress");
    }
  }

  @Test
  @DisplayName(
      "updates still waiting when the process stops are delivered by the next one, from a durable outbox")
  void durableOutboxAcrossRestart(@TempDir Path dir) {
    List<AccessRecord> records = new ArrayList<>();
    emulator.down(true);
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        JiraTicketing first = Fixtures.jira(emulator).outbox(store.outbox("jira")).build()) {
      World world = new World(first);
      for (String subject : List.of("bob", "dan")) {
        records.add(world.request(subject, "wiki/read", "alice"));
      }
      assertThat(first.backlog()).isPositive();
    } // the process stops with every update still waiting
    assertThat(emulator.issueKeys()).isEmpty();

    emulator.down(false);
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        JiraTicketing second = Fixtures.jira(emulator).outbox(store.outbox("jira")).build()) {
      assertThat(second.flush(Fixtures.SETTLED)).isTrue();
      assertThat(store.outbox("jira").size()).isZero();
      assertThat(emulator.issueKeys()).hasSize(2);
      for (AccessRecord r : records) {
        String key = second.issueKeyOf(r.id()).orElseThrow();
        assertThat(emulator.comments(key))
            .extracting(c -> c.split(" ", 2)[0])
            .containsExactlyElementsOf(r.timeline().stream().map(e -> e.type().name()).toList());
      }
      assertThat(second.dropped()).isZero();
    }
  }

  @Test
  @DisplayName(
      "after a restart, repeating open, comments and transitions adds no issue, comment or link")
  void repeatAfterRestart() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    AccessRecord granted;
    try (JiraTicketing first = Fixtures.jira(emulator).outbox(outbox).build()) {
      granted = new World(first).request("wiki/read", "alice");
      assertThat(first.flush(Fixtures.SETTLED)).isTrue();
    }
    List<String> before = emulator.comments(granted.ticketKey());
    // A new process: fresh caches, and an index that forgot the record's issue.
    try (JiraTicketing second = Fixtures.jira(emulator).outbox(new InMemoryOutbox()).build()) {
      AccessRecord unlinked = granted.toBuilder().ticketKey(null).build();
      TicketRef again = second.openOrLink(unlinked);
      assertThat(again.key()).isEqualTo(granted.ticketKey());
      granted.timeline().forEach(e -> second.append(again, e));
      second.transition(again, granted.state());
      second.openOrLink(granted);
      assertThat(second.flush(Fixtures.SETTLED)).isTrue();
    }
    assertThat(emulator.issueKeys()).hasSize(1);
    assertThat(emulator.comments(granted.ticketKey())).isEqualTo(before);
    assertThat(emulator.remoteLinks(granted.ticketKey())).hasSize(1);
  }
}
