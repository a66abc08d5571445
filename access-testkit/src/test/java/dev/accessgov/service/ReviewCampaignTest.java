package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.*;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.testkit.AccessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessException;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.review.Reviewer;
import dev.accessgov.review.Reviews;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.LastLogin;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("review campaigns")
class ReviewCampaignTest {
  private final ReviewWorld w = new ReviewWorld();
  private final Reviews reviews = w.access.reviews();

  @Nested
  @DisplayName("items are built from live membership")
  class Items {
    @Test
    @DisplayName("one per membership, joined with its record, the directory and the last login")
    void joined() {
      ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
      assertThat(c.items()).isEqualTo(3);
      ReviewItem bob = w.itemOf(c.id(), "bob");
      assertThat(bob.recordId()).isEqualTo(w.bobRead.id());
      assertThat(bob.group()).isEqualTo(GroupRef.of("okta", "gh-read"));
      assertThat(bob.applicationId()).isEqualTo("github");
      assertThat(bob.department()).isEqualTo("Engineering");
      assertThat(bob.title()).isEqualTo("Developer");
      assertThat(bob.lastLogin().kind()).isEqualTo(LastLogin.Kind.AT);
      assertThat(bob.reviewer()).as("the manager").isEqualTo(CAROL);
      assertThat(bob.recommendation().verdict()).isEqualTo(Verdict.KEEP);
      assertThat(bob.recommendation().reason()).contains("5 days ago");
    }

    @Test
    @DisplayName("recommends revoking access unused past the tier's threshold")
    void inactive() {
      ReviewItem erin = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "erin");
      assertThat(erin.reviewer()).as("erin has no manager: the app owner").isEqualTo(OLIVIA);
      assertThat(erin.recommendation().verdict()).isEqualTo(Verdict.REVOKE);
      assertThat(erin.recommendation().reason()).contains("200 days", "90 days", "STANDARD");
    }

    @Test
    @DisplayName("flags members no record explains and recommends revoking them")
    void unexplained() {
      ReviewItem frank = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "frank");
      assertThat(frank.unexplained()).isTrue();
      assertThat(frank.recordId()).isNull();
      assertThat(frank.recommendation().verdict()).isEqualTo(Verdict.REVOKE);
      assertThat(frank.recommendation().reason()).contains("outside the library");
    }

    @Test
    @DisplayName("reflect the provider now: a membership removed by hand is not reviewed")
    void live() {
      w.f.idp.removeMember("fin-ledger", "erin");
      ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
      assertThat(reviews.items(c.id()))
          .extracting(i -> i.subject().value())
          .containsExactlyInAnyOrder("bob", "frank");
    }

    @Test
    @DisplayName("cover only the scope: applications, roles or tiers")
    void scope() {
      assertThat(
              reviews
                  .start(ReviewWorld.spec().scope(ReviewScope.applications("finance")).build())
                  .items())
          .isEqualTo(1);
      assertThat(
              reviews
                  .start(ReviewWorld.spec().scope(ReviewScope.roles("github/read")).build())
                  .items())
          .isEqualTo(2);
      assertThat(
              reviews
                  .start(ReviewWorld.spec().scope(ReviewScope.tiers(RiskTier.PRIVILEGED)).build())
                  .items())
          .isZero();
    }

    @Test
    @DisplayName("are never assigned to their own subject")
    void neverTheSubject() {
      w.access.grant(request("github/read").subject("olivia").build());
      ReviewCampaign c = reviews.start(ReviewWorld.spec().reviewers(Reviewer.appOwner()).build());
      assertThat(w.itemOf(c.id(), "olivia").reviewer()).as("the campaign owner").isEqualTo(GRACE);
    }

    @Test
    @DisplayName("give a role of several groups one item per grant")
    void multiGroupRole() {
      w.access.approve(w.access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
      ReviewCampaign c =
          reviews.start(ReviewWorld.spec().scope(ReviewScope.roles("github/admin")).build());
      assertThat(reviews.items(c.id()))
          .singleElement()
          .satisfies(i -> assertThat(i.group().groupId()).isEqualTo("gh-admin"));
    }
  }

  @Nested
  @DisplayName("decisions")
  class Decisions {
    @Test
    @DisplayName("KEEP lands REVIEW_KEPT on the record and moves the next review one cadence on")
    void keep() {
      ReviewItem bob = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "bob");
      w.f.clock.advance(Duration.ofDays(1));
      ReviewItem decided = reviews.decide(bob.id(), CAROL, Verdict.KEEP, "still on the team");
      AccessRecord r = w.access.record(w.bobRead.id());
      EvidenceEvent kept = r.lastEvent(REVIEW_KEPT).orElseThrow();
      assertThat(decided.decision().evidenceHash()).isEqualTo(kept.hash());
      assertThat(kept.actor()).isEqualTo("person:carol");
      assertThat(kept.detailText(EvidenceKeys.ITEM)).isEqualTo(bob.id());
      assertThat(kept.detailText(EvidenceKeys.REASON)).isEqualTo("still on the team");
      assertThat(r.reviewDueAt()).isEqualTo(w.f.clock.instant().plus(Duration.ofDays(180)));
      assertThat(r).hasState(RecordState.ACTIVE).answersTheWalkthrough();
      assertThat(w.f.idp.isMember("gh-read", "bob")).isTrue();
    }

    @Test
    @DisplayName("REVOKE removes the membership through the provider at once")
    void revoke() {
      ReviewItem erin = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "erin");
      reviews.decide(erin.id(), OLIVIA, Verdict.REVOKE, "unused for months");
      assertThat(w.f.idp.isMember("fin-ledger", "erin")).isFalse();
      AccessRecord r = w.access.record(w.erinLedger.id());
      assertThat(r)
          .hasState(RecordState.REVOKED)
          .hasEvidence(REVIEW_REVOKED, DEPROVISIONED)
          .answersTheWalkthrough();
      assertThat(r.walkthrough().removed().text()).contains("REVIEW_REVOKED by person:olivia");
    }

    @Test
    @DisplayName("REVOKE of unexplained access opens a record for it that answers the walkthrough")
    void revokeUnexplained() {
      ReviewItem frank = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "frank");
      ReviewItem decided = reviews.decide(frank.id(), OLIVIA, Verdict.REVOKE, "not ours");
      assertThat(w.f.idp.isMember("gh-read", "frank")).isFalse();
      AccessRecord opened = w.access.record(decided.decision().recordId());
      assertThat(opened)
          .hasState(RecordState.REVOKED)
          .hasTimeline(DRIFT_DETECTED, REVIEW_REVOKED, DEPROVISIONED)
          .answersTheWalkthrough();
      assertThat(opened.subject()).isEqualTo(PersonId.of("frank"));
    }

    @Test
    @DisplayName("KEEP of unexplained access records it on a record opened for it")
    void keepUnexplained() {
      ReviewItem frank = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "frank");
      ReviewItem decided = reviews.decide(frank.id(), OLIVIA, Verdict.KEEP, "contractor, fine");
      assertThat(w.access.record(decided.decision().recordId()))
          .hasState(RecordState.ACTIVE)
          .hasTimeline(DRIFT_DETECTED, REVIEW_KEPT)
          .answersTheWalkthrough();
      assertThat(w.access.reconcile().changes()).as("reconcile finds it explained").isEmpty();
    }

    @Test
    @DisplayName("a delegate decides, and the evidence names who it was assigned to")
    void delegation() {
      ReviewItem bob = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "bob");
      assertThat(reviews.delegate(bob.id(), CAROL, DAVE, "on leave").reviewer()).isEqualTo(DAVE);
      assertThatThrownBy(() -> reviews.decide(bob.id(), CAROL, Verdict.KEEP, "mine"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("dave");
      reviews.decide(bob.id(), DAVE, Verdict.KEEP, "ok");
      assertThat(
              w.access
                  .record(w.bobRead.id())
                  .lastEvent(REVIEW_KEPT)
                  .orElseThrow()
                  .detailText(EvidenceKeys.ASSIGNED_TO))
          .isEqualTo("carol");
    }

    @Test
    @DisplayName("the campaign owner reassigns; nobody else may")
    void reassignment() {
      ReviewItem bob = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "bob");
      assertThat(reviews.reassign(bob.id(), GRACE, ERIN, "carol left").reviewer()).isEqualTo(ERIN);
      assertThatThrownBy(() -> reviews.reassign(bob.id(), CAROL, DAVE, "mine"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("grace");
    }
  }

  @Nested
  @DisplayName("bad input is refused, typed, and changes nothing")
  class BadInput {
    private void refused(
        Class<? extends AccessException> type, String mentions, ThrowingCallable call) {
      Fixture.Snapshot before = w.f.snapshot();
      assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(mentions);
      assertThat(w.f.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("deciding someone else's item, one's own, twice, blank, or unknown")
    void decisions() {
      ReviewCampaign c = reviews.start(ReviewWorld.spec().build());
      ReviewItem bob = w.itemOf(c.id(), "bob");
      refused(
          PolicyViolationException.class,
          "carol",
          () -> reviews.decide(bob.id(), OLIVIA, Verdict.KEEP, "ok"));
      refused(
          PolicyViolationException.class,
          "carol",
          () -> reviews.decide(bob.id(), BOB, Verdict.KEEP, "mine"));
      refused(
          InvalidRequestException.class,
          "comment",
          () -> reviews.decide(bob.id(), CAROL, Verdict.KEEP, " "));
      refused(
          NotFoundException.class,
          "rc-nope/1",
          () -> reviews.decide(ItemId.of("rc-nope/1"), CAROL, Verdict.KEEP, "ok"));
      refused(
          NotFoundException.class,
          "/99",
          () -> reviews.decide(c.id().item(99), CAROL, Verdict.KEEP, "ok"));
      reviews.decide(bob.id(), CAROL, Verdict.KEEP, "ok");
      refused(
          StateConflictException.class,
          "already decided",
          () -> reviews.decide(bob.id(), CAROL, Verdict.REVOKE, "no"));
      assertThat(reviews.item(bob.id()).decision().verdict()).isEqualTo(Verdict.KEEP);
    }

    @Test
    @DisplayName("delegating to the subject or to a stranger")
    void handovers() {
      ReviewItem bob = w.itemOf(reviews.start(ReviewWorld.spec().build()).id(), "bob");
      refused(
          PolicyViolationException.class,
          "own access",
          () -> reviews.delegate(bob.id(), CAROL, BOB, "x"));
      refused(
          NotFoundException.class,
          "zoe",
          () -> reviews.delegate(bob.id(), CAROL, PersonId.of("zoe"), "x"));
      assertThat(reviews.item(bob.id()).reviewer()).isEqualTo(CAROL);
    }

    @Test
    @DisplayName("a spec with a non-positive duration or a reminder outside it")
    void specs() {
      assertThatThrownBy(() -> ReviewWorld.spec().duration(Duration.ZERO).build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("PT0S");
      assertThatThrownBy(() -> ReviewWorld.spec().reminders(Duration.ofDays(30)).build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("PT720H");
    }
  }
}
