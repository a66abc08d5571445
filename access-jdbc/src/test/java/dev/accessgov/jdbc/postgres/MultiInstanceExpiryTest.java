package dev.accessgov.jdbc.postgres;

import static dev.accessgov.evidence.EvidenceKeys.LAPSED_OWNER;
import static dev.accessgov.evidence.EvidenceKeys.OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.jdbc.AccessScheduler;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.Fixtures;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.MembershipOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of issue 14 (leases for in-flight work): several instances expire thousands
 * of grants through a slow identity provider, so that every batch outlasts the grace the old,
 * event-age recovery would have needed, while every instance also runs recovery with no grace at
 * all; one instance is killed mid-way. Before leases, two instances without a crash already removed
 * most records twice. No assertion depends on speed: the only time limit catches a hang.
 */
@DisplayName("four instances on one PostgreSQL")
class MultiInstanceExpiryTest {
  private static final int GRANTS = 5_000;
  private static final int INSTANCES = 4;
  private static final int KILL_AT = 1_250;
  private static final int PARALLELISM = 4;

  /** Expiry commits the IdP's answers 100 records at a time (BatchRemovals.CHUNK). */
  private static final int IN_FLIGHT_BOUND = 100;

  /** Per removal: a batch of 500 takes at least 1.25 s on 4 threads. */
  private static final Duration SLOW_IDP = Duration.ofMillis(10);

  /** Long enough for a busy 2-core machine to renew in time; the killed work waits this long. */
  private static final Duration LEASE = Duration.ofSeconds(5);

  private final Closer toClose = new Closer();

  @AfterEach
  void closeAll() throws Exception {
    toClose.close();
  }

  @Test
  @DisplayName(
      "expire 5,000 due grants through a slow IdP exactly once each, with the IdP's own answer,"
          + " although one instance is killed")
  void expireOnceDespiteAKill() throws Exception {
    Clock clock = Clock.systemUTC();
    HikariDataSource first = PostgresCluster.get().newDatabase(8);
    toClose.add(first);
    String database = first.getJdbcUrl().substring(first.getJdbcUrl().lastIndexOf('/') + 1);
    InMemoryIdentityProvider idp = new InMemoryIdentityProvider(Fixtures.IDP, clock);
    idp.groups(Fixtures.GROUP);
    Seeding.seed(
        AccessStores.postgres(first), idp, GRANTS, clock.instant().minus(Duration.ofMinutes(1)));
    long seedCalls = idp.membershipCalls();

    AtomicInteger removals = new AtomicInteger();
    List<KillSwitch> switches = new ArrayList<>();
    List<JdbcAccessStore> stores = new ArrayList<>();
    List<AccessScheduler> schedulers = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      KillSwitch kill = new KillSwitch();
      HikariDataSource pool = PostgresCluster.get().pool(database, 6);
      toClose.add(pool);
      JdbcAccessStore store = AccessStores.postgres(kill.dataSource(pool));
      AccessService service =
          Fixtures.builder(
                  store,
                  kill.identityProvider(idp, removals, n -> n == KILL_AT, SLOW_IDP),
                  GRANTS,
                  clock)
              .instanceName("instance-" + i)
              .leaseDuration(LEASE)
              .sweepParallelism(PARALLELISM)
              .build();
      AccessScheduler scheduler =
          AccessScheduler.builder(service, store)
              .name("instance-" + i)
              .expiryInterval(Duration.ofMillis(200))
              .pollingInterval(Duration.ofMillis(100))
              .heartbeatInterval(Duration.ofMillis(500))
              .recoveryInterval(Duration.ofMillis(500))
              // No grace: only the leases keep recovery away from live instances' batches.
              .recoveryGrace(Duration.ZERO)
              .shutdownMaxWait(Duration.ofSeconds(1))
              .build();
      toClose.add(scheduler);
      schedulers.add(scheduler);
      switches.add(kill);
      stores.add(store);
    }
    for (AccessScheduler s : schedulers) {
      s.start();
    }

    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (!done(live(stores, switches), clock)) {
      assertThat(Instant.now())
          .as("all grants expired before the hang deadline")
          .isBefore(deadline);
      Thread.sleep(200);
    }
    JdbcAccessStore survivor = live(stores, switches);

    List<Integer> killed = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      if (switches.get(i).isKilled()) {
        killed.add(i);
      }
    }
    assertThat(killed).as("one instance was killed").hasSize(1);
    String killedOwner = "instance-" + killed.get(0) + "/";
    assertThat(idp.memberIds(Fixtures.GROUP)).isEmpty();
    assertThat(removals.get()).as("removals that removed a member").isEqualTo(GRANTS);

    int recovered = 0;
    int notAMember = 0;
    List<AccessRecord> all = survivor.query(RecordQuery.all());
    assertThat(all).hasSize(GRANTS);
    for (AccessRecord r : all) {
      assertThat(r.state()).isEqualTo(RecordState.EXPIRED);
      assertThat(r.events(EvidenceType.EXPIRED)).as("EXPIRED events of %s", r.id()).hasSize(1);
      assertThat(r.events(EvidenceType.DEPROVISIONED))
          .as("DEPROVISIONED events of %s", r.id())
          .hasSize(1);
      assertThat(r.walkthrough().isComplete()).as("%s", r.walkthrough()).isTrue();
      List<EvidenceEvent> taken = r.events(EvidenceType.RECOVERED);
      assertThat(taken)
          .as("%s: taken over only from the killed instance", r.id())
          .allSatisfy(e -> assertThat(e.detailText(LAPSED_OWNER)).startsWith(killedOwner));
      recovered += taken.isEmpty() ? 0 : 1;
      String outcome = r.events(EvidenceType.DEPROVISIONED).get(0).detailText(OUTCOME);
      if (!outcome.equals(MembershipOutcome.REMOVED.name())) {
        assertThat(outcome).isEqualTo(MembershipOutcome.NOT_A_MEMBER.name());
        assertThat(taken)
            .as("%s says NOT_A_MEMBER: recovered from the killed owner", r.id())
            .hasSize(1);
        notAMember++;
      }
    }
    System.out.printf(
        "MultiInstanceExpiryTest: %d grants, %d remove calls, %d NOT_A_MEMBER, %d RECOVERED%n",
        GRANTS, idp.membershipCalls() - seedCalls, notAMember, recovered);
    assertThat(notAMember)
        .as(
            "NOT_A_MEMBER: at most what the killed instance had in flight, the answers of one"
                + " chunk of expiries not yet committed")
        .isBetween(1, IN_FLIGHT_BOUND);
    assertThat(idp.membershipCalls() - seedCalls)
        .as("remove calls: one per grant, plus one per removal the killed instance never recorded")
        .isEqualTo((long) GRANTS + notAMember);
    assertThat(recovered).as("records finished by recovery after the kill").isPositive();
    assertThat(Seeding.verify(survivor).valid()).isTrue();
  }

  /** A store of an instance that was not killed. */
  private static JdbcAccessStore live(List<JdbcAccessStore> stores, List<KillSwitch> switches) {
    for (int i = 0; i < stores.size(); i++) {
      if (!switches.get(i).isKilled()) {
        return stores.get(i);
      }
    }
    throw new AssertionError("every instance was killed");
  }

  private static boolean done(JdbcAccessStore observer, Clock clock) {
    return observer.dueForExpiry(clock.instant(), 1).isEmpty()
        && observer.query(RecordQuery.all().states(RecordState.DEPROVISIONING).limit(1)).isEmpty();
  }
}
