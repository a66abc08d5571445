package dev.accessgov.jdbc.postgres;

import static dev.accessgov.evidence.EvidenceKeys.ANSWERED_AT;
import static dev.accessgov.evidence.EvidenceKeys.GROUP;
import static dev.accessgov.evidence.EvidenceKeys.IDP_USER;
import static dev.accessgov.evidence.EvidenceKeys.OUTCOME;
import static dev.accessgov.evidence.EvidenceKeys.PROVIDER;
import static dev.accessgov.evidence.EvidenceKeys.REASON;
import static dev.accessgov.evidence.EvidenceKeys.REQUEST_ID;
import static dev.accessgov.evidence.EvidenceKeys.STATUS;
import static dev.accessgov.evidence.EvidenceKeys.STEP;
import static dev.accessgov.evidence.EvidenceKeys.STEP_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.jdbc.AccessScheduler;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.Fixtures;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("four instances on one PostgreSQL")
class MultiInstanceExpiryTest {
  private static final int GRANTS = 10_000;
  private static final int INSTANCES = 4;
  private static final int KILL_AT = 2_500;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (RuntimeException | Error e) {
        // A killed instance fails to close cleanly, which is the point of killing it.
      }
    }
  }

  @Test
  @DisplayName(
      "expire 10,000 due grants exactly once each, although the sweeping instance is killed")
  void expireOnceDespiteAKill() throws Exception {
    Clock clock = Clock.systemUTC();
    HikariDataSource first = PostgresCluster.get().newDatabase(8);
    toClose.add(first);
    String database = first.getJdbcUrl().substring(first.getJdbcUrl().lastIndexOf('/') + 1);
    InMemoryIdentityProvider idp = new InMemoryIdentityProvider(Fixtures.IDP, clock);
    idp.groups(Fixtures.GROUP);
    seed(AccessStores.postgres(first), idp, clock.instant());

    AtomicInteger removals = new AtomicInteger();
    List<KillSwitch> switches = new ArrayList<>();
    List<JdbcAccessStore> stores = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      KillSwitch kill = new KillSwitch();
      HikariDataSource pool = PostgresCluster.get().pool(database, 6);
      toClose.add(pool);
      JdbcAccessStore store = AccessStores.postgres(kill.dataSource(pool));
      AccessService service =
          Fixtures.service(
              store, kill.identityProvider(idp, removals, n -> n == KILL_AT), GRANTS, clock);
      AccessScheduler scheduler =
          AccessScheduler.builder(service, store)
              .name("instance-" + i)
              .expiryInterval(Duration.ofMillis(200))
              .pollingInterval(Duration.ofMillis(100))
              .heartbeatInterval(Duration.ofMillis(500))
              .recoveryInterval(Duration.ofMillis(500))
              // Recovery takes over a record whose last event is older than the grace, even from
              // a live instance still working through its batch: on a busy machine a 2 s grace
              // repeated hundreds of removals. Until in-flight work is leased, keep it long.
              .recoveryGrace(Duration.ofSeconds(20))
              .shutdownMaxWait(Duration.ofSeconds(1))
              .build();
      toClose.add(scheduler);
      switches.add(kill);
      stores.add(store);
    }
    for (AccessScheduler s :
        toClose.stream()
            .filter(AccessScheduler.class::isInstance)
            .map(AccessScheduler.class::cast)
            .toList()) {
      s.start();
    }

    JdbcAccessStore observer = stores.get(0);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (observer.dueForExpiry(clock.instant(), 1).size() > 0
        || !observer
            .query(RecordQuery.all().states(RecordState.DEPROVISIONING).limit(1))
            .isEmpty()) {
      assertThat(Instant.now()).as("all grants expired in time").isBefore(deadline);
      Thread.sleep(200);
      if (switches.get(0).isKilled()) {
        observer = stores.get(1);
      }
    }
    JdbcAccessStore survivor = stores.get(switches.get(0).isKilled() ? 1 : 0);

    assertThat(switches.stream().filter(KillSwitch::isKilled))
        .as("one instance was killed")
        .hasSize(1);
    assertThat(idp.memberIds(Fixtures.GROUP)).isEmpty();
    assertThat(removals.get()).as("members actually removed at the IdP").isEqualTo(GRANTS);
    assertThat(idp.membershipCalls() - GRANTS)
        .as("remove calls (after the seed's adds): one per grant, a few repeated after the kill")
        .isBetween((long) GRANTS + 1, (long) GRANTS + 10);

    int recovered = 0;
    List<AccessRecord> all = survivor.query(RecordQuery.all());
    assertThat(all).hasSize(GRANTS);
    for (AccessRecord r : all) {
      assertThat(r.state()).isEqualTo(RecordState.EXPIRED);
      assertThat(r.events(EvidenceType.EXPIRED)).as("EXPIRED events of %s", r.id()).hasSize(1);
      assertThat(r.events(EvidenceType.DEPROVISIONED))
          .as("DEPROVISIONED events of %s", r.id())
          .hasSize(1);
      assertThat(r.walkthrough().isComplete()).as("%s", r.walkthrough()).isTrue();
      recovered += r.events(EvidenceType.RECOVERED).isEmpty() ? 0 : 1;
    }
    assertThat(recovered).as("records finished by recovery after the kill").isPositive();
    assertThat(verify(survivor).valid()).isTrue();
  }

  private static VerificationResult verify(JdbcAccessStore store) {
    List<EvidenceEvent> chain = new ArrayList<>();
    long size = store.evidenceSize();
    for (long from = 1; from <= size; from += 5000) {
      chain.addAll(store.evidence(from, 5000));
    }
    assertThat(chain).hasSize((int) size);
    CheckpointSigner signer = CheckpointSigner.generate("test");
    List<Checkpoint> none = List.of();
    return EvidenceVerifier.verify(chain.iterator(), none, signer.publicKey());
  }

  /** Inserts GRANTS active records that ended a minute ago, and their memberships. */
  private static void seed(JdbcAccessStore store, InMemoryIdentityProvider idp, Instant now)
      throws Exception {
    Instant start = now.minus(Duration.ofHours(2));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = offset; i < GRANTS; i += 8) {
                    String user = "user-" + i;
                    idp.user(user);
                    idp.addMember(Fixtures.GROUP, user);
                    store.insert(activeRecord(user, start, now), drafts(user, start));
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      store.close();
    }
  }

  private static AccessRecord activeRecord(String user, Instant start, Instant now) {
    return AccessRecord.builder()
        .id(RecordId.of("ar-" + user))
        .subject(PersonId.of(user))
        .roleId(RoleId.of(Fixtures.ROLE))
        .requester(PersonId.of(user))
        .reason("deploy")
        .state(RecordState.ACTIVE)
        .requestedAt(start)
        .duration(Duration.ofMinutes(119))
        .activatedAt(start)
        .expiresAt(now.minus(Duration.ofMinutes(1)))
        .reviewDueAt(start.plus(Duration.ofDays(180)))
        .build();
  }

  private static List<EvidenceDraft> drafts(String user, Instant at) {
    String id = "ar-" + user;
    Map<String, Object> requested = Map.of(REASON, "deploy", "subject", user);
    Map<String, Object> approved = Map.of(STEP, "AUTO", STEP_INDEX, 0L);
    Map<String, Object> provisioned = new HashMap<>();
    provisioned.put(PROVIDER, Fixtures.IDP);
    provisioned.put(GROUP, Fixtures.GROUP);
    provisioned.put(IDP_USER, user);
    provisioned.put(OUTCOME, "ADDED");
    provisioned.put(STATUS, 0L);
    provisioned.put(REQUEST_ID, "seed-" + user);
    provisioned.put(ANSWERED_AT, at.toString());
    return List.of(
        EvidenceDraft.of(id, EvidenceType.REQUESTED, "person:" + user, at, requested),
        EvidenceDraft.of(id, EvidenceType.APPROVED, "system:policy", at, approved),
        EvidenceDraft.of(id, EvidenceType.PROVISIONED, "system:provisioner", at, provisioned));
  }
}
