package dev.accessgov.testkit;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.NotFoundException;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.LogProofs;
import dev.accessgov.evidence.Merkle;
import dev.accessgov.evidence.Subtree;
import dev.accessgov.evidence.TreeNodes;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.AdmissionConflictException;
import dev.accessgov.spi.RecordLeases;
import dev.accessgov.spi.StaleRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link AccessStore} keeps: atomic state + evidence, optimistic concurrency,
 * idempotent inserts, atomic admission (one live record per subject and role, decided on the live
 * records the caller saw, under racing inserts), a gapless chain under concurrent writers, an
 * expiry index, and leases on in-flight records (written with the intent, renewed per owner,
 * released, taken over atomically). Subclass it and return an empty store from {@link #store()}.
 */
public abstract class AccessStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  /** The store under test: empty when each test starts, the same instance throughout the test. */
  protected abstract AccessStore store();

  /** How many threads and writes per thread the concurrency test uses. */
  protected int concurrentWriters() {
    return 8;
  }

  private static AccessRecord newRecord(
      String subject, String role, Instant requestedAt, @Nullable String key) {
    return AccessRecord.builder()
        .id(RecordId.random())
        .subject(PersonId.of(subject))
        .roleId(RoleId.of(role))
        .requester(PersonId.of("alice"))
        .reason("needed for the contract")
        .requestedAt(requestedAt)
        .idempotencyKey(key)
        .build();
  }

  private static EvidenceDraft draft(AccessRecord r, EvidenceType type, Instant at) {
    return EvidenceDraft.of(
        r.id().value(),
        type,
        "person:alice",
        at,
        Map.of("reason", "contract", "n", 1L, "ok", true));
  }

  private AccessRecord insert(String subject, String role, Instant at) {
    AccessRecord r = newRecord(subject, role, at, null);
    return store().insert(r, List.of(draft(r, EvidenceType.REQUESTED, at)));
  }

  private AccessRecord activate(AccessRecord r, Instant expiresAt) {
    return store()
        .update(
            r.toBuilder().state(RecordState.ACTIVE).activatedAt(T0).expiresAt(expiresAt).build(),
            List.of(draft(r, EvidenceType.PROVISIONED, T0)));
  }

  private VerificationResult verifyChain() {
    return LogChecks.verifyAll(store());
  }

  private static byte[] recomputedRoot(List<EvidenceEvent> events, long size) {
    return LogChecks.root(events, size);
  }

  /**
   * Checks the store's tree against the events: the root of every size, the inclusion proof of
   * every event under the full tree, and consistency proofs from every size to the full tree.
   */
  private void assertTreeMatchesEvents() {
    List<EvidenceEvent> all = store().evidence(1, (int) store().evidenceSize());
    TreeNodes nodes = store().evidenceTree();
    byte[] full = recomputedRoot(all, all.size());
    for (int size = 0; size <= all.size(); size++) {
      byte[] root = recomputedRoot(all, size);
      assertThat(LogProofs.root(size, nodes))
          .as("root of the first %d events", size)
          .isEqualTo(root);
      if (size > 0) {
        assertThat(LogProofs.consistency(size, all.size(), nodes).verify(root, full))
            .as("consistency %d -> %d", size, all.size())
            .isTrue();
      }
    }
    for (int i = 0; i < all.size(); i++) {
      assertThat(
              LogProofs.inclusion(i, all.size(), nodes).verify(Merkle.leafHash(all.get(i)), full))
          .as("inclusion of event %d", i + 1)
          .isTrue();
    }
  }

  @Nested
  @DisplayName("writing records")
  class Writing {
    @Test
    @DisplayName("an insert stores the record at version 1 with its events sealed into the chain")
    void insertsAtVersionOne() {
      AccessRecord stored = insert("bob", "github/admin", T0);
      assertThat(stored.version()).isEqualTo(1);
      assertThat(stored.timeline()).extracting(EvidenceEvent::seq).containsExactly(1L);
      assertThat(stored.timeline().get(0).prevHash()).isEqualTo(EvidenceEvent.GENESIS_HASH);
      assertThat(store().find(stored.id())).contains(stored);
      assertThat(store().evidenceSize()).isEqualTo(1);
    }

    @Test
    @DisplayName(
        "an insert with a known idempotency key returns the first record and writes nothing")
    void idempotentInsert() {
      AccessRecord first = newRecord("bob", "github/admin", T0, "key-1");
      AccessRecord stored =
          store().insert(first, List.of(draft(first, EvidenceType.REQUESTED, T0)));
      AccessRecord second = newRecord("bob", "github/admin", T0, "key-1");
      AccessRecord again =
          store().insert(second, List.of(draft(second, EvidenceType.REQUESTED, T0)));
      assertThat(again).isEqualTo(stored);
      assertThat(store().find(second.id())).isEmpty();
      assertThat(store().evidenceSize()).isEqualTo(1);
    }

    @Test
    @DisplayName("an update changes state and appends its events in one step, raising the version")
    void update() {
      AccessRecord r = insert("bob", "github/admin", T0);
      AccessRecord next =
          store()
              .update(
                  r.toBuilder().state(RecordState.PROVISIONING).build(),
                  List.of(
                      draft(r, EvidenceType.APPROVED, T0), draft(r, EvidenceType.APPROVED, T0)));
      assertThat(next.version()).isEqualTo(2);
      assertThat(next.state()).isEqualTo(RecordState.PROVISIONING);
      assertThat(next.timeline())
          .extracting(EvidenceEvent::type)
          .containsExactly(EvidenceType.REQUESTED, EvidenceType.APPROVED, EvidenceType.APPROVED);
      assertThat(next.timeline()).extracting(EvidenceEvent::seq).containsExactly(1L, 2L, 3L);
      assertThat(store().find(r.id())).contains(next);
    }

    @Test
    @DisplayName("an update of a stale version is refused and writes neither state nor evidence")
    void staleUpdate() {
      AccessRecord r = insert("bob", "github/admin", T0);
      store()
          .update(
              r.toBuilder().state(RecordState.PROVISIONING).build(),
              List.of(draft(r, EvidenceType.APPROVED, T0)));
      long size = store().evidenceSize();
      assertThatThrownBy(
              () ->
                  store()
                      .update(
                          r.toBuilder().state(RecordState.DENIED).build(),
                          List.of(draft(r, EvidenceType.DENIED, T0))))
          .isInstanceOf(StaleRecordException.class);
      assertThat(store().evidenceSize()).isEqualTo(size);
      assertThat(store().find(r.id()).orElseThrow().state()).isEqualTo(RecordState.PROVISIONING);
    }

    @Test
    @DisplayName("updateAll stores each update as update would, skipping a stale one, gaplessly")
    void updateAll() {
      AccessRecord a = insert("bob", "github/admin", T0);
      AccessRecord b = insert("carol", "github/read", T0);
      AccessRecord c = insert("dave", "github/read", T0);
      store().update(b.toBuilder().state(RecordState.DENIED).build(), List.of());

      List<AccessRecord> stored =
          store()
              .updateAll(
                  List.of(
                      new AccessStore.Update(
                          a.toBuilder().state(RecordState.DEPROVISIONING).build(),
                          List.of(draft(a, EvidenceType.EXPIRED, T0))),
                      new AccessStore.Update(
                          b.toBuilder().state(RecordState.DEPROVISIONING).build(),
                          List.of(draft(b, EvidenceType.EXPIRED, T0))),
                      new AccessStore.Update(
                          c.toBuilder().state(RecordState.DEPROVISIONING).build(),
                          List.of(
                              draft(c, EvidenceType.EXPIRED, T0),
                              draft(c, EvidenceType.NOTED, T0)))));

      assertThat(stored).hasSize(3);
      assertThat(stored.get(1)).as("b moved on: stale, not stored").isNull();
      assertThat(stored.get(0).version()).isEqualTo(2);
      assertThat(stored.get(0).timeline())
          .extracting(EvidenceEvent::type)
          .containsExactly(EvidenceType.REQUESTED, EvidenceType.EXPIRED);
      assertThat(stored.get(2).timeline())
          .extracting(EvidenceEvent::seq)
          .containsExactly(3L, 5L, 6L);
      assertThat(store().find(a.id())).contains(stored.get(0));
      assertThat(store().find(c.id())).contains(stored.get(2));
      assertThat(store().find(b.id()).orElseThrow().state()).isEqualTo(RecordState.DENIED);
      assertThat(store().evidenceSize()).isEqualTo(6);
      assertThat(verifyChain().valid()).isTrue();
      assertThat(store().updateAll(List.of())).isEmpty();
    }

    @Test
    @DisplayName("an update of an unknown record is a NotFoundException")
    void unknownUpdate() {
      AccessRecord r = newRecord("bob", "github/admin", T0, null).toBuilder().version(1).build();
      assertThatThrownBy(() -> store().update(r, List.of())).isInstanceOf(NotFoundException.class);
      assertThat(store().evidenceSize()).isZero();
    }
  }

  @Nested
  @DisplayName("reading records")
  class Reading {
    @Test
    @DisplayName(
        "a query reads page after page from a position, each record exactly once, in order")
    void pages() {
      List<AccessRecord> inserted = new java.util.ArrayList<>();
      for (int i = 0; i < 7; i++) {
        // Three share a request time, so the record id must break the tie. One role each: a
        // subject has one live record per role.
        inserted.add(insert("bob", "github/read" + i, T0.plusSeconds(i < 3 ? 0 : i)));
      }
      insert("carol", "github/read", T0);
      List<AccessRecord> read = new java.util.ArrayList<>();
      RecordQuery page = RecordQuery.all().subject("bob").limit(3);
      for (int pages = 0; pages < 10; pages++) {
        List<AccessRecord> found = store().query(page);
        read.addAll(found);
        if (found.size() < 3) {
          break;
        }
        page = page.after(found.get(found.size() - 1));
      }
      assertThat(read).extracting(AccessRecord::id).doesNotHaveDuplicates().hasSize(7);
      assertThat(read)
          .extracting(AccessRecord::id)
          .containsExactlyInAnyOrderElementsOf(inserted.stream().map(AccessRecord::id).toList());
      assertThat(read)
          .isSortedAccordingTo(
              java.util.Comparator.comparing(AccessRecord::requestedAt)
                  .thenComparing(r -> r.id().value()));
    }

    @Test
    @DisplayName("finds records by subject, role and state, oldest request first, up to the limit")
    void query() {
      AccessRecord a = insert("bob", "github/admin", T0.plusSeconds(2));
      AccessRecord b = insert("bob", "aws/readonly", T0.plusSeconds(1));
      AccessRecord c = insert("carol", "github/admin", T0);
      activate(c, T0.plusSeconds(3600));
      assertThat(store().query(RecordQuery.all().subject("bob")))
          .extracting(AccessRecord::id)
          .containsExactly(b.id(), a.id());
      assertThat(store().query(RecordQuery.all().role("github/admin")))
          .extracting(AccessRecord::id)
          .containsExactly(c.id(), a.id());
      assertThat(store().query(RecordQuery.all().states(RecordState.ACTIVE)))
          .extracting(AccessRecord::id)
          .containsExactly(c.id());
      assertThat(store().query(RecordQuery.all().limit(2))).hasSize(2);
      assertThat(store().find(RecordId.random())).isEmpty();
    }

    @Test
    @DisplayName(
        "finds the records of any of several subjects and roles in one query, oldest first,"
            + " with their timelines")
    void querySets() {
      AccessRecord a = insert("bob", "github/admin", T0.plusSeconds(3));
      AccessRecord b = insert("carol", "github/admin", T0.plusSeconds(1));
      AccessRecord c = insert("carol", "aws/readonly", T0.plusSeconds(2));
      AccessRecord d = insert("dave", "github/admin", T0);
      insert("erin", "github/admin", T0.plusSeconds(4));
      activate(c, T0.plusSeconds(3600));
      assertThat(store().query(RecordQuery.all().subjects(List.of("bob", "carol", "dave"))))
          .extracting(AccessRecord::id)
          .containsExactly(d.id(), b.id(), c.id(), a.id());
      List<AccessRecord> both =
          store()
              .query(
                  RecordQuery.all()
                      .subjects(List.of("bob", "carol", "nobody"))
                      .roles(List.of("github/admin", "gcp/owner")));
      assertThat(both).extracting(AccessRecord::id).containsExactly(b.id(), a.id());
      assertThat(both).allSatisfy(r -> assertThat(r.timeline()).hasSize(1));
      assertThat(
              store()
                  .query(
                      RecordQuery.all()
                          .roles(List.of("aws/readonly", "github/admin"))
                          .states(RecordState.ACTIVE)))
          .extracting(AccessRecord::id)
          .containsExactly(c.id());
      assertThat(store().query(RecordQuery.all().subjects(List.of("carol")).subject("bob")))
          .isEmpty();
    }

    @Test
    @DisplayName("pages through the records of a set of subjects, each record exactly once")
    void querySetsPages() {
      List<String> subjects = new ArrayList<>();
      List<AccessRecord> inserted = new java.util.ArrayList<>();
      for (int i = 0; i < RecordQuery.MAX_SET; i++) {
        subjects.add("person-" + i);
      }
      for (int i = 0; i < 12; i++) {
        inserted.add(insert("person-" + (i * 83), "github/read", T0.plusSeconds(i % 4)));
      }
      insert("someone-else", "github/read", T0);
      List<AccessRecord> read =
          RecordQuery.readAll(RecordQuery.all().subjects(subjects).limit(5), store()::query)
              .toList();
      assertThat(read)
          .extracting(AccessRecord::id)
          .containsExactlyInAnyOrderElementsOf(inserted.stream().map(AccessRecord::id).toList());
      assertThat(read)
          .isSortedAccordingTo(
              java.util.Comparator.comparing(AccessRecord::requestedAt)
                  .thenComparing(r -> r.id().value()));
    }

    @Test
    @DisplayName("lists active records due to expire, soonest first, and only those")
    void dueForExpiry() {
      AccessRecord late = activate(insert("bob", "r1", T0), T0.plus(Duration.ofHours(2)));
      AccessRecord early = activate(insert("carol", "r1", T0), T0.plus(Duration.ofHours(1)));
      activate(insert("dave", "r1", T0), T0.plus(Duration.ofHours(5)));
      insert("erin", "r1", T0);
      assertThat(store().dueForExpiry(T0.plus(Duration.ofHours(3)), 10))
          .extracting(AccessRecord::id)
          .containsExactly(early.id(), late.id());
      assertThat(store().dueForExpiry(T0.plus(Duration.ofHours(3)), 1))
          .extracting(AccessRecord::id)
          .containsExactly(early.id());
      assertThat(store().dueForExpiry(T0, 10)).isEmpty();
    }

    @Test
    @DisplayName(
        "a record leaves the expiry index when it stops being active, and moves when its end moves")
    void expiryIndexFollowsUpdates() {
      AccessRecord r = activate(insert("bob", "r1", T0), T0.plus(Duration.ofHours(1)));
      AccessRecord extended =
          store()
              .update(
                  r.toBuilder().expiresAt(T0.plus(Duration.ofHours(10))).build(),
                  List.of(draft(r, EvidenceType.EXTENDED, T0)));
      assertThat(store().dueForExpiry(T0.plus(Duration.ofHours(2)), 10)).isEmpty();
      assertThat(store().dueForExpiry(T0.plus(Duration.ofHours(10)), 10)).hasSize(1);
      store()
          .update(
              extended.toBuilder().state(RecordState.DEPROVISIONING).build(),
              List.of(draft(r, EvidenceType.REVOKED, T0)));
      assertThat(store().dueForExpiry(T0.plus(Duration.ofHours(10)), 10)).isEmpty();
    }
  }

  @Nested
  @DisplayName("atomic admission")
  class AtomicAdmission {
    private AccessRecord insert(AccessRecord r, Admission admission) {
      return store().insert(r, List.of(draft(r, EvidenceType.REQUESTED, T0)), admission);
    }

    private AccessRecord live(String subject, String role) {
      return newRecord(subject, role, T0, null);
    }

    @Test
    @DisplayName("refuses a second live record of the same subject and role, writing nothing")
    void oneLivePerRole() {
      AccessRecord first = insert(live("bob", "github/admin"), Admission.unconditional());
      long size = store().evidenceSize();
      assertThatThrownBy(() -> insert(live("bob", "github/admin"), Admission.unconditional()))
          .isInstanceOf(AdmissionConflictException.class)
          .hasMessageContaining(first.id().value());
      assertThat(store().evidenceSize()).isEqualTo(size);
      assertThat(store().query(RecordQuery.all().subject("bob"))).hasSize(1);
    }

    @Test
    @DisplayName("admits the role again once the live record has ended")
    void againAfterTheEnd() {
      AccessRecord first = insert(live("bob", "github/admin"), Admission.unconditional());
      store()
          .update(
              first.toBuilder().state(RecordState.DENIED).endedAt(T0).build(),
              List.of(draft(first, EvidenceType.DENIED, T0)));
      AccessRecord again = insert(live("bob", "github/admin"), Admission.unconditional());
      assertThat(again.id()).isNotEqualTo(first.id());
      // A record that is not live (a finished one, imported) is never in the way of another.
      insert(
          live("bob", "github/admin").toBuilder().state(RecordState.EXPIRED).endedAt(T0).build(),
          Admission.unconditional());
    }

    @Test
    @DisplayName("admits only while the subject's live records are those the decision saw")
    void decidedOnTheLiveRecords() {
      AccessRecord payments =
          insert(live("bob", "finance/payments"), Admission.ifLiveUnchanged(Set.of()));
      long size = store().evidenceSize();
      assertThatThrownBy(
              () -> insert(live("bob", "finance/ledger"), Admission.ifLiveUnchanged(Set.of())))
          .isInstanceOf(AdmissionConflictException.class)
          .hasMessageContaining(payments.id().value());
      assertThat(store().evidenceSize()).isEqualTo(size);
      AccessRecord ledger =
          insert(live("bob", "finance/ledger"), Admission.ifLiveUnchanged(Set.of(payments.id())));
      assertThat(store().find(ledger.id())).isPresent();
      // Another subject's records are not part of the decision.
      insert(live("carol", "finance/ledger"), Admission.ifLiveUnchanged(Set.of()));
    }

    @Test
    @DisplayName("answers a repeated idempotency key with the first record, even while it is live")
    void idempotentReplay() {
      AccessRecord first =
          insert(
              newRecord("bob", "github/admin", T0, "key-9"), Admission.ifLiveUnchanged(Set.of()));
      AccessRecord again =
          insert(
              newRecord("bob", "github/admin", T0, "key-9"), Admission.ifLiveUnchanged(Set.of()));
      assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    @DisplayName("of racing inserts decided on the same live records, exactly one is admitted")
    void racingInserts() throws Exception {
      int subjects = 20;
      int racers = Math.max(2, concurrentWriters());
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      try {
        for (int s = 0; s < subjects; s++) {
          String subject = "racer" + s;
          CyclicBarrier start = new CyclicBarrier(racers);
          List<Future<Boolean>> outcomes = new ArrayList<>();
          for (int t = 0; t < racers; t++) {
            // Half ask for the same role, half for roles of their own: every one was decided on
            // "no live records", so only the first to write may pass.
            String role = t % 2 == 0 ? "finance/payments" : "finance/ledger" + t;
            outcomes.add(
                pool.submit(
                    () -> {
                      start.await(1, TimeUnit.MINUTES);
                      try {
                        insert(live(subject, role), Admission.ifLiveUnchanged(Set.of()));
                        return true;
                      } catch (AdmissionConflictException refused) {
                        return false;
                      }
                    }));
          }
          int admitted = 0;
          for (Future<Boolean> f : outcomes) {
            admitted += f.get(2, TimeUnit.MINUTES) ? 1 : 0;
          }
          assertThat(admitted).as("admitted for %s", subject).isEqualTo(1);
          assertThat(store().query(RecordQuery.all().subject(subject))).hasSize(1);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(store().evidenceSize()).isEqualTo(subjects);
      VerificationResult result = verifyChain();
      assertThat(result.valid()).as("chain verifies: %s", result).isTrue();
    }
  }

  @Nested
  @DisplayName("leases on in-flight records")
  class Leases {
    private final Instant until = T0.plus(Duration.ofMinutes(1));
    private final RecordLeases.Claim claimA = new RecordLeases.Claim("instance-a/1", until);

    private RecordLeases leases() {
      return store().leases();
    }

    private RecordLeases.@Nullable Lease lease(AccessRecord r) {
      return leases().find(List.of(r.id())).get(r.id());
    }

    /** The lease of {@code r}, failing the test when there is none. */
    private RecordLeases.Lease leaseOf(AccessRecord r) {
      RecordLeases.Lease lease = lease(r);
      assertThat(lease).as("lease of " + r.id()).isNotNull();
      return requireNonNull(lease);
    }

    private AccessRecord inFlight(String subject, RecordLeases.Claim claim) {
      AccessRecord r = insert(subject, "github/admin", T0);
      return store()
          .update(
              r.toBuilder().state(RecordState.PROVISIONING).build(),
              List.of(draft(r, EvidenceType.APPROVED, T0)),
              claim);
    }

    @Test
    @DisplayName("a lease given with the intent is written with it; a record without has none")
    void writtenWithTheIntent() {
      AccessRecord plain = insert("carol", "github/admin", T0);
      AccessRecord r = inFlight("bob", claimA);
      assertThat(lease(r)).isEqualTo(new RecordLeases.Lease(r.id(), "instance-a/1", until));
      assertThat(lease(plain)).isNull();
      assertThat(leases().find(List.of(r.id(), plain.id()))).containsOnlyKeys(r.id());
      assertThat(leases().find(List.of())).isEmpty();

      AccessRecord born = newRecord("dave", "github/read", T0, null);
      born = born.toBuilder().state(RecordState.PROVISIONING).build();
      AccessRecord stored =
          store()
              .insert(
                  born,
                  List.of(draft(born, EvidenceType.REQUESTED, T0)),
                  Admission.unconditional(),
                  claimA);
      assertThat(lease(stored)).isEqualTo(claimA.on(stored.id()));

      AccessStore.Update batched =
          new AccessStore.Update(
              plain.toBuilder().state(RecordState.DEPROVISIONING).build(),
              List.of(draft(plain, EvidenceType.EXPIRED, T0)),
              claimA);
      assertThat(store().updateAll(List.of(batched))).doesNotContainNull();
      assertThat(lease(plain)).isEqualTo(claimA.on(plain.id()));
    }

    @Test
    @DisplayName("a refused intent writes no lease, and a write out of flight drops the lease")
    void refusedAndEnded() {
      AccessRecord r = insert("bob", "github/admin", T0);
      store().update(r.toBuilder().state(RecordState.PENDING_APPROVAL).build(), List.of());
      assertThatThrownBy(
              () ->
                  store()
                      .update(
                          r.toBuilder().state(RecordState.PROVISIONING).build(),
                          List.of(draft(r, EvidenceType.APPROVED, T0)),
                          claimA))
          .isInstanceOf(StaleRecordException.class);
      assertThat(lease(r)).isNull();

      AccessRecord flying = inFlight("carol", claimA);
      AccessRecord progressed =
          store().update(flying, List.of(draft(flying, EvidenceType.PROVISIONED, T0)));
      assertThat(lease(progressed)).as("still in flight: kept").isNotNull();
      store()
          .update(
              progressed.toBuilder().state(RecordState.ACTIVE).activatedAt(T0).build(),
              List.of(draft(progressed, EvidenceType.PROVISIONED, T0)));
      assertThat(lease(progressed)).as("ended with the record").isNull();
    }

    @Test
    @DisplayName("renew moves every lease of one owner and no other's")
    void renew() {
      AccessRecord a1 = inFlight("bob", claimA);
      AccessRecord a2 = inFlight("carol", claimA);
      AccessRecord b = inFlight("dave", new RecordLeases.Claim("instance-b/2", until));
      Instant later = until.plus(Duration.ofMinutes(5));

      assertThat(leases().renew("instance-a/1", later)).isEqualTo(2);

      assertThat(leaseOf(a1).until()).isEqualTo(later);
      assertThat(leaseOf(a2).until()).isEqualTo(later);
      assertThat(leaseOf(b).until()).isEqualTo(until);
      assertThat(leases().renew("nobody", later)).isZero();
    }

    @Test
    @DisplayName("release lapses the holder's lease and keeps its owner; others cannot release it")
    void release() {
      AccessRecord r = inFlight("bob", claimA);
      assertThat(leases().release(r.id(), "instance-b/2", T0)).isFalse();
      assertThat(lease(r)).isEqualTo(claimA.on(r.id()));
      assertThat(leases().release(r.id(), "instance-a/1", T0)).isTrue();
      assertThat(lease(r)).isEqualTo(new RecordLeases.Lease(r.id(), "instance-a/1", T0));
      assertThat(leaseOf(r).lapsedAt(T0)).isTrue();
      assertThat(leaseOf(r).lapsedAt(T0.minusNanos(1))).isFalse();
    }

    @Test
    @DisplayName("takeOver replaces exactly the lease seen, or takes a record that has none")
    void takeOver() {
      AccessRecord r = inFlight("bob", claimA);
      RecordLeases.Lease seen = lease(r);
      RecordLeases.Claim claimB = new RecordLeases.Claim("instance-b/2", until.plusSeconds(60));
      RecordLeases.Lease other = new RecordLeases.Lease(r.id(), "instance-a/1", T0);

      assertThat(leases().takeOver(r.id(), other, claimB)).as("not the stored lease").isFalse();
      assertThat(leases().takeOver(r.id(), null, claimB)).as("it has a lease").isFalse();
      assertThat(leases().takeOver(r.id(), seen, claimB)).isTrue();
      assertThat(lease(r)).isEqualTo(claimB.on(r.id()));
      assertThat(leases().takeOver(r.id(), seen, claimA)).as("seen is gone").isFalse();
      assertThat(leases().renew("instance-a/1", until.plusSeconds(600))).isZero();

      AccessRecord old = insert("carol", "github/admin", T0);
      assertThat(leases().takeOver(old.id(), null, claimA)).as("no lease: taken").isTrue();
      assertThat(lease(old)).isEqualTo(claimA.on(old.id()));
    }

    @Test
    @DisplayName("of racing takeovers of one lapsed lease (or of none), exactly one wins")
    void racingTakeovers() throws Exception {
      int racers = Math.max(2, concurrentWriters());
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      try {
        for (int round = 0; round < 10; round++) {
          AccessRecord r =
              round % 2 == 0
                  ? inFlight("racer" + round, claimA)
                  : insert("racer" + round, "github/admin", T0);
          RecordLeases.Lease seen = lease(r);
          CyclicBarrier start = new CyclicBarrier(racers);
          List<Future<Boolean>> outcomes = new ArrayList<>();
          for (int t = 0; t < racers; t++) {
            RecordLeases.Claim mine = new RecordLeases.Claim("racer-" + t, until.plusSeconds(t));
            outcomes.add(
                pool.submit(
                    () -> {
                      start.await(1, TimeUnit.MINUTES);
                      return leases().takeOver(r.id(), seen, mine);
                    }));
          }
          List<Integer> winners = new ArrayList<>();
          for (int t = 0; t < racers; t++) {
            if (outcomes.get(t).get(2, TimeUnit.MINUTES)) {
              winners.add(t);
            }
          }
          assertThat(winners).as("winners of round %s", round).hasSize(1);
          assertThat(leaseOf(r).owner()).isEqualTo("racer-" + winners.get(0));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  @DisplayName("the evidence chain")
  class Chain {
    @Test
    @DisplayName("reads back in pages, gapless and verifiable")
    void pages() {
      for (int i = 0; i < 25; i++) {
        insert("user" + i, "r1", T0);
      }
      List<EvidenceEvent> pageOne = store().evidence(1, 10);
      List<EvidenceEvent> rest = store().evidence(11, 100);
      assertThat(pageOne).extracting(EvidenceEvent::seq).startsWith(1L).hasSize(10);
      assertThat(rest).extracting(EvidenceEvent::seq).startsWith(11L).endsWith(25L).hasSize(15);
      assertThat(verifyChain().valid()).as("chain verifies: %s", verifyChain()).isTrue();
    }

    @Test
    @DisplayName("stays gapless and valid while many threads write at once")
    void staysValidUnderConcurrentWriters() throws Exception {
      int writers = concurrentWriters();
      int perWriter = 50;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int id = w;
          work.add(
              pool.submit(
                  () -> {
                    AccessRecord r = insert("writer" + id, "r1", T0);
                    for (int i = 0; i < perWriter; i++) {
                      r = store().update(r, List.of(draft(r, EvidenceType.DRIFT_DETECTED, T0)));
                    }
                    return r;
                  }));
        }
        for (Future<?> f : work) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      long expected = (long) writers * (perWriter + 1);
      assertThat(store().evidenceSize()).isEqualTo(expected);
      assertThat(store().evidence(1, (int) expected))
          .extracting(EvidenceEvent::seq)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, expected).boxed().toList());
      VerificationResult result = verifyChain();
      assertThat(result.valid()).as("chain verifies: %s", result).isTrue();
      List<EvidenceEvent> all = store().evidence(1, (int) expected);
      assertThat(LogProofs.root(expected, store().evidenceTree()))
          .as("the tree kept while writers raced")
          .isEqualTo(recomputedRoot(all, expected));
      for (AccessRecord r : store().query(RecordQuery.all())) {
        assertThat(r.version()).isEqualTo(perWriter + 1);
        assertThat(r.timeline()).hasSize(perWriter + 1);
      }
    }

    @Test
    @DisplayName("appends an event of no record between records' events, writing no record")
    void appendsEvidenceOfNoRecord() {
      AccessRecord r = insert("bob", "r1", T0);
      EvidenceEvent run =
          store()
              .appendEvidence(
                  EvidenceDraft.of(
                      "rc-contract",
                      EvidenceType.RECONCILED,
                      "system:reconcile",
                      T0,
                      Map.of("findings", 0L)));
      AccessRecord next = activate(r, T0.plusSeconds(3600));
      assertThat(run.seq()).isEqualTo(2);
      assertThat(run.prevHash()).isEqualTo(r.timeline().get(0).hash());
      assertThat(store().evidence(1, 10))
          .extracting(EvidenceEvent::type)
          .containsExactly(
              EvidenceType.REQUESTED, EvidenceType.RECONCILED, EvidenceType.PROVISIONED);
      assertThat(store().evidence(2, 1)).containsExactly(run);
      assertThat(store().find(RecordId.of("rc-contract"))).isEmpty();
      assertThat(next.timeline())
          .extracting(EvidenceEvent::seq)
          .as("the record's timeline holds only its own events")
          .containsExactly(1L, 3L);
      VerificationResult result = verifyChain();
      assertThat(result.valid()).as("chain verifies: %s", result).isTrue();
      assertTreeMatchesEvents();
    }

    @Test
    @DisplayName("keeps the Merkle tree with the events: every root and proof matches them")
    void merkleTree() {
      assertThat(LogProofs.root(0, store().evidenceTree())).isEqualTo(Merkle.emptyRoot());
      List<AccessRecord> records = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        records.add(insert("tree" + i, "r1", T0));
        assertTreeMatchesEvents();
      }
      AccessRecord first = records.get(0);
      AccessRecord updated =
          store()
              .update(
                  first,
                  List.of(
                      draft(first, EvidenceType.NOTED, T0),
                      draft(first, EvidenceType.NOTED, T0),
                      draft(first, EvidenceType.NOTED, T0)));
      assertTreeMatchesEvents();
      long before = store().evidenceSize();
      assertThatThrownBy(() -> store().update(first, List.of(draft(first, EvidenceType.NOTED, T0))))
          .as("a stale write")
          .isInstanceOf(StaleRecordException.class);
      assertThat(store().evidenceSize()).isEqualTo(before);
      for (int i = 0; i < 21; i++) {
        updated = store().update(updated, List.of(draft(updated, EvidenceType.NOTED, T0)));
      }
      assertTreeMatchesEvents();
      assertThatThrownBy(
              () -> store().evidenceTree().hashes(List.of(new Subtree(0, store().evidenceSize()))))
          .as("a leaf beyond the log")
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("keeps checkpoints, smallest first, and refuses one beyond the chain")
    void checkpoints() {
      insert("bob", "r1", T0);
      insert("carol", "r1", T0);
      CheckpointSigner signer = CheckpointSigner.generate("contract");
      List<EvidenceEvent> chain = store().evidence(1, 2);
      Checkpoint two = signer.sign(2, recomputedRoot(chain, 2), T0);
      Checkpoint one = signer.sign(1, recomputedRoot(chain, 1), T0);
      store().saveCheckpoint(two);
      store().saveCheckpoint(one);
      assertThat(store().checkpoints()).containsExactly(one, two);
      assertThatThrownBy(() -> store().saveCheckpoint(signer.sign(3, recomputedRoot(chain, 2), T0)))
          .isInstanceOf(RuntimeException.class);
      assertThat(store().checkpoints()).hasSize(2);
    }

    @Test
    @DisplayName("names the latest checkpoint: the largest, then the last signed")
    void latestCheckpoint() {
      assertThat(store().latestCheckpoint()).as("no checkpoint yet").isEmpty();
      insert("bob", "r1", T0);
      insert("carol", "r1", T0);
      CheckpointSigner signer = CheckpointSigner.generate("contract");
      List<EvidenceEvent> chain = store().evidence(1, 2);
      Checkpoint twoLater = signer.sign(2, recomputedRoot(chain, 2), T0.plusSeconds(60));
      Checkpoint two = signer.sign(2, recomputedRoot(chain, 2), T0);
      Checkpoint oneLatest = signer.sign(1, recomputedRoot(chain, 1), T0.plusSeconds(3600));
      store().saveCheckpoint(oneLatest);
      assertThat(store().latestCheckpoint()).contains(oneLatest);
      store().saveCheckpoint(twoLater);
      store().saveCheckpoint(two);
      assertThat(store().latestCheckpoint())
          .as("a larger tree wins over a later time; at one size, the later time wins")
          .contains(twoLater)
          .isEqualTo(Checkpoint.latest(store().checkpoints()));
    }
  }
}
