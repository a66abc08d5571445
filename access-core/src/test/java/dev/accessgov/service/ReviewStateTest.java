package dev.accessgov.service;

import static dev.accessgov.service.Fixture.CAROL;
import static dev.accessgov.service.Fixture.OLIVIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Reviews;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What keeping campaigns in the store means for a user of {@code reviews()}: decisions are settled
 * once with their evidence, a decision on vanished access is moot, closing commits to every item,
 * and deadlines are safe to apply twice.
 */
@DisplayName("review state in the store")
class ReviewStateTest {
  private final ReviewWorld w = new ReviewWorld();
  private final Reviews reviews = w.access.reviews();

  @Test
  @DisplayName("a decision carries its evidence's record, hash and sequence number")
  void decisionPointsAtItsEvidence() {
    ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
    ReviewItem bob = reviews.decide(w.itemOf(c.id(), "bob").id(), CAROL, Verdict.KEEP, "needed");
    ReviewDecision d = bob.decision();
    EvidenceEvent kept = w.access.record(d.recordId()).lastEvent(EvidenceType.REVIEW_KEPT).get();
    assertThat(d.evidenceHash()).isEqualTo(kept.hash());
    assertThat(d.evidenceSeq()).isEqualTo(kept.seq());
    assertThat(d.moot()).isFalse();
    assertThat(reviews.item(bob.id())).isEqualTo(bob);
  }

  @Test
  @DisplayName("revoking access that ended since the campaign started is recorded as moot")
  void moot() {
    ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
    w.access.revoke(w.bobRead.id(), CAROL, "left the project");
    long removals = w.f.idp.membershipCalls();
    ReviewItem bob =
        reviews.decide(w.itemOf(c.id(), "bob").id(), CAROL, Verdict.REVOKE, "no longer needed");
    assertThat(bob.decision().moot()).isTrue();
    assertThat(w.f.idp.membershipCalls()).as("no removal for a moot decision").isEqualTo(removals);
    EvidenceEvent revoked =
        w.access.record(w.bobRead.id()).lastEvent(EvidenceType.REVIEW_REVOKED).orElseThrow();
    assertThat(revoked.detail(EvidenceKeys.MOOT)).isEqualTo(true);
    assertThat(w.access.record(w.bobRead.id()).state()).isEqualTo(RecordState.REVOKED);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bob", "frank"})
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @DisplayName(
      "of eight reviewers deciding one item at once (granted access, or access found without a"
          + " record), exactly one decision is recorded, in ten campaigns running")
  void racingDecisions(String subject) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 10; round++) {
        ReviewWorld world = new ReviewWorld();
        Reviews reviews = world.access.reviews();
        ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
        ReviewItem item = world.itemOf(c.id(), subject);
        List<Verdict> won = race(pool, reviews, item, 8);
        assertThat(won).as("round %d", round).hasSize(1);
        ReviewItem decided = reviews.item(item.id());
        assertThat(decided.decision().verdict()).isEqualTo(won.get(0));
        long events =
            world.access.evidence().read(1, 100_000).stream()
                .filter(e -> item.id().value().equals(e.detailText(EvidenceKeys.ITEM)))
                .count();
        assertThat(events).as("decision events of %s", item.id()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Races {@code threads} decisions on {@code item}; returns the verdicts that were accepted. */
  private static List<Verdict> race(
      ExecutorService pool, Reviews reviews, ReviewItem item, int threads) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<Verdict>> outcomes = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Verdict v = t % 2 == 0 ? Verdict.KEEP : Verdict.REVOKE;
      outcomes.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return reviews
                      .decide(item.id(), item.reviewer(), v, "decided")
                      .decision()
                      .verdict();
                } catch (StateConflictException lost) {
                  return null;
                }
              }));
    }
    List<Verdict> won = new ArrayList<>();
    for (Future<Verdict> f : outcomes) {
      Verdict v = f.get();
      if (v != null) {
        won.add(v);
      }
    }
    return won;
  }

  @Test
  @DisplayName(
      "closing writes one CAMPAIGN_CLOSED event listing every item with its decision's evidence")
  void closingEvent() {
    ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
    for (ReviewItem i : reviews.items(c.id())) {
      reviews.decide(i.id(), i.reviewer(), Verdict.KEEP, "fine");
    }
    assertThat(reviews.close(c.id())).isInstanceOf(CloseResult.Closed.class);
    reviews.close(c.id());
    List<EvidenceEvent> closings =
        w.access.evidence().read(1, 10_000).stream()
            .filter(e -> e.type() == EvidenceType.CAMPAIGN_CLOSED)
            .toList();
    assertThat(closings).as("closing twice writes one event").hasSize(1);
    EvidenceEvent closing = closings.get(0);
    assertThat(closing.recordId()).isEqualTo(c.id().value());
    assertThat(closing.detail(EvidenceKeys.ITEM_COUNT)).isEqualTo((long) c.items());
    List<String> lines = closing.detailText(EvidenceKeys.ITEMS).lines().toList();
    assertThat(lines)
        .containsExactlyElementsOf(
            reviews.items(c.id()).stream()
                .map(
                    i ->
                        i.id().number()
                            + " KEEP "
                            + i.decision().recordId()
                            + " "
                            + i.decision().evidenceSeq())
                .toList());
    assertThat(closing.detailText(EvidenceKeys.ITEMS_DIGEST)).startsWith("sha256:");
  }

  @Test
  @DisplayName("applying a deadline twice decides each item once and escalates once")
  void deadlineTwice() {
    ReviewCampaign c =
        reviews.start(
            ReviewWorld.spec()
                .onDeadline(RiskTier.STANDARD, DeadlineAction.ESCALATE)
                .onDeadline(RiskTier.SENSITIVE, DeadlineAction.ESCALATE)
                .build());
    w.f.clock.advance(Duration.ofDays(15));
    var first = reviews.closeDue();
    long events = w.access.evidence().size();
    var second = reviews.closeDue();
    assertThat(first.get(c.id())).isInstanceOf(CloseResult.Escalated.class);
    assertThat(second).as("escalated: its new deadline has not passed").isEmpty();
    assertThat(w.access.evidence().size()).isEqualTo(events);
    ReviewCampaign escalated = reviews.campaign(c.id());
    assertThat(escalated.status()).isEqualTo(CampaignStatus.ESCALATED);
    w.f.clock.advance(Duration.ofDays(8));
    assertThat(reviews.closeDue().get(c.id())).isInstanceOf(CloseResult.Closed.class);
    assertThat(reviews.closeDue()).isEmpty();
    assertThat(reviews.items(c.id())).allSatisfy(i -> assertThat(i.isDecided()).isTrue());
  }

  @Test
  @DisplayName("a delegation that lost a race says so and changes nothing")
  void delegationRace() {
    ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
    ReviewItem bob = w.itemOf(c.id(), "bob");
    reviews.delegate(bob.id(), CAROL, OLIVIA, "away");
    assertThatThrownBy(() -> reviews.delegate(bob.id(), CAROL, PersonId.of("grace"), "away"))
        .isInstanceOf(dev.accessgov.PolicyViolationException.class);
    assertThat(reviews.item(bob.id()).reviewer()).isEqualTo(OLIVIA);
  }
}
