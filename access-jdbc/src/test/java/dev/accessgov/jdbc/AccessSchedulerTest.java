package dev.accessgov.jdbc;

import static dev.accessgov.jdbc.Fixtures.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.SweepResult;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryNotifier;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.spi.CheckpointSink;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.RecordLeases;
import dev.accessgov.time.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the background scheduler on an embedded store")
class AccessSchedulerTest {
  /** How long a test waits for background work: only a hang reaches it. */
  private static final Duration LIVENESS = Duration.ofMinutes(2);

  @TempDir Path dir;
  private final TestClock clock = TestClock.at("2026-03-02T08:00:00Z");
  private InMemoryIdentityProvider idp;
  private JdbcAccessStore store;
  private AccessService access;
  private AccessScheduler scheduler;

  @BeforeEach
  void setUp() {
    idp = new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(GROUP);
    for (int i = 0; i < 6; i++) {
      idp.user("user-" + i);
    }
    store = AccessStores.embedded(dir);
    access = Fixtures.service(store, idp, 6, clock);
  }

  @AfterEach
  void tearDown() {
    if (scheduler != null) {
      scheduler.close();
    }
    store.close();
  }

  /**
   * Short intervals and no recovery grace: a record is taken over only when its owner's lease has
   * lapsed (a provider failure lapses it at once), never while the thread that committed its intent
   * still holds it. The test clock stands still unless a test moves it.
   */
  private AccessScheduler.Builder fast() {
    return AccessScheduler.builder(access, store)
        .expiryInterval(Duration.ofMillis(100))
        .recoveryInterval(Duration.ofMillis(100))
        .recoveryGrace(Duration.ZERO)
        .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(400))
        .pollingInterval(Duration.ofMillis(50))
        .shutdownMaxWait(LIVENESS);
  }

  @Test
  @DisplayName("start-up recovery finishes a grant whose provisioning was left half-done")
  void startUpRecovery() {
    idp.failNext(idp.failure("addMember", 503, true));
    AccessRecord stuck = access.grant(Fixtures.grant(0, Duration.ofHours(1)));
    assertThat(stuck.state()).isEqualTo(RecordState.PROVISIONING);

    scheduler = fast().build();
    SweepResult result = scheduler.start();

    assertThat(result.completed()).containsExactly(stuck.id());
    AccessRecord done = access.record(stuck.id());
    assertThat(done.state()).isEqualTo(RecordState.ACTIVE);
    assertThat(done.events(EvidenceType.PROVISIONED)).hasSize(1);
    assertThat(idp.memberIds(GROUP)).containsExactly("user-0");
  }

  @Test
  @DisplayName(
      "start-up recovery leaves a record another live instance holds a lease on, and takes it once"
          + " the lease lapsed")
  void startUpLeavesLiveWork() {
    AccessRecord granted = access.grant(Fixtures.grant(4, Duration.ofHours(1)));
    RecordLeases.Claim other =
        new RecordLeases.Claim("other-instance/1", clock.instant().plus(Duration.ofMinutes(1)));
    AccessRecord inFlight =
        store.update(
            granted.toBuilder().state(RecordState.DEPROVISIONING).build(), List.of(), other);

    scheduler = fast().build();
    SweepResult result = scheduler.start();

    assertThat(result.completed()).isEmpty();
    assertThat(access.record(inFlight.id())).isEqualTo(inFlight);
    assertThat(idp.memberIds(GROUP)).containsExactly("user-4");
    clock.advance(Duration.ofMinutes(1));
    await(() -> access.record(inFlight.id()).state() == RecordState.REVOKED);
    assertThat(access.record(inFlight.id()).events(EvidenceType.RECOVERED))
        .singleElement()
        .extracting(e -> e.detailText(EvidenceKeys.LAPSED_OWNER))
        .isEqualTo("other-instance/1");
    assertThat(idp.memberIds(GROUP)).isEmpty();
  }

  @Test
  @DisplayName("the expiry sweep removes due access and marks it EXPIRED")
  void expirySweep() {
    AccessRecord due = access.grant(Fixtures.grant(1, Duration.ofMinutes(5)));
    AccessRecord later = access.grant(Fixtures.grant(2, Duration.ofHours(5)));
    clock.advance(Duration.ofMinutes(6));
    scheduler = fast().build();
    scheduler.start();

    await(() -> access.record(due.id()).state() == RecordState.EXPIRED);
    assertThat(access.record(due.id()).events(EvidenceType.EXPIRED)).hasSize(1);
    assertThat(access.record(later.id()).state()).isEqualTo(RecordState.ACTIVE);
    assertThat(idp.memberIds(GROUP)).containsExactly("user-2");
  }

  @Test
  @DisplayName("a removal the provider refused for a while is retried with backoff until it works")
  void retriesWithBackoff() {
    AccessRecord granted = access.grant(Fixtures.grant(3, Duration.ofHours(1)));
    scheduler = fast().build();
    scheduler.start();
    for (int i = 0; i < 3; i++) {
      idp.failNext(idp.failure("removeMember", 503, true));
    }
    AccessRecord pending = access.revoke(granted.id(), PersonId.of("alice"), "left the team");
    assertThat(pending.state()).isEqualTo(RecordState.DEPROVISIONING);
    // Each failed attempt lapses the lease; recovery, one run at a time, makes the next attempt.
    // Time passes only while we wait, after the revoke returned.
    await(
        () -> {
          clock.advance(Duration.ofSeconds(15));
          return access.record(granted.id()).state() == RecordState.REVOKED;
        });
    AccessRecord done = access.record(granted.id());
    assertThat(done.events(EvidenceType.DEPROVISION_FAILED)).hasSize(3);
    assertThat(done.events(EvidenceType.DEPROVISIONED)).hasSize(1);
    assertThat(idp.memberIds(GROUP)).isEmpty();
    assertThat(done.walkthrough().isComplete()).as("%s", done.walkthrough()).isTrue();
  }

  @Test
  @DisplayName("recovery keeps running when the service's clock is years ahead of the system clock")
  void serviceClockAhead() {
    // The task table is timed by db-scheduler's system clock; the service's clock must not be.
    clock.advance(Duration.ofDays(5 * 365));
    AccessRecord granted = access.grant(Fixtures.grant(5, Duration.ofHours(1)));
    scheduler = fast().build();
    scheduler.start();
    idp.failNext(idp.failure("removeMember", 503, true));
    idp.failNext(idp.failure("removeMember", 503, true));
    AccessRecord pending = access.revoke(granted.id(), PersonId.of("alice"), "left the team");
    assertThat(pending.state()).isEqualTo(RecordState.DEPROVISIONING);

    await(() -> access.record(granted.id()).state() == RecordState.REVOKED);
    assertThat(access.record(granted.id()).events(EvidenceType.DEPROVISION_FAILED)).hasSize(2);
    assertThat(idp.memberIds(GROUP)).isEmpty();
  }

  /** Polls {@code condition} until it holds; fails only after {@link #LIVENESS}, a hang. */
  @Test
  @DisplayName(
      "the directory task records where people stand, then offboards a leaver nobody reported")
  void directoryTask() {
    dev.accessgov.inmemory.InMemoryPeopleDirectory people = Fixtures.people(6);
    access =
        Fixtures.builder(store, idp, 6, clock)
            .peopleDirectory(people)
            .administrators(PersonId.of("olivia"))
            .build();
    AccessRecord leaver = access.grant(Fixtures.grant(0, Duration.ofHours(20)));
    AccessRecord stayer = access.grant(Fixtures.grant(1, Duration.ofHours(20)));
    scheduler = fast().directoryReconcile(PersonId.of("olivia"), Duration.ofMillis(100)).build();
    scheduler.start();
    await(() -> store.governance().directoryState(PersonId.of("user-0")).isPresent());

    people.deactivate("user-0");

    await(() -> access.record(leaver.id()).state() == RecordState.REVOKED);
    assertThat(access.record(leaver.id()).events(EvidenceType.REVOKED).get(0).actor())
        .isEqualTo("person:olivia");
    assertThat(access.record(stayer.id()).state()).isEqualTo(RecordState.ACTIVE);
    await(
        () ->
            store.governance().directoryState(PersonId.of("user-0")).orElseThrow().lastEvent()
                != null);
    assertThat(idp.memberIds(GROUP)).containsExactly("user-1");
  }

  @Test
  @DisplayName(
      "the governance tasks apply a campaign's deadline, deliver its reminder, give and deliver a"
          + " reclaim notice, and remove the grant after the grace period")
  void governanceTasks() {
    InMemoryNotifier notifier = new InMemoryNotifier();
    access = Fixtures.builder(store, idp, 6, clock).notifier(notifier).build();
    AccessRecord idle = access.grant(Fixtures.grant(0, Duration.ofHours(20)));
    AccessRecord busy = access.grant(Fixtures.grant(1, Duration.ofHours(20)));
    idp.lastLogin("user-0", LastLogin.never());
    ReviewCampaign campaign =
        access
            .reviews()
            .start(
                CampaignSpec.builder("Q1", "olivia")
                    .duration(Duration.ofHours(10))
                    .reminders(Duration.ofHours(6))
                    .build());
    ReclaimPolicy policy =
        ReclaimPolicy.builder("idle-10h")
            .threshold(RiskTier.STANDARD, Duration.ofHours(10))
            .grace(Duration.ofHours(2))
            .build();
    scheduler =
        fast()
            .reviewInterval(Duration.ofMillis(100))
            .reclaim(policy, Duration.ofMillis(100))
            .build();
    clock.advance(Duration.ofHours(5));
    scheduler.start();
    await(() -> notifier.reminders().size() == 1);
    assertThat(notifier.reminders().get(0).reviewer()).isEqualTo(PersonId.of("alice"));

    idp.lastLogin("user-1", LastLogin.at(clock.instant().plus(Duration.ofHours(6))));
    clock.advance(Duration.ofHours(6)); // past the deadline; user-0 idle for 11 hours
    await(() -> access.reviews().campaign(campaign.id()).status() == CampaignStatus.CLOSED);
    await(() -> notifier.notices().size() == 1);
    assertThat(notifier.notices().get(0).recordId()).isEqualTo(idle.id());
    assertThat(notifier.notices().get(0).removeAfter())
        .isEqualTo(clock.instant().plus(Duration.ofHours(2)));

    clock.advance(Duration.ofHours(3));
    await(() -> access.record(idle.id()).state() == RecordState.REVOKED);
    assertThat(access.record(idle.id()).events(EvidenceType.RECLAIMED)).hasSize(1);
    assertThat(access.record(busy.id()).state()).isEqualTo(RecordState.ACTIVE);
    assertThat(idp.memberIds(GROUP)).containsExactly("user-1");
    assertThat(notifier.deliveries()).as("one reminder and one notice, each once").isEqualTo(2);
  }

  @Test
  @DisplayName(
      "the evidence heartbeat signs and publishes a checkpoint when the log grew, and at least"
          + " every maxAge when it did not")
  void checkpointHeartbeat() {
    Path published = dir.resolve("published");
    access =
        Fixtures.builder(store, idp, 6, clock)
            .checkpointSigner(CheckpointSigner.generate("example.com/heartbeat"))
            .checkpointSink(CheckpointSink.directory(published))
            .build();
    scheduler = fast().checkpoints(Duration.ofMillis(100), Duration.ofHours(1)).build();
    scheduler.start();
    await(() -> !access.evidence().checkpoints().isEmpty());
    assertThat(access.evidence().checkpoints().get(0).size()).as("the empty log").isZero();

    access.grant(Fixtures.grant(0, Duration.ofHours(20)));
    long grown = access.evidence().size();
    await(() -> latest().size() == grown);
    int signed = access.evidence().checkpoints().size();

    clock.advance(Duration.ofHours(1));
    await(() -> access.evidence().checkpoints().size() > signed);
    Checkpoint beat = latest();
    assertThat(beat.size()).as("nothing grew: the same size, signed again").isEqualTo(grown);
    assertThat(beat.time()).isEqualTo(clock.instant());
    // Stored first, then published: wait for the publication too.
    await(() -> CheckpointSink.directory(published).latest().filter(beat::equals).isPresent());
    assertThat(access.evidence().verify().valid()).isTrue();
  }

  private Checkpoint latest() {
    List<Checkpoint> all = access.evidence().checkpoints();
    return all.get(all.size() - 1);
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIVENESS.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within " + LIVENESS);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
