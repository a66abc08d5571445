package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.jira.internal.Signatures;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing stops all traffic to Jira, whatever was in progress: what was not delivered stays in the
 * outbox, and the next process delivers it once. The closing process authenticates with a bearer
 * token and the next one with an API token, so the emulator tells their requests apart.
 */
class JiraCloseTest {
  /** Only a bound on waiting for what must happen; no outcome depends on how fast it happens. */
  private static final Duration LIVENESS = Duration.ofMinutes(1);

  private static final String SEARCH = "/rest/api/3/search/jql";
  private static final String ID = "closing";

  private final JiraEmulator emulator = new JiraEmulator();

  @AfterEach
  void stop() {
    assertThat(SpecValidator.violations(emulator.server().getAllServeEvents())).isEmpty();
    emulator.close();
  }

  /** The process that will close; its delivery thread is named after {@link #ID}. */
  private JiraTicketingBuilder closing(JdbcAccessStore store) {
    return Fixtures.site(emulator)
        .id(ID)
        .bearerToken(() -> JiraEmulator.TOKEN)
        .outbox(store.outbox("jira"));
  }

  private static List<Thread> deliveryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("access-jira-outbox-" + ID))
        .toList();
  }

  /** The next process, on the same store: it delivers everything and creates each issue once. */
  private void nextProcessDelivers(Path dir, List<AccessRecord> records) {
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        JiraTicketing next = Fixtures.jira(emulator).outbox(store.outbox("jira")).build()) {
      assertThat(next.flush(LIVENESS)).isTrue();
      assertThat(emulator.issueKeys()).hasSize(records.size());
      for (AccessRecord r : records) {
        String key = next.issueKeyOf(r.id()).orElseThrow();
        assertThat(emulator.labels(key)).contains("accessgov-" + r.id().value());
      }
      assertThat(next.dropped()).isZero();
    }
  }

  @Test
  @DisplayName(
      "a delivery in flight when the ticketing closes is abandoned: nothing reaches Jira after close returns, and the next process creates each issue once")
  void closeDuringDelivery(@TempDir Path dir) throws Exception {
    emulator.down(true);
    List<AccessRecord> records = new ArrayList<>();
    JiraEmulator.Hold lookUp;
    long sentBeforeClose;
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        JiraTicketing first = closing(store).build()) {
      World world = new World(first);
      for (String subject : List.of("bob", "dan")) {
        records.add(world.request(subject, "wiki/read", "alice"));
      }
      // Each request tried its create once and queued it; the next look-up is the delivery's.
      lookUp = emulator.hold("GET", SEARCH);
      assertThat(lookUp.awaitArrival(LIVENESS)).isTrue();
      List<Thread> delivery = deliveryThreads();
      assertThat(delivery).isNotEmpty();

      assertTimeoutPreemptively(LIVENESS, first::close, "close waited for Jira's answer");
      sentBeforeClose = emulator.countAuthorizedBy("Bearer");
      assertThat(delivery).noneMatch(Thread::isAlive);
      assertThat(first.backlog()).isPositive();
    }

    emulator.down(false);
    lookUp.release(); // Jira answers the abandoned look-up: no issue, and nobody listens
    assertThat(lookUp.awaitAnswered(LIVENESS)).isTrue();
    nextProcessDelivers(dir, records);
    assertThat(emulator.countAuthorizedBy("Bearer")).isEqualTo(sentBeforeClose);
  }

  @Test
  @DisplayName(
      "a delivery waiting to retry when the ticketing closes ends with it: nothing reaches Jira after close returns")
  void closeDuringBackoff(@TempDir Path dir) throws Exception {
    emulator.down(true);
    List<AccessRecord> records = new ArrayList<>();
    long sentBeforeClose;
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        JiraTicketing first =
            closing(store)
                .client(
                    c ->
                        c.initialBackoff(Duration.ofMinutes(1))
                            .maxBackoff(Duration.ofMinutes(2))
                            .totalTimeout(Duration.ofMinutes(10)))
                .build()) {
      records.add(new World(first).request("bob", "wiki/read", "alice"));
      // The request's own look-up, then the delivery's first: a 503, then a wait of 30 s or more.
      assertThat(emulator.awaitCount("GET", SEARCH, 2, LIVENESS)).isTrue();
      List<Thread> delivery = deliveryThreads();
      assertThat(delivery).isNotEmpty();

      assertTimeoutPreemptively(LIVENESS, first::close, "close waited for the retry");
      sentBeforeClose = emulator.countAuthorizedBy("Bearer");
      assertThat(delivery).noneMatch(Thread::isAlive);
    }

    emulator.down(false);
    nextProcessDelivers(dir, records);
    assertThat(emulator.countAuthorizedBy("Bearer")).isEqualTo(sentBeforeClose);
  }

  @Test
  @DisplayName(
      "a create in flight on the caller's thread when the ticketing closes is abandoned: the grant goes on with a pending ticket, and the next process finds the issue Jira made")
  void closeDuringOpen(@TempDir Path dir) throws Exception {
    List<AccessRecord> records = new ArrayList<>();
    JiraEmulator.Hold create = emulator.hold("POST", "/rest/api/3/issue");
    long sentBeforeClose;
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try (JdbcAccessStore store = AccessStores.embedded(dir);
        // Jira would keep the caller waiting for minutes; closing must not.
        JiraTicketing first =
            closing(store)
                .client(c -> c.requestTimeout(Duration.ofMinutes(5)))
                .openTimeout(Duration.ofMinutes(5))
                .build()) {
      World world = new World(first);
      Future<AccessRecord> granting =
          caller.submit(() -> world.request("bob", "wiki/read", "alice"));
      assertThat(create.awaitArrival(LIVENESS)).isTrue();

      assertTimeoutPreemptively(LIVENESS, first::close);
      AccessRecord granted = granting.get(LIVENESS.toMillis(), TimeUnit.MILLISECONDS);
      sentBeforeClose = emulator.countAuthorizedBy("Bearer");
      assertThat(granted.ticketKey()).startsWith("pending:");
      records.add(granted);
    } finally {
      caller.shutdownNow();
    }

    // Jira acts on the create it received before close; the next process finds it by its label.
    create.release();
    assertThat(create.awaitAnswered(LIVENESS)).isTrue();
    assertThat(emulator.issueKeys()).hasSize(1);
    nextProcessDelivers(dir, records);
    assertThat(emulator.countAuthorizedBy("Bearer")).isEqualTo(sentBeforeClose);
  }

  @Test
  @DisplayName(
      "after close nothing is sent: a grant only queues its ticket, and flush says at once that updates wait")
  void nothingAfterClose() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    JiraTicketing jira = Fixtures.jira(emulator).outbox(outbox).build();
    World world = new World(jira);
    jira.close();

    AccessRecord granted = world.request("wiki/read", "alice");

    assertThat(granted.ticketKey()).startsWith("pending:");
    assertThat(outbox.size()).isPositive();
    assertThat(jira.backlog()).isPositive();
    assertTimeoutPreemptively(
        LIVENESS, () -> assertThat(jira.flush(LIVENESS.multipliedBy(2))).isFalse());
    assertThat(emulator.countAuthorizedBy("Basic")).isZero();
    jira.close(); // closing again changes nothing
  }

  @Test
  @DisplayName(
      "a webhook after close reads nothing from Jira and answers 503, so Jira delivers it again, to the next process")
  void webhookAfterClose() {
    JiraTicketing jira = Fixtures.jira(emulator).build();
    World world = new World(jira);
    AccessRecord pending = world.request("wiki/edit", "alice");
    assertThat(jira.flush(LIVENESS)).isTrue();
    emulator.approval(pending.ticketKey(), "1", "approved", Map.of("acc-carol", "approved"));
    JiraWebhookHandler handler =
        JiraWebhookHandler.builder()
            .ticketing(jira)
            .accessService(world.access)
            .secret(() -> "webhook-secret-for-tests")
            .accountToPerson(a -> Optional.of(PersonId.of("carol")))
            .peopleDirectory(world.people)
            .build();
    jira.close();
    long sentBeforeClose = emulator.countAuthorizedBy("Basic");

    byte[] body =
        JiraWebhookTest.issueUpdated(pending.ticketKey(), "In Progress")
            .getBytes(StandardCharsets.UTF_8);
    WebhookResult result =
        handler.handle(
            Map.of(
                "X-Hub-Signature",
                List.of(Signatures.sign("webhook-secret-for-tests", body)),
                "X-Atlassian-Webhook-Identifier",
                List.of("delivery-1")),
            body);

    assertThat(result.httpStatus()).isEqualTo(503);
    assertThat(world.access.record(pending.id()).state()).isEqualTo(RecordState.PENDING_APPROVAL);
    assertThat(emulator.countAuthorizedBy("Basic")).isEqualTo(sentBeforeClose);
  }
}
