package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.*;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignReport;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Reviews;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("review campaigns over time")
class ReviewDeadlineTest {
  private final ReviewWorld w = new ReviewWorld();
  private final Reviews reviews = w.access.reviews();

  @Test
  @DisplayName("reminders fall due before the deadline, once each, to reviewers with items left")
  void reminders() {
    ReviewCampaign c = reviews.start(ReviewWorld.spec().build()); // 14 days; 7 and 1 day before
    assertThat(reviews.sendReminders()).isEmpty();
    reviews.decide(w.itemOf(c.id(), "bob").id(), CAROL, Verdict.KEEP, "ok");
    w.f.clock.advance(Duration.ofDays(8));
    List<Reminder> first = reviews.sendReminders();
    assertThat(first)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reviewer()).isEqualTo(OLIVIA);
              assertThat(r.pendingItems()).isEqualTo(2);
              assertThat(r.deadline()).isEqualTo(c.deadline());
            });
    assertThat(reviews.sendReminders()).as("each reminder once").isEmpty();
    w.f.clock.advance(Duration.ofDays(5));
    assertThat(reviews.sendReminders()).hasSize(1);
  }

  @Nested
  @DisplayName("closing")
  class Closing {
    @Test
    @DisplayName("is refused before the deadline while items are undecided, and changes nothing")
    void tooEarly() {
      ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
      long events = w.f.store.evidenceSize();
      assertThatThrownBy(() -> reviews.close(c.id()))
          .isInstanceOf(StateConflictException.class)
          .hasMessageContaining("3 undecided");
      assertThat(w.f.store.evidenceSize()).isEqualTo(events);
      assertThat(reviews.campaign(c.id()).status()).isEqualTo(CampaignStatus.OPEN);
    }

    @Test
    @DisplayName(
        "early once every item is decided, with a report of every decision and its evidence")
    void report() {
      ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
      reviews.decide(w.itemOf(c.id(), "bob").id(), CAROL, Verdict.KEEP, "needed");
      reviews.decide(w.itemOf(c.id(), "erin").id(), OLIVIA, Verdict.REVOKE, "unused");
      reviews.decide(w.itemOf(c.id(), "frank").id(), OLIVIA, Verdict.REVOKE, "not ours");
      CampaignReport report = ((CloseResult.Closed) reviews.close(c.id())).report();
      assertThat(report.items()).isEqualTo(3);
      assertThat(report.kept()).isEqualTo(1);
      assertThat(report.revoked()).isEqualTo(2);
      assertThat(report.unexplained()).isEqualTo(1);
      assertThat(report.reviewers())
          .extracting(p -> p.reviewer().value(), p -> p.assigned(), p -> p.decided())
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("carol", 1, 1),
              org.assertj.core.groups.Tuple.tuple("olivia", 2, 2));
      for (ReviewItem i : report.decisions()) {
        AccessRecord r = w.access.record(i.decision().recordId());
        assertThat(r.timeline())
            .anySatisfy(e -> assertThat(e.hash()).isEqualTo(i.decision().evidenceHash()));
      }
      assertThat(report.toString()).contains("3 items: 1 kept, 2 revoked", "carol", "100%");
      assertThat(reviews.close(c.id()))
          .as("closing again returns the report")
          .isEqualTo(new CloseResult.Closed(report));
    }

    @Test
    @DisplayName("at the deadline applies each tier's rule: keep with exception, revoke, escalate")
    void deadlineRules() {
      AccessRecord admin =
          w.access.approve(w.access.grant(privileged(Duration.ofHours(20))).id(), OLIVIA, "ok");
      w.f.people.add("frank", "carol");
      AccessRecord billing = w.access.grant(request("github/billing").subject("frank").build());
      w.access.approve(billing.id(), CAROL, "ok");
      w.access.approve(billing.id(), OLIVIA, "ok");
      ReviewCampaign c =
          reviews.start(ReviewWorld.spec().duration(Duration.ofHours(12)).reminders().build());
      w.f.clock.advance(Duration.ofHours(12));

      CloseResult first = reviews.close(c.id());
      assertThat(first).isInstanceOf(CloseResult.Escalated.class);
      ReviewItem escalated = ((CloseResult.Escalated) first).escalated().get(0);
      assertThat(escalated.roleId().value()).isEqualTo("github/billing");
      assertThat(escalated.reviewer()).as("the app owner").isEqualTo(OLIVIA);
      assertThat(escalated.escalated()).isTrue();
      assertThat(w.access.record(admin.id()))
          .as("PRIVILEGED: revoked")
          .hasState(RecordState.REVOKED)
          .answersTheWalkthrough();
      assertThat(w.f.idp.isMember("gh-admin", "bob")).isFalse();
      AccessRecord kept = w.access.record(w.bobRead.id());
      assertThat(kept.lastEvent(REVIEW_KEPT).orElseThrow().detail(EvidenceKeys.EXCEPTION))
          .as("STANDARD: kept with a recorded exception")
          .isEqualTo(true);
      assertThat(kept.lastEvent(REVIEW_KEPT).orElseThrow().actor())
          .isEqualTo("system:review-deadline");

      w.f.clock.advance(Duration.ofDays(7));
      CampaignReport report = ((CloseResult.Closed) reviews.close(c.id())).report();
      assertThat(w.access.record(billing.id()))
          .as("escalated and still undecided: revoked")
          .hasState(RecordState.REVOKED)
          .answersTheWalkthrough();
      assertThat(report.revokedAtDeadline()).isEqualTo(2);
      assertThat(report.keptWithException()).isEqualTo(3); // bob, erin's ledger, frank's gh-read
    }

    @Test
    @DisplayName("deadline rules are configurable per tier")
    void configurable() {
      ReviewCampaign c =
          reviews.start(
              ReviewWorld.spec()
                  .duration(Duration.ofDays(1))
                  .reminders()
                  .onDeadline(RiskTier.STANDARD, DeadlineAction.REVOKE)
                  .build());
      w.f.clock.advance(Duration.ofDays(1));
      CampaignReport report = ((CloseResult.Closed) reviews.close(c.id())).report();
      assertThat(report.revokedAtDeadline()).isEqualTo(3);
      assertThat(w.f.idp.memberIds("gh-read")).isEmpty();
    }
  }

  @Nested
  @DisplayName("cadence")
  class Cadence {
    @Test
    @DisplayName(
        "a due-only campaign reviews grants whose review is due, and KEEP sets the next one")
    void dueOnly() {
      var spec = ReviewWorld.spec().dueOnly(true).build();
      assertThat(reviews.items(reviews.start(spec).id()))
          .as("only the unexplained member is due now")
          .extracting(i -> i.subject().value())
          .containsExactly("frank");
      w.f.clock.advance(Duration.ofDays(181));
      ReviewCampaign due = reviews.start(spec);
      assertThat(reviews.items(due.id()))
          .extracting(i -> i.subject().value())
          .containsExactlyInAnyOrder("bob", "erin", "frank");
      reviews.decide(w.itemOf(due.id(), "bob").id(), CAROL, Verdict.KEEP, "ok");
      assertThat(reviews.items(reviews.start(spec).id()))
          .extracting(i -> i.subject().value())
          .containsExactlyInAnyOrder("erin", "frank");
    }

    @Test
    @DisplayName(
        "privileged access is reviewed monthly, sensitive quarterly, standard semi-annually")
    void defaults() {
      var spec = ReviewWorld.spec().build();
      assertThat(spec.cadence().get(RiskTier.PRIVILEGED)).isEqualTo(Duration.ofDays(30));
      assertThat(spec.cadence().get(RiskTier.SENSITIVE)).isEqualTo(Duration.ofDays(90));
      assertThat(spec.cadence().get(RiskTier.STANDARD)).isEqualTo(Duration.ofDays(180));
    }
  }

  @Nested
  @DisplayName("emergency grants")
  class Emergency {
    @Test
    @DisplayName("get a mandatory after-the-fact review item, due within 24 hours of activation")
    void afterTheFact() {
      AccessRecord glass = w.access.grant(request("aws/breakglass").subject("dave").build());
      w.f.clock.advance(Duration.ofHours(2));
      w.access.expireDue();
      ReviewCampaign c = reviews.startEmergencyReview(ReviewWorld.spec().build()).orElseThrow();
      assertThat(c.deadline()).isEqualTo(glass.activatedAt().plus(Duration.ofHours(24)));
      ReviewItem item = reviews.items(c.id()).get(0);
      assertThat(item.recordId()).isEqualTo(glass.id());
      assertThat(reviews.startEmergencyReview(ReviewWorld.spec().build()))
          .as("the grant is already under review")
          .isEmpty();
      reviews.decide(item.id(), OLIVIA, Verdict.KEEP, "incident INC-7, justified");
      AccessRecord reviewed = w.access.record(glass.id());
      assertThat(reviewed)
          .hasState(RecordState.EXPIRED)
          .hasEvidence(REVIEW_KEPT)
          .answersTheWalkthrough();
      assertThat(reviewed.walkthrough().removed().text()).contains("EXPIRED by system:expiry");
    }

    @Test
    @DisplayName(
        "undecided at the deadline, escalate when so configured, then record an unjustified"
            + " finding")
    void escalated() {
      AccessRecord glass = w.access.grant(request("aws/breakglass").subject("dave").build());
      w.f.clock.advance(Duration.ofHours(2));
      w.access.expireDue();
      ReviewCampaign c =
          reviews
              .startEmergencyReview(
                  ReviewWorld.spec()
                      .onDeadline(RiskTier.EMERGENCY, DeadlineAction.ESCALATE)
                      .build())
              .orElseThrow();
      w.f.clock.advance(Duration.ofDays(1));
      assertThat(reviews.close(c.id())).isInstanceOf(CloseResult.Escalated.class);
      w.f.clock.advance(Duration.ofDays(7));
      assertThat(reviews.close(c.id())).isInstanceOf(CloseResult.Closed.class);
      AccessRecord r = w.access.record(glass.id());
      assertThat(r)
          .hasState(RecordState.EXPIRED)
          .hasEvidence(REVIEW_REVOKED)
          .answersTheWalkthrough();
      assertThat(r.walkthrough().removed().text()).contains("EXPIRED by system:expiry");
    }
  }
}
