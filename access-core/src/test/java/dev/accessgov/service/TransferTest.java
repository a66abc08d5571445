package dev.accessgov.service;

import static dev.accessgov.service.MoverWorld.ADA;
import static dev.accessgov.service.MoverWorld.BOB;
import static dev.accessgov.service.MoverWorld.FRED;
import static dev.accessgov.service.MoverWorld.MIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.TransferResult;
import dev.accessgov.policy.VerifiedDomains;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.LifecycleReviewPolicy;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A transfer")
class TransferTest {
  private final MoverWorld w = new MoverWorld();
  private final AccessService access = w.service();

  private TransferResult moveBob() {
    return moveBob(access);
  }

  private TransferResult moveBob(AccessService on) {
    w.bobInEngineering(on);
    on.reconcileDirectory(ADA); // records where bob stands before the move
    w.moveBobToFinance();
    return on.transfer(BOB, FRED, "moved to finance");
  }

  @Test
  @DisplayName("a transfer's review marks unmanaged accounts as every other review does")
  void marksUnmanagedAccounts() {
    AccessService withDomains = w.builder().verifiedDomains(VerifiedDomains.of("acme.com")).build();

    TransferResult t = moveBob(withDomains);

    // Bob's login "bob" is no address, and the directory knows no address of his in acme.com.
    List<ReviewItem> items = withDomains.reviews().items(t.reviewCampaign().orElseThrow());
    assertThat(items).hasSize(2).allSatisfy(i -> assertThat(i.unmanaged()).isTrue());
  }

  @Test
  @DisplayName("a transfer's review leaves a managed account unmarked")
  void managedAccountsUnmarked() {
    w.people.update("bob", p -> p.withAliases(Set.of("bob@acme.com")));
    AccessService withDomains = w.builder().verifiedDomains(VerifiedDomains.of("acme.com")).build();

    TransferResult t = moveBob(withDomains);

    assertThat(withDomains.reviews().items(t.reviewCampaign().orElseThrow()))
        .hasSize(2)
        .allSatisfy(i -> assertThat(i.unmanaged()).isFalse());
  }

  @Test
  @DisplayName(
      "from engineering to finance adds finance's birthright roles, reviews the rest, and at the"
          + " deadline removes what nobody kept; the evidence shows one lifecycle event")
  void engineeringToFinance() {
    TransferResult t = moveBob();

    assertThat(t.event().trigger()).isEqualTo(LifecycleTrigger.TRANSFER);
    assertThat(t.from()).containsEntry("department", "engineering");
    assertThat(t.to()).containsEntry("department", "finance");
    assertThat(t.granted())
        .extracting(AccessRecord::roleId)
        .containsExactly(RoleId.of("ledger/read"));
    assertThat(t.granted().get(0).state()).isEqualTo(RecordState.ACTIVE);
    assertThat(t.alreadyHeld())
        .extracting(AccessRecord::roleId)
        .containsExactly(RoleId.of("wiki/read"));
    assertThat(w.idp.memberIds("g-ledger")).contains("bob");

    ReviewCampaign review = access.reviews().campaign(t.reviewCampaign().orElseThrow());
    assertThat(review.spec().lifecycleEvent()).isEqualTo(t.event());
    assertThat(review.deadline()).isEqualTo(w.clock.instant().plus(Duration.ofDays(7)));
    List<ReviewItem> items = access.reviews().items(review.id());
    assertThat(items)
        .extracting(ReviewItem::roleId)
        .containsExactlyInAnyOrder(RoleId.of("gh/dev"), RoleId.of("gh/admin"));
    assertThat(items)
        .allSatisfy(i -> assertThat(i.reviewer()).as("the new manager").isEqualTo(FRED));
    assertThat(items)
        .filteredOn(i -> i.roleId().equals(RoleId.of("gh/dev")))
        .singleElement()
        .satisfies(i -> assertThat(i.recommendation().reason()).contains("birthright of the old"));
    assertThat(t.underReview()).hasSize(2);

    ReviewItem admin =
        items.stream()
            .filter(i -> i.roleId().equals(RoleId.of("gh/admin")))
            .findFirst()
            .orElseThrow();
    access.reviews().decide(admin.id(), FRED, Verdict.KEEP, "still on call for the old team");

    w.clock.advance(Duration.ofDays(7));
    access.reviews().closeDue();
    access.reviews().closeDue();

    assertThat(w.holding(access, "gh/dev").state()).isEqualTo(RecordState.REVOKED);
    assertThat(w.holding(access, "gh/admin").state()).isEqualTo(RecordState.ACTIVE);
    assertThat(w.holding(access, "wiki/read").state()).isEqualTo(RecordState.ACTIVE);
    assertThat(w.idp.memberIds("g-dev")).doesNotContain("bob");
    assertThat(w.idp.memberIds("g-admin")).contains("bob");
    assertThat(w.holding(access, "gh/dev").walkthrough().removed().text())
        .as("the walkthrough names the transfer as the removal's trigger")
        .contains("removed at transfer, event " + t.eventId().value());

    Set<String> events = new TreeSet<>();
    List<EvidenceEvent> carrying = new ArrayList<>();
    access
        .evidence()
        .events()
        .forEachRemaining(
            e -> {
              if (e.detailText(EvidenceKeys.LIFECYCLE_EVENT) != null) {
                events.add(e.detailText(EvidenceKeys.LIFECYCLE_EVENT));
                carrying.add(e);
              }
            });
    assertThat(events).containsExactly(t.eventId().value());
    assertThat(carrying)
        .extracting(EvidenceEvent::type)
        .contains(EvidenceType.REQUESTED, EvidenceType.REVIEW_KEPT, EvidenceType.REVIEW_REVOKED);
    assertThat(carrying)
        .filteredOn(e -> e.type() == EvidenceType.REVIEW_REVOKED)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("system:review-deadline");
              assertThat(e.detailText(EvidenceKeys.LIFECYCLE_TRIGGER)).isEqualTo("TRANSFER");
            });
  }

  @Test
  @DisplayName("repeated with the directory unchanged returns the same transfer and does nothing")
  void repeated() {
    TransferResult first = moveBob();
    long size = w.store.evidenceSize();

    TransferResult again = access.transfer(BOB, ADA, "moved to finance");

    assertThat(again.event()).isEqualTo(first.event());
    assertThat(again.granted())
        .extracting(AccessRecord::id)
        .isEqualTo(first.granted().stream().map(AccessRecord::id).toList());
    assertThat(again.reviewCampaign()).isEqualTo(first.reviewCampaign());
    assertThat(access.reviews().campaigns()).hasSize(1);
    assertThat(w.store.evidenceSize()).isEqualTo(size);
  }

  @Test
  @DisplayName("stopped midway (event claimed, nothing done) is finished by the next call")
  void crashMidway() {
    w.bobInEngineering(access);
    w.moveBobToFinance();
    // A process that claimed the event and died before granting anything.
    var state =
        w.store
            .governance()
            .directoryState(BOB)
            .orElse(dev.accessgov.spi.DirectoryState.none(BOB, w.clock.instant()));
    var claimed =
        w.store
            .governance()
            .moveDirectoryState(
                state.version(),
                state.claiming(
                    dev.accessgov.lifecycle.LifecycleEvent.transfer(
                        dev.accessgov.lifecycle.LifecycleEventId.of("transfer:bob:1")),
                    java.util.Map.of("department", "finance", "title", "developer"),
                    w.clock.instant()))
            .orElseThrow();

    TransferResult t = access.transfer(BOB, FRED, "moved to finance");

    assertThat(t.eventId().value()).isEqualTo("transfer:bob:1");
    assertThat(t.granted())
        .extracting(AccessRecord::roleId)
        .containsExactly(RoleId.of("ledger/read"));
    assertThat(w.store.governance().directoryState(BOB).orElseThrow().pendingEvent()).isNull();
    assertThat(w.store.governance().directoryState(BOB).orElseThrow().lastEvent())
        .isEqualTo(claimed.pendingEvent());
  }

  @Test
  @DisplayName(
      "when the process dies after its grant, before its review, recover() alone on a new instance"
          + " finishes it: the grant once, the review opened, the claim's caller and reason kept")
  void recoverAloneFinishes() {
    diesAfterItsGrant();
    var claimed = w.store.governance().directoryState(BOB).orElseThrow();
    assertThat(claimed.pendingEvent()).isNotNull();
    assertThat(claimed.claimedBy()).isEqualTo(FRED);
    assertThat(claimed.claimReason()).isEqualTo("moved to finance");
    assertThat(access.reviews().campaigns()).as("died before the review").isEmpty();

    w.clock.advance(Duration.ofMinutes(5));
    AccessService next = w.service();
    next.recover();

    assertThat(
            access.find(dev.accessgov.record.RecordQuery.all().subject("bob").role("ledger/read")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.state()).isEqualTo(RecordState.ACTIVE);
              assertThat(r.requester()).isEqualTo(FRED);
              assertThat(r.lifecycleEvent()).contains(claimed.pendingEvent());
            });
    assertThat(w.idp.memberIds("g-ledger")).contains("bob");
    assertThat(next.reviews().campaigns())
        .singleElement()
        .satisfies(c -> assertThat(c.spec().lifecycleEvent()).isEqualTo(claimed.pendingEvent()));
    var done = w.store.governance().directoryState(BOB).orElseThrow();
    assertThat(done.pendingEvent()).isNull();
    assertThat(done.lastEvent()).isEqualTo(claimed.pendingEvent());
    assertThat(done.seen()).containsEntry("department", "finance");

    long evidence = w.store.evidenceSize();
    next.recover();
    assertThat(w.store.evidenceSize()).as("nothing left to finish").isEqualTo(evidence);
  }

  @Test
  @DisplayName("recovered by two instances at once is finished once: one grant, one review")
  void twoRecoverAtOnce() throws Exception {
    diesAfterItsGrant();
    w.clock.advance(Duration.ofMinutes(5));
    AccessService one = w.service();
    AccessService two = w.service();

    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a =
          pool.submit(
              () -> {
                start.await();
                return one.recover();
              });
      var b =
          pool.submit(
              () -> {
                start.await();
                return two.recover();
              });
      start.countDown();
      a.get(1, java.util.concurrent.TimeUnit.MINUTES);
      b.get(1, java.util.concurrent.TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }

    assertThat(
            access.find(dev.accessgov.record.RecordQuery.all().subject("bob").role("ledger/read")))
        .singleElement()
        .satisfies(r -> assertThat(r.events(EvidenceType.PROVISIONED)).hasSize(1));
    assertThat(access.reviews().campaigns()).hasSize(1);
    assertThat(access.reviews().items(access.reviews().campaigns().get(0).id()))
        .extracting(ReviewItem::roleId)
        .containsExactlyInAnyOrder(RoleId.of("gh/dev"), RoleId.of("gh/admin"));
    assertThat(w.store.governance().directoryState(BOB).orElseThrow().pendingEvent()).isNull();
  }

  @Test
  @DisplayName(
      "abandoned and the person moved again meanwhile: recover() transfers them to where they are")
  void recoverAfterAnotherMove() {
    diesAfterItsGrant();
    var claimed = w.store.governance().directoryState(BOB).orElseThrow();
    w.people.update("bob", p -> p.with(dev.accessgov.spi.PersonAttribute.TITLE, "controller"));

    w.clock.advance(Duration.ofMinutes(5));
    w.service().recover();

    var done = w.store.governance().directoryState(BOB).orElseThrow();
    assertThat(done.pendingEvent()).isNull();
    assertThat(done.lastEvent()).isNotNull().isNotEqualTo(claimed.pendingEvent());
    assertThat(done.seen()).containsEntry("title", "controller");
    assertThat(access.reviews().campaigns())
        .singleElement()
        .satisfies(c -> assertThat(c.spec().lifecycleEvent()).isEqualTo(done.lastEvent()));
    assertThat(
            access.find(dev.accessgov.record.RecordQuery.all().subject("bob").role("ledger/read")))
        .as("the grant the dead process made stands, once")
        .singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(RecordState.ACTIVE));
  }

  @Test
  @DisplayName("recently claimed is left alone by recover(): the call claiming it may still run")
  void recentClaimLeftAlone() {
    diesAfterItsGrant();

    w.service().recover();

    assertThat(w.store.governance().directoryState(BOB).orElseThrow().pendingEvent()).isNotNull();
    assertThat(access.reviews().campaigns()).isEmpty();
  }

  /**
   * Bob moves to finance, and the process transferring him dies right after its grant of the ledger
   * took effect, before it opens the review.
   */
  private void diesAfterItsGrant() {
    w.bobInEngineering(access);
    access.reconcileDirectory(ADA);
    w.moveBobToFinance();
    AccessService dies =
        AccessService.builder()
            .catalog(w.catalog)
            .identityProvider(w.idp)
            .peopleDirectory(w.people)
            .administrators(ADA)
            .store(new DiesAfterFirstInsert(w.store))
            .clock(w.clock)
            .build();
    assertThatThrownBy(() -> dies.transfer(BOB, FRED, "moved to finance")).isInstanceOf(Died.class);
  }

  /** The process dies right after its first record insert took effect. */
  static final class Died extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Died() {
      super("the process died", null, false, false);
    }
  }

  private static final class DiesAfterFirstInsert extends ForwardingAccessStore {
    private final dev.accessgov.spi.AccessStore delegate;
    private boolean dead;

    DiesAfterFirstInsert(dev.accessgov.spi.AccessStore delegate) {
      super(delegate);
      this.delegate = delegate;
    }

    @Override
    public AccessRecord insert(
        AccessRecord record,
        List<dev.accessgov.evidence.EvidenceDraft> events,
        dev.accessgov.spi.Admission a,
        dev.accessgov.spi.RecordLeases.@org.jspecify.annotations.Nullable Claim lease) {
      if (dead) {
        throw new Died();
      }
      delegate.insert(record, events, a, lease);
      dead = true;
      throw new Died();
    }

    @Override
    public AccessRecord update(
        AccessRecord next,
        List<dev.accessgov.evidence.EvidenceDraft> events,
        dev.accessgov.spi.RecordLeases.@org.jspecify.annotations.Nullable Claim lease) {
      if (dead) {
        throw new Died();
      }
      return delegate.update(next, events, lease);
    }
  }

  @Test
  @DisplayName("with keep-with-exception at the deadline keeps what nobody decided")
  void keepAtDeadline() {
    AccessService keeping =
        w.service(
            LifecycleReviewPolicy.defaults().withOnDeadline(DeadlineAction.KEEP_WITH_EXCEPTION));
    w.bobInEngineering(keeping);
    w.moveBobToFinance();
    keeping.transfer(BOB, FRED, "moved");

    w.clock.advance(Duration.ofDays(8));
    keeping.reviews().closeDue();

    assertThat(w.holding(keeping, "gh/dev").state()).isEqualTo(RecordState.ACTIVE);
  }

  @Nested
  @DisplayName("is refused")
  class Refused {
    @Test
    @DisplayName("to the person themselves and to their old manager")
    void who() {
      w.bobInEngineering(access);
      w.moveBobToFinance();
      assertThatThrownBy(() -> access.transfer(BOB, BOB, "moved"))
          .isInstanceOf(PolicyViolationException.class);
      assertThatThrownBy(() -> access.transfer(BOB, MIA, "moved"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("their manager or an administrator");
      assertThat(access.reviews().campaigns()).isEmpty();
    }

    @Test
    @DisplayName("for a person who left: offboard them instead")
    void left() {
      w.bobInEngineering(access);
      w.people.deactivate("bob");
      assertThatThrownBy(() -> access.transfer(BOB, ADA, "moved"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("offboard");
    }
  }
}
