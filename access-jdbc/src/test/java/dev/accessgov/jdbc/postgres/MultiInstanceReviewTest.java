package dev.accessgov.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryNotifier;
import dev.accessgov.jdbc.AccessScheduler;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.Fixtures;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of issue 15 (governance once across instances): two instances of the host
 * application share one PostgreSQL database, each with its own scheduler, pool and notifier. A
 * campaign of 10,000 items reaches its reminders and then its deadline, whose rule revokes what is
 * undecided; the instance doing the deadline is killed midway, inside an identity-provider removal.
 * The other instance takes the task over. No assertion depends on speed: the only time limits catch
 * a hang.
 */
@DisplayName("two instances on one PostgreSQL run a campaign's deadline")
class MultiInstanceReviewTest {
  private static final int ITEMS = 10_000;
  private static final int KEPT = 100;
  private static final int KILL_AT = 2_500;
  private static final Duration LEASE = Duration.ofSeconds(5);
  private static final Duration HANG = Duration.ofMinutes(10);

  private final Closer toClose = new Closer();

  @AfterEach
  void closeAll() throws Exception {
    toClose.close();
  }

  /**
   * The system clock moved on by what the test adds: leases, heartbeats and db-scheduler run in
   * real time, while the campaign's reminders and deadline arrive when the test says.
   */
  private static final class JumpingClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void jump(Duration by) {
      offset.updateAndGet(o -> o.plus(by));
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  @DisplayName(
      "each of 10,000 items is decided once, each reminder is sent once and the chain verifies,"
          + " although the instance running the deadline is killed")
  void deadlineOnceDespiteAKill() throws Exception {
    JumpingClock clock = new JumpingClock();
    HikariDataSource first = PostgresCluster.get().newDatabase(8);
    toClose.add(first);
    String database = first.getJdbcUrl().substring(first.getJdbcUrl().lastIndexOf('/') + 1);
    InMemoryIdentityProvider idp = new InMemoryIdentityProvider(Fixtures.IDP, clock);
    idp.groups(Fixtures.GROUP);
    Seeding.seed(
        AccessStores.postgres(first), idp, ITEMS, clock.instant().plus(Duration.ofHours(20)));

    AtomicInteger removals = new AtomicInteger();
    List<KillSwitch> switches = new ArrayList<>();
    List<JdbcAccessStore> stores = new ArrayList<>();
    List<AccessService> services = new ArrayList<>();
    List<InMemoryNotifier> notifiers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      KillSwitch kill = new KillSwitch();
      HikariDataSource pool = PostgresCluster.get().pool(database, 6);
      toClose.add(pool);
      JdbcAccessStore store = AccessStores.postgres(kill.dataSource(pool));
      InMemoryNotifier notifier = new InMemoryNotifier();
      services.add(
          Fixtures.builder(
                  store, kill.identityProvider(idp, removals, n -> n == KILL_AT), ITEMS, clock)
              .instanceName("instance-" + i)
              .leaseDuration(LEASE)
              .notifier(notifier)
              .build());
      switches.add(kill);
      stores.add(store);
      notifiers.add(notifier);
    }

    ReviewCampaign campaign =
        services
            .get(0)
            .reviews()
            .start(
                CampaignSpec.builder("Q2 deploy access", "olivia")
                    .duration(Duration.ofHours(10))
                    .reminders(Duration.ofHours(6), Duration.ofHours(1))
                    .onDeadline(RiskTier.STANDARD, DeadlineAction.REVOKE)
                    .build());
    assertThat(campaign.items()).isEqualTo(ITEMS);
    PersonId alice = PersonId.of("alice");
    List<ReviewItem> keep = services.get(1).reviews().pending(campaign.id(), alice);
    for (ReviewItem item : keep.subList(0, KEPT)) {
      services.get(1).reviews().decide(item.id(), alice, Verdict.KEEP, "on call");
    }

    for (int i = 0; i < 2; i++) {
      AccessScheduler scheduler =
          AccessScheduler.builder(services.get(i), stores.get(i))
              .name("instance-" + i)
              .reviewInterval(Duration.ofMillis(200))
              .expiryInterval(Duration.ofMinutes(10))
              .pollingInterval(Duration.ofMillis(100))
              .heartbeatInterval(Duration.ofMillis(500))
              .recoveryInterval(Duration.ofMillis(500))
              .recoveryGrace(Duration.ZERO)
              .shutdownMaxWait(Duration.ofSeconds(1))
              .build();
      toClose.add(scheduler);
      scheduler.start();
    }

    clock.jump(Duration.ofHours(5)); // the 6-hour reminder
    await(() -> delivered(notifiers).size() == 1, "the first reminder");
    clock.jump(Duration.ofHours(4)); // the 1-hour reminder
    await(() -> delivered(notifiers).size() == 2, "the second reminder");
    clock.jump(Duration.ofHours(1)); // the deadline
    JdbcAccessStore observer = stores.get(1);
    await(
        () -> {
          JdbcAccessStore live = switches.get(1).isKilled() ? stores.get(0) : observer;
          return live.governance().campaign(campaign.id()).orElseThrow().status()
                  == CampaignStatus.CLOSED
              && live.query(RecordQuery.all().states(RecordState.DEPROVISIONING).limit(1))
                  .isEmpty();
        },
        "the campaign closed and every removal finished");

    List<Integer> killed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      if (switches.get(i).isKilled()) {
        killed.add(i);
      }
    }
    assertThat(killed).as("the instance running the deadline was killed").hasSize(1);
    JdbcAccessStore survivor = stores.get(1 - killed.get(0));

    List<Reminder> reminders = delivered(notifiers);
    assertThat(reminders)
        .as("one reminder per reminder time, to the one reviewer")
        .extracting(Reminder::reviewer)
        .containsExactly(alice, alice);
    assertThat(notifiers.stream().mapToInt(InMemoryNotifier::deliveries).sum())
        .as("each reminder delivered once across both instances")
        .isEqualTo(2);

    List<ReviewItem> items = new ArrayList<>();
    for (List<ReviewItem> page = survivor.governance().items(campaign.id(), 0, 5000);
        !page.isEmpty();
        page = survivor.governance().items(campaign.id(), items.size(), 5000)) {
      items.addAll(page);
    }
    assertThat(items).hasSize(ITEMS).allSatisfy(i -> assertThat(i.isDecided()).isTrue());
    assertThat(items.stream().filter(i -> i.decision().verdict() == Verdict.REVOKE))
        .hasSize(ITEMS - KEPT)
        .allSatisfy(i -> assertThat(i.decision().atDeadline()).isTrue());

    Set<String> keptUsers = new HashSet<>();
    for (AccessRecord r : survivor.query(RecordQuery.all())) {
      List<EvidenceEvent> decisions = new ArrayList<>(r.events(EvidenceType.REVIEW_KEPT));
      decisions.addAll(r.events(EvidenceType.REVIEW_REVOKED));
      assertThat(decisions).as("decisions on %s", r.id()).hasSize(1);
      if (decisions.get(0).type() == EvidenceType.REVIEW_KEPT) {
        keptUsers.add(r.subject().value());
        assertThat(r.state()).isEqualTo(RecordState.ACTIVE);
      } else {
        assertThat(r.state()).as("%s", r.id()).isEqualTo(RecordState.REVOKED);
        assertThat(r.events(EvidenceType.DEPROVISIONED)).hasSize(1);
      }
    }
    assertThat(idp.memberIds(Fixtures.GROUP)).containsExactlyInAnyOrderElementsOf(keptUsers);
    assertThat(removals.get())
        .as("removals that removed a member: one per revoked item")
        .isEqualTo(ITEMS - KEPT);

    List<EvidenceEvent> closings =
        survivor.evidence(1, (int) survivor.evidenceSize()).stream()
            .filter(e -> e.type() == EvidenceType.CAMPAIGN_CLOSED)
            .toList();
    assertThat(closings).as("the campaign closed once").hasSize(1);
    assertThat(closings.get(0).detailText(EvidenceKeys.ITEMS).lines().count()).isEqualTo(ITEMS);
    assertThat(Seeding.verify(survivor).valid()).isTrue();
    System.out.printf(
        "MultiInstanceReviewTest: %d items, %d removals, instance %d killed, %d RECOVERED%n",
        ITEMS,
        removals.get(),
        killed.get(0),
        survivor.query(RecordQuery.all()).stream()
            .filter(r -> !r.events(EvidenceType.RECOVERED).isEmpty())
            .count());
  }

  private static List<Reminder> delivered(List<InMemoryNotifier> notifiers) {
    return notifiers.stream().flatMap(n -> n.reminders().stream()).collect(Collectors.toList());
  }

  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    Instant hang = Instant.now().plus(HANG);
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as("%s before the hang deadline", what).isBefore(hang);
      Thread.sleep(200);
    }
  }
}
