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
    w.bobInEngineering(access);
    access.reconcileDirectory(ADA); // records where bob stands before the move
    w.moveBobToFinance();
    return access.transfer(BOB, FRED, "moved to finance");
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
