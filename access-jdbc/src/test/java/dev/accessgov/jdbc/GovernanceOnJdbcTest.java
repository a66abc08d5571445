package dev.accessgov.jdbc;

import static dev.accessgov.testkit.AccessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.reclaim.ReclaimCandidate;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.reclaim.ReclaimResult;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.reconcile.DriftFinding;
import dev.accessgov.reconcile.DriftKind;
import dev.accessgov.reconcile.Reconciliation;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.time.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation, a review campaign and an inactivity reclaim on the embedded H2 store: what they
 * decide lands in the durable records and chain, and survives reopening the store.
 */
@DisplayName("reviews, reclaim and reconciliation on the embedded store")
class GovernanceOnJdbcTest {
  @TempDir Path dir;
  private final TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
  private final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP);
  private JdbcAccessStore store;
  private AccessService access;

  @BeforeEach
  void open() {
    for (int i = 0; i < 3; i++) {
      idp.user("user-" + i);
    }
    store = AccessStores.embedded(dir);
    access = Fixtures.service(store, idp, 3, clock);
    access.grant(Fixtures.grant(0, Duration.ofHours(20)));
    access.grant(Fixtures.grant(1, Duration.ofHours(20)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private AccessRecord reopenAndFind(String subject) {
    store.close();
    store = AccessStores.embedded(dir);
    access = Fixtures.service(store, idp, 3, clock);
    return access.find(RecordQuery.all().subject(subject)).get(0);
  }

  @Test
  @DisplayName(
      "reconcile re-adds a removed member, flags an unexplained one, and changes nothing the second time")
  void reconcile() {
    idp.removeMember(Fixtures.GROUP, "user-1"); // removed in the console
    idp.addMember(Fixtures.GROUP, "user-2"); // added in the console
    Reconciliation first = access.reconcile();
    assertThat(first.findings())
        .extracting(DriftFinding::kind, DriftFinding::action)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(DriftKind.MISSING, DriftAction.REPROVISION),
            org.assertj.core.groups.Tuple.tuple(DriftKind.UNEXPLAINED, DriftAction.FLAG));
    assertThat(idp.isMember(Fixtures.GROUP, "user-1")).isTrue();
    long events = store.evidenceSize();
    access.reconcile();
    assertThat(store.evidence(events + 1, 10))
        .as("a second run writes nothing but its own run event")
        .extracting(EvidenceEvent::type)
        .containsExactly(EvidenceType.RECONCILED);

    AccessRecord found = reopenAndFind("user-2");
    assertThat(found).hasEvidence(EvidenceType.DRIFT_DETECTED).answersTheWalkthrough();
    assertThat(access.evidence().read(1, (int) store.evidenceSize())).hasSize((int) events + 1);
  }

  @Test
  @DisplayName(
      "a campaign's revoke removes unexplained access through the IdP and the record survives a restart")
  void campaignRevokes() {
    idp.addMember(Fixtures.GROUP, "user-2");
    ReviewCampaign campaign = access.reviews().start(CampaignSpec.builder("Q1", "olivia").build());
    List<ReviewItem> items = access.reviews().items(campaign.id());
    assertThat(items).hasSize(3);
    ReviewItem unexplained =
        items.stream().filter(ReviewItem::unexplained).findFirst().orElseThrow();
    assertThat(unexplained.recommendation().verdict()).isEqualTo(Verdict.REVOKE);
    access
        .reviews()
        .decide(unexplained.id(), unexplained.reviewer(), Verdict.REVOKE, "nobody asked for this");
    assertThat(idp.isMember(Fixtures.GROUP, "user-2")).isFalse();

    AccessRecord revoked = reopenAndFind("user-2");
    assertThat(revoked)
        .hasState(RecordState.REVOKED)
        .hasEvidence(EvidenceType.REVIEW_REVOKED)
        .answersTheWalkthrough();
  }

  @Test
  @DisplayName(
      "a reclaim lists in a dry run, gives notice, then removes after the grace period with RECLAIMED evidence")
  void reclaim() {
    idp.lastLogin("user-0", LastLogin.at(clock.instant().minus(Duration.ofDays(200))));
    // Grants of this role last a day at most, so the policy counts inactivity in hours.
    ReclaimPolicy policy =
        ReclaimPolicy.builder("inactive-10h")
            .threshold(RiskTier.STANDARD, Duration.ofHours(10))
            .grace(Duration.ofHours(2))
            .build();
    clock.advance(Duration.ofHours(11));
    idp.lastLogin("user-1", LastLogin.at(clock.instant().minus(Duration.ofHours(1))));
    long before = store.evidenceSize();
    ReclaimResult dry = access.previewReclaim(policy);
    assertThat(store.evidenceSize()).as("a dry run writes nothing").isEqualTo(before);
    assertThat(dry.candidates())
        .filteredOn(c -> c.status() == ReclaimCandidate.Status.WOULD_REMOVE)
        .extracting(ReclaimCandidate::subject)
        .containsExactly(PersonId.of("user-0"));

    assertThat(access.reclaim(policy).candidates())
        .filteredOn(c -> c.subject().equals(PersonId.of("user-0")))
        .extracting(ReclaimCandidate::status)
        .containsExactly(ReclaimCandidate.Status.NOTICE);
    assertThat(idp.isMember(Fixtures.GROUP, "user-0"))
        .as("still there during the grace period")
        .isTrue();

    clock.advance(Duration.ofHours(3));
    access.reclaim(policy);
    assertThat(idp.isMember(Fixtures.GROUP, "user-0")).isFalse();
    assertThat(idp.isMember(Fixtures.GROUP, "user-1")).isTrue();
    AccessRecord reclaimed = reopenAndFind("user-0");
    assertThat(reclaimed)
        .hasState(RecordState.REVOKED)
        .hasEvidence(EvidenceType.RECLAIMED)
        .answersTheWalkthrough();
    assertThat(reclaimed.lastEvent(EvidenceType.RECLAIMED).orElseThrow().detailText("policy"))
        .isEqualTo("inactive-10h");
  }
}
