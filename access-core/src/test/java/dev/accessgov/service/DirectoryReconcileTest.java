package dev.accessgov.service;

import static dev.accessgov.service.MoverWorld.ADA;
import static dev.accessgov.service.MoverWorld.BOB;
import static dev.accessgov.service.MoverWorld.FRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.lifecycle.DirectoryReconciliation;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.TransferResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.ReviewItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The directory reconciliation")
class DirectoryReconcileTest {
  private final MoverWorld w = new MoverWorld();
  private final AccessService access = w.service();

  @Test
  @DisplayName("records everyone it sees for the first time as the baseline, and changes nothing")
  void baseline() {
    w.bobInEngineering(access);
    long size = w.store.evidenceSize();

    DirectoryReconciliation first = access.reconcileDirectory(ADA);

    assertThat(first.baselined()).contains(BOB, FRED, ADA);
    assertThat(first.transfers()).isEmpty();
    assertThat(w.store.evidenceSize()).isEqualTo(size);
    assertThat(w.store.governance().directoryState(BOB).orElseThrow().seen())
        .containsEntry("department", "engineering");
    DirectoryReconciliation second = access.reconcileDirectory(ADA);
    assertThat(second.baselined()).isEmpty();
    assertThat(second.transfers()).isEmpty();
    assertThat(second.offboarded()).isEmpty();
  }

  @Test
  @DisplayName("finds a directory change nobody reported and handles it as a transfer, once")
  void unreportedMove() {
    w.bobInEngineering(access);
    access.reconcileDirectory(ADA);
    w.moveBobToFinance();

    DirectoryReconciliation run = access.reconcileDirectory(ADA);

    assertThat(run.transfers()).hasSize(1);
    TransferResult t = run.transfers().get(0);
    assertThat(t.subject()).isEqualTo(BOB);
    assertThat(t.event().trigger()).isEqualTo(LifecycleTrigger.TRANSFER);
    assertThat(t.granted())
        .extracting(AccessRecord::roleId)
        .containsExactly(RoleId.of("ledger/read"));
    assertThat(
            t.granted()
                .get(0)
                .events(dev.accessgov.evidence.EvidenceType.REQUESTED)
                .get(0)
                .details())
        .containsEntry(EvidenceKeys.LIFECYCLE_EVENT, t.eventId().value());
    List<ReviewItem> items = access.reviews().items(t.reviewCampaign().orElseThrow());
    assertThat(items)
        .extracting(ReviewItem::roleId)
        .containsExactlyInAnyOrder(RoleId.of("gh/dev"), RoleId.of("gh/admin"));
    assertThat(items).allSatisfy(i -> assertThat(i.reviewer()).isEqualTo(FRED));

    assertThat(access.reconcileDirectory(ADA).transfers()).as("a second run").isEmpty();
    assertThat(access.reviews().campaigns()).hasSize(1);

    w.clock.advance(Duration.ofDays(7));
    access.reviews().closeDue();
    assertThat(w.holding(access, "gh/dev").state()).isEqualTo(RecordState.REVOKED);
    assertThat(w.holding(access, "gh/admin").state()).isEqualTo(RecordState.REVOKED);
    assertThat(w.holding(access, "ledger/read").state()).isEqualTo(RecordState.ACTIVE);
    assertThat(w.holding(access, "wiki/read").state()).isEqualTo(RecordState.ACTIVE);
  }

  @Test
  @DisplayName("finishes a transfer a stopped run had claimed, under the same event")
  void resumesClaimed() {
    w.bobInEngineering(access);
    access.reconcileDirectory(ADA);
    w.moveBobToFinance();
    var gov = w.store.governance();
    var state = gov.directoryState(BOB).orElseThrow();
    var event =
        dev.accessgov.lifecycle.LifecycleEvent.transfer(
            dev.accessgov.lifecycle.LifecycleEventId.of("transfer:bob:2"));
    gov.moveDirectoryState(
        state.version(),
        state.claiming(
            event,
            java.util.Map.of("department", "finance", "title", "developer"),
            w.clock.instant()));

    DirectoryReconciliation run = access.reconcileDirectory(ADA);

    assertThat(run.transfers())
        .singleElement()
        .satisfies(t -> assertThat(t.event()).isEqualTo(event));
    assertThat(gov.directoryState(BOB).orElseThrow().pendingEvent()).isNull();
    assertThat(gov.directoryState(BOB).orElseThrow().lastEvent()).isEqualTo(event);
    assertThat(access.reconcileDirectory(ADA).transfers()).isEmpty();
  }

  @Test
  @DisplayName("offboards a person who left, and one who vanished from the directory")
  void leavers() {
    w.bobInEngineering(access);
    w.people.add("carl", "mia");
    w.idp.user("carl");
    access.grant(
        dev.accessgov.GrantRequest.builder()
            .subject("carl")
            .role("wiki/read")
            .requester("mia")
            .reason("docs")
            .build());
    access.reconcileDirectory(ADA);
    w.people.deactivate("bob");
    w.people.remove("carl");

    DirectoryReconciliation run = access.reconcileDirectory(ADA);

    assertThat(run.offboarded()).containsOnlyKeys(BOB, dev.accessgov.record.PersonId.of("carl"));
    assertThat(run.offboarded().get(BOB).event().trigger()).isEqualTo(LifecycleTrigger.OFFBOARDING);
    assertThat(run.offboarded().get(BOB).records())
        .hasSize(3)
        .allSatisfy(
            r ->
                assertThat(access.record(r.id()).events(EvidenceType.REVOKED).get(0).details())
                    .containsEntry(
                        EvidenceKeys.LIFECYCLE_EVENT,
                        run.offboarded().get(BOB).event().id().value()));
    assertThat(access.find(RecordQuery.all().states(RecordState.live()))).isEmpty();
    assertThat(w.idp.memberIds("g-wiki")).isEmpty();
    DirectoryReconciliation again = access.reconcileDirectory(ADA);
    assertThat(again.offboarded()).isEmpty();
    assertThat(again.failed()).isEmpty();
  }

  @Test
  @DisplayName("run by two instances at once transfers a mover once")
  void twoInstances() throws Exception {
    w.bobInEngineering(access);
    access.reconcileDirectory(ADA);
    w.moveBobToFinance();
    AccessService other = w.service();
    int racers = 4;
    CyclicBarrier start = new CyclicBarrier(racers);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<Future<DirectoryReconciliation>> runs = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        AccessService via = i % 2 == 0 ? access : other;
        runs.add(
            pool.submit(
                () -> {
                  start.await(1, TimeUnit.MINUTES);
                  return via.reconcileDirectory(ADA);
                }));
      }
      Set<String> events = new TreeSet<>();
      for (Future<DirectoryReconciliation> f : runs) {
        DirectoryReconciliation r = f.get(2, TimeUnit.MINUTES);
        assertThat(r.failed()).isEmpty();
        r.transfers().forEach(t -> events.add(t.eventId().value()));
      }
      assertThat(events).as("lifecycle events claimed").hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(access.find(RecordQuery.all().subject("bob").role("ledger/read"))).hasSize(1);
    assertThat(access.reviews().campaigns()).hasSize(1);
    assertThat(access.reviews().items(access.reviews().campaigns().get(0).id())).hasSize(2);
  }

  @Test
  @DisplayName("is run by an administrator only")
  void administratorsOnly() {
    assertThatThrownBy(() -> access.reconcileDirectory(FRED))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("administrator");
  }
}
