package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.DRIFT_DETECTED;
import static dev.accessgov.evidence.EvidenceType.REVIEW_KEPT;
import static dev.accessgov.evidence.EvidenceType.REVIEW_REVOKED;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.policy.VerifiedDomains;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.reconcile.DriftFinding;
import dev.accessgov.reconcile.DriftKind;
import dev.accessgov.reconcile.Reconciliation;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Reviews;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The organisation's domain is acme.com. bob's IdP login is a plain user name and the directory
 * knows him as bob@acme.com (managed); carl@contractor.io was granted github/read through the
 * library (unmanaged: a contractor's own mailbox); mallory@gmail.com was added to gh-read by hand
 * (unmanaged and unexplained).
 */
@DisplayName("unmanaged accounts")
class UnmanagedAccountsTest {
  static final String CARL = "carl@contractor.io";
  static final String MALLORY = "mallory@gmail.com";

  final Fixture f = new Fixture();
  final AccessService access;
  final Reviews reviews;
  final AccessRecord bobRead;
  final AccessRecord carlRead;

  UnmanagedAccountsTest() {
    f.people.alias("bob", "bob@acme.com");
    f.people.add(CARL, "carol");
    f.idp.user(CARL).user(MALLORY);
    access = f.builder().verifiedDomains(VerifiedDomains.of("acme.com")).build();
    reviews = access.reviews();
    bobRead = access.grant(request("github/read").build());
    carlRead = access.grant(request("github/read").subject(CARL).build());
    f.idp.addMember("gh-read", MALLORY);
  }

  static CampaignSpec.Builder spec() {
    return CampaignSpec.builder("Q1 review", "grace").duration(Duration.ofDays(1)).reminders();
  }

  ReviewItem itemOf(CampaignId campaignId, String subject) {
    return reviews.items(campaignId).stream()
        .filter(i -> i.subject().equals(PersonId.of(subject)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("the service tells reports which domains it marks against")
  void reachable() {
    assertThat(access.verifiedDomains()).isEqualTo(VerifiedDomains.of("acme.com"));
    assertThat(f.service().verifiedDomains().isEmpty()).isTrue();
  }

  @Nested
  @DisplayName("review items")
  class Items {
    @Test
    @DisplayName("mark accounts outside the verified domains, judged by login or directory")
    void marked() {
      ReviewCampaign c = reviews.start(spec().build());
      assertThat(itemOf(c.id(), "bob").unmanaged()).as("bob@acme.com in the directory").isFalse();
      assertThat(itemOf(c.id(), CARL).unmanaged()).isTrue();
      assertThat(itemOf(c.id(), MALLORY).unmanaged()).isTrue();
      assertThat(itemOf(c.id(), MALLORY).unexplained()).isTrue();
      assertThat(itemOf(c.id(), CARL).toString()).contains("UNMANAGED");
    }

    @Test
    @DisplayName("emergency review items are marked too, and keep the template's policy")
    void emergency() {
      f.idp.user("erin");
      access.grant(request("aws/breakglass").subject(CARL).build());
      access.grant(request("aws/breakglass").build());
      ReviewCampaign c =
          reviews
              .startEmergencyReview(spec().explicitDecisionOnUnmanaged(true).build())
              .orElseThrow();
      assertThat(c.spec().explicitDecisionOnUnmanaged()).isTrue();
      assertThat(itemOf(c.id(), CARL).unmanaged()).isTrue();
      assertThat(itemOf(c.id(), "bob").unmanaged()).isFalse();
    }

    @Test
    @DisplayName("with no domains configured, nothing is marked")
    void noDomains() {
      Reviews plain = f.builder().build().reviews();
      ReviewCampaign c = plain.start(spec().build());
      assertThat(plain.items(c.id())).isNotEmpty().noneMatch(ReviewItem::unmanaged);
    }

    @Test
    @DisplayName("a decision on an unmanaged item says so in its evidence and the walkthrough")
    void evidence() {
      ReviewCampaign c = reviews.start(spec().build());
      reviews.decide(
          itemOf(c.id(), CARL).id(), CAROL, Verdict.KEEP, "contract ACME-77 runs to June");
      reviews.decide(itemOf(c.id(), "bob").id(), CAROL, Verdict.KEEP, "needed");
      AccessRecord carl = access.record(carlRead.id());
      assertThat(carl.lastEvent(REVIEW_KEPT).orElseThrow().detail(EvidenceKeys.UNMANAGED))
          .isEqualTo(true);
      assertThat(carl.walkthrough().ends().text())
          .contains("kept as an unmanaged account")
          .contains("contract ACME-77");
      assertThat(carl).answersTheWalkthrough();
      AccessRecord bob = access.record(bobRead.id());
      assertThat(bob.lastEvent(REVIEW_KEPT).orElseThrow().detail(EvidenceKeys.UNMANAGED)).isNull();

      reviews.decide(itemOf(c.id(), MALLORY).id(), OLIVIA, Verdict.REVOKE, "not ours");
      AccessRecord mallory = access.record(itemOf(c.id(), MALLORY).decision().recordId());
      assertThat(mallory.lastEvent(REVIEW_REVOKED).orElseThrow().detail(EvidenceKeys.UNMANAGED))
          .isEqualTo(true);
      assertThat(mallory).hasState(RecordState.REVOKED).answersTheWalkthrough();
      assertThat(mallory.walkthrough().removed().text()).contains("unmanaged account");
    }
  }

  @Nested
  @DisplayName("a campaign requiring an explicit decision on unmanaged items")
  class Explicit {
    @Test
    @DisplayName("refuses to keep one on a short comment, and changes nothing")
    void keepNeedsComment() {
      ReviewCampaign c = reviews.start(spec().explicitDecisionOnUnmanaged(true).build());
      ReviewItem carl = itemOf(c.id(), CARL);
      long events = f.store.evidenceSize();
      assertThatThrownBy(() -> reviews.decide(carl.id(), CAROL, Verdict.KEEP, "ok"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("unmanaged")
          .hasMessageContaining("at least " + CampaignSpec.UNMANAGED_KEEP_MIN_COMMENT);
      assertThat(f.store.evidenceSize()).isEqualTo(events);
      assertThat(reviews.item(carl.id()).isDecided()).isFalse();

      assertThat(reviews.decide(carl.id(), CAROL, Verdict.KEEP, "contract ACME-77 to June"))
          .satisfies(i -> assertThat(i.decision().verdict()).isEqualTo(Verdict.KEEP));
      // A managed item and a revocation need no more than any decision.
      reviews.decide(itemOf(c.id(), "bob").id(), CAROL, Verdict.KEEP, "ok");
      reviews.decide(itemOf(c.id(), MALLORY).id(), OLIVIA, Verdict.REVOKE, "no");
    }

    @Test
    @DisplayName("never keeps one by default at the deadline: escalates, then revokes")
    void deadline() {
      ReviewCampaign c = reviews.start(spec().explicitDecisionOnUnmanaged(true).build());
      assertThat(c.spec().onDeadline(itemOf(c.id(), CARL))).isEqualTo(DeadlineAction.ESCALATE);
      assertThat(c.spec().onDeadline(itemOf(c.id(), "bob")))
          .isEqualTo(DeadlineAction.KEEP_WITH_EXCEPTION);
      f.clock.advance(Duration.ofDays(1));

      CloseResult first = reviews.close(c.id());
      assertThat(first).isInstanceOf(CloseResult.Escalated.class);
      assertThat(((CloseResult.Escalated) first).escalated())
          .extracting(i -> i.subject().value())
          .containsExactlyInAnyOrder(CARL, MALLORY);
      assertThat(itemOf(c.id(), "bob").decision().exception())
          .as("a managed STANDARD item is kept with an exception as before")
          .isTrue();
      assertThat(access.record(carlRead.id())).hasState(RecordState.ACTIVE);

      f.clock.advance(Duration.ofDays(7));
      assertThat(reviews.close(c.id())).isInstanceOf(CloseResult.Closed.class);
      ReviewItem carl = itemOf(c.id(), CARL);
      assertThat(carl.decision().verdict()).isEqualTo(Verdict.REVOKE);
      assertThat(carl.decision().comment()).contains("need an explicit decision");
      assertThat(access.record(carlRead.id())).hasState(RecordState.REVOKED);
      assertThat(f.idp.isMember("gh-read", CARL)).isFalse();
      assertThat(f.idp.isMember("gh-read", MALLORY)).isFalse();
    }

    @Test
    @DisplayName("without the option, an unmanaged STANDARD item is kept with an exception")
    void withoutOption() {
      ReviewCampaign c = reviews.start(spec().build());
      f.clock.advance(Duration.ofDays(1));
      assertThat(reviews.close(c.id())).isInstanceOf(CloseResult.Closed.class);
      assertThat(itemOf(c.id(), CARL).decision().exception()).isTrue();
    }

    @Test
    @DisplayName("is what the spec's builder sets; the old-shape constructor leaves it off")
    void specShape() {
      CampaignSpec on = spec().explicitDecisionOnUnmanaged(true).build();
      assertThat(on.explicitDecisionOnUnmanaged()).isTrue();
      CampaignSpec old =
          new CampaignSpec(
              on.name(),
              on.owner(),
              on.scope(),
              on.reviewers(),
              on.start(),
              on.duration(),
              on.reminders(),
              on.onDeadline(),
              on.escalateTo(),
              on.escalationWindow(),
              on.inactivity(),
              on.cadence(),
              on.dueOnly());
      assertThat(old.explicitDecisionOnUnmanaged()).isFalse();
      assertThat(spec().build().explicitDecisionOnUnmanaged()).isFalse();
    }
  }

  @Nested
  @DisplayName("reconcile")
  class Reconcile {
    @Test
    @DisplayName("marks members outside the verified domains, in the finding and its evidence")
    void marks() {
      Reconciliation first = access.reconcile();
      DriftFinding mallory = first.findings(DriftKind.UNEXPLAINED).get(0);
      assertThat(mallory.subject()).isEqualTo(PersonId.of(MALLORY));
      assertThat(mallory.unmanaged()).isTrue();
      assertThat(mallory.toString()).contains("UNMANAGED");
      assertThat(
              access
                  .record(mallory.recordId())
                  .lastEvent(DRIFT_DETECTED)
                  .orElseThrow()
                  .detail(EvidenceKeys.UNMANAGED))
          .isEqualTo(true);

      Reconciliation again = access.reconcile();
      assertThat(again.findings(DriftKind.UNEXPLAINED))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.action()).isEqualTo(DriftAction.ALREADY_FLAGGED);
                assertThat(d.unmanaged()).isTrue();
              });
    }

    @Test
    @DisplayName("marks a missing membership of an unmanaged subject; managed ones stay unmarked")
    void missing() {
      f.idp.removeMember("gh-read", CARL);
      f.idp.removeMember("gh-read", "bob");
      Reconciliation r = access.reconcile();
      assertThat(r.findings(DriftKind.MISSING))
          .hasSize(2)
          .allSatisfy(
              d ->
                  assertThat(d.unmanaged())
                      .as(d.toString())
                      .isEqualTo(d.subject().value().equals(CARL)));
      AccessRecord carl = access.record(carlRead.id());
      assertThat(carl.lastEvent(DRIFT_DETECTED).orElseThrow().detail(EvidenceKeys.UNMANAGED))
          .isEqualTo(true);
    }

    @Test
    @DisplayName("with no domains configured, marks nothing")
    void noDomains() {
      Reconciliation r = f.builder().build().reconcile();
      assertThat(r.findings()).isNotEmpty().noneMatch(DriftFinding::unmanaged);
    }
  }
}
