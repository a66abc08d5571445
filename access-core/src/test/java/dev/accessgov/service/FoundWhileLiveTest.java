package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.reconcile.DriftFinding;
import dev.accessgov.reconcile.ReconcilePolicy;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Reviewer;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A membership found without a record while the person has a live record of the role (a request
 * pending, or granted since the membership was found). The store admits one live record per person
 * and role, so no second record is opened: reconcile flags the finding on the live record, and a
 * review verdict applies to it. Found by the model test: closing a campaign threw and had already
 * applied part of its deadline actions.
 */
@DisplayName("a membership found while a live record of the role exists")
class FoundWhileLiveTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  /** Starts a campaign reviewed by application owners and returns its item for bob's group. */
  private ReviewItem itemInNewCampaign(String groupId) {
    ReviewCampaign campaign =
        access
            .reviews()
            .start(CampaignSpec.builder("Q1", "grace").reviewers(Reviewer.appOwner()).build());
    return access.reviews().items(campaign.id()).stream()
        .filter(i -> i.group().groupId().equals(groupId))
        .findFirst()
        .orElseThrow();
  }

  private List<AccessRecord> bobsAdminRecords() {
    return access.find(RecordQuery.all().subject("bob").role("github/admin"));
  }

  @Test
  @DisplayName("reconcile flags it on the pending request instead of opening a second record")
  void reconcileFlagsOnTheLiveRecord() {
    f.idp.addMember("gh-admin", "bob");
    AccessRecord pending = access.grant(privileged(Duration.ofHours(2)));

    List<DriftFinding> findings =
        access
            .reconcile(
                ReconcilePolicy.defaults().onUnexplained(ReconcilePolicy.OnUnexplained.REMOVE))
            .findings()
            .stream()
            .filter(x -> x.group().groupId().equals("gh-admin"))
            .toList();

    assertThat(findings)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.action()).isEqualTo(DriftAction.FLAG);
              assertThat(x.recordId()).isEqualTo(pending.id());
              assertThat(x.evidenceHash()).isNotNull();
            });
    assertThat(bobsAdminRecords())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.state()).isEqualTo(RecordState.PENDING_APPROVAL);
              assertThat(r.events(EvidenceType.DRIFT_DETECTED)).hasSize(1);
            });
  }

  @Test
  @DisplayName("a review verdict on it applies to the record granted since the campaign began")
  void verdictAppliesToTheGrant() {
    f.idp.addMember("gh-admin", "bob");
    ReviewItem item = itemInNewCampaign("gh-admin");
    assertThat(item.unexplained()).isTrue();
    AccessRecord granted =
        access.approve(access.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "ok");

    access.reviews().decide(item.id(), OLIVIA, Verdict.REVOKE, "not needed any more");

    assertThat(bobsAdminRecords())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(granted.id());
              assertThat(r.state()).isEqualTo(RecordState.REVOKED);
            });
    assertThat(f.idp.isMember("gh-admin", "bob")).isFalse();
  }

  @Test
  @DisplayName("a review verdict on it, with a request for the role pending, is recorded on it")
  void verdictWithPendingRequest() {
    f.idp.addMember("gh-admin", "bob");
    ReviewItem item = itemInNewCampaign("gh-admin");
    AccessRecord pending = access.grant(privileged(Duration.ofHours(2)));

    ReviewItem decided =
        access.reviews().decide(item.id(), OLIVIA, Verdict.REVOKE, "not needed any more");

    assertThat(decided.isDecided()).isTrue();
    assertThat(bobsAdminRecords())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(pending.id());
              assertThat(r.state()).isEqualTo(RecordState.PENDING_APPROVAL);
            });
  }

  @Test
  @DisplayName("a verdict on a membership removed since the campaign began opens no active record")
  void goneByTheVerdict() {
    AccessRecord glass = access.grant(request("aws/breakglass").build());
    f.clock.advance(Duration.ofHours(2)); // past its end, not yet swept: no record explains it
    ReviewItem item = itemInNewCampaign("aws-breakglass");
    assertThat(item.recordId()).isNull();
    access.expireDue();
    assertThat(f.idp.isMember("aws-breakglass", "bob")).isFalse();

    ReviewItem decided = access.reviews().decide(item.id(), OLIVIA, Verdict.KEEP, "fine");

    assertThat(decided.decision().recordId()).isEqualTo(glass.id());
    assertThat(access.find(RecordQuery.all().subject("bob").role("aws/breakglass")))
        .singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(RecordState.EXPIRED));
    assertThat(f.idp.isMember("aws-breakglass", "bob")).isFalse();
  }
}
