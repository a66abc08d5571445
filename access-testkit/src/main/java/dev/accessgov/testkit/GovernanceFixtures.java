package dev.accessgov.testkit;

import static dev.accessgov.evidence.EvidenceKeys.CAMPAIGN;
import static dev.accessgov.evidence.EvidenceKeys.ITEM;
import static dev.accessgov.evidence.EvidenceKeys.REASON;

import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.Recommendation;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.review.Reviewer;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.LastLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Campaigns, items, records and decision drafts for {@link GovernanceStoreContract}. Times carry
 * nanoseconds and items vary every optional field, so a store that rounds or drops anything fails
 * the equality checks.
 */
final class GovernanceFixtures {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456789Z");
  static final Instant DEADLINE = T0.plus(Duration.ofDays(14));

  private GovernanceFixtures() {}

  /** A spec that sets every field away from its default. */
  static CampaignSpec fullSpec() {
    return CampaignSpec.builder("Q2 finance review", "olivia")
        .scope(
            new ReviewScope(
                Set.of("payments", "ledger"),
                Set.of(RoleId.of("payments/admin")),
                Set.of(RiskTier.PRIVILEGED, RiskTier.SENSITIVE)))
        .reviewers(Reviewer.named("carol", "dave"), Reviewer.manager(), Reviewer.appOwner())
        .start(T0.plusSeconds(3600))
        .duration(Duration.ofDays(10).plusHours(3).plusNanos(7))
        .reminders(Duration.ofHours(12), Duration.ofDays(3))
        .onDeadline(RiskTier.STANDARD, DeadlineAction.REVOKE)
        .onDeadline(RiskTier.SENSITIVE, DeadlineAction.KEEP_WITH_EXCEPTION)
        .escalateTo(Reviewer.named("grace"), Reviewer.manager())
        .escalationWindow(Duration.ofDays(2))
        .inactivity(RiskTier.STANDARD, Duration.ofDays(45))
        .cadence(RiskTier.PRIVILEGED, Duration.ofDays(7))
        .dueOnly(true)
        .lifecycleEvent(
            dev.accessgov.lifecycle.LifecycleEvent.transfer(
                dev.accessgov.lifecycle.LifecycleEventId.of("transfer:bob:3")))
        .explicitDecisionOnUnmanaged(true)
        .build();
  }

  /** A campaign to create: the status and counts given are ones the store must ignore. */
  static ReviewCampaign campaign(CampaignId id, CampaignSpec spec) {
    return new ReviewCampaign(id, spec, CampaignStatus.OPEN, T0, DEADLINE, 7, 3, T0);
  }

  /**
   * {@link #campaign} as the store holds it once created, with {@code items} and {@code decided}.
   */
  static ReviewCampaign stored(ReviewCampaign c, CampaignStatus status, int items, int decided) {
    return new ReviewCampaign(
        c.id(), c.spec(), status, c.startedAt(), c.deadline(), items, decided, null);
  }

  /** Item {@code n} of the campaign, undecided; the optional fields vary with {@code n}. */
  static ReviewItem item(CampaignId c, int n) {
    boolean unexplained = n % 4 == 0;
    LastLogin lastLogin =
        switch (n % 3) {
          case 0 -> LastLogin.never();
          case 1 -> LastLogin.at(T0.minus(Duration.ofDays(n)).plusNanos(n));
          default -> LastLogin.unknown();
        };
    PersonId reviewer = reviewer(n);
    return new ReviewItem(
        c.item(n),
        PersonId.of("p" + n),
        "app-" + (n % 2),
        RoleId.of("app/user-" + (n % 5)),
        RiskTier.values()[n % RiskTier.values().length],
        GroupRef.of("okta", "g-" + (n % 5)),
        "00u" + n,
        n % 2 == 0 ? "Finance" : null,
        n % 3 == 0 ? "Analyst" : null,
        lastLogin,
        unexplained ? null : RecordId.of("ar-granted-" + n),
        unexplained,
        new Recommendation(
            unexplained ? Verdict.REVOKE : Verdict.KEEP, unexplained ? "unexplained" : "active"),
        reviewer,
        reviewer,
        false,
        null,
        n % 5 == 0);
  }

  /** Who holds item {@code n} at first. */
  static PersonId reviewer(int n) {
    return PersonId.of("rev-" + (n % 3));
  }

  /** Items {@code from} to {@code to}, inclusive. */
  static List<ReviewItem> items(CampaignId c, int from, int to) {
    List<ReviewItem> items = new ArrayList<>(to - from + 1);
    for (int n = from; n <= to; n++) {
      items.add(item(c, n));
    }
    return items;
  }

  /** A decided copy of {@code item}, which no store may accept from addItems. */
  static ReviewItem decided(ReviewItem item) {
    return item.withDecision(
        new ReviewDecision(
            Verdict.KEEP,
            "person:rev-1",
            "",
            T0,
            RecordId.of("ar-elsewhere"),
            "ab".repeat(32),
            1,
            false,
            false));
  }

  /** A new record of {@code subject}, pending approval, to carry decisions. */
  static AccessRecord record(String subject) {
    return AccessRecord.builder()
        .id(RecordId.random())
        .subject(PersonId.of(subject))
        .roleId(RoleId.of("app/user"))
        .requester(PersonId.of("alice"))
        .reason("carries a review decision")
        .requestedAt(T0)
        .build();
  }

  /** The record's first event. */
  static EvidenceDraft requested(AccessRecord r) {
    return EvidenceDraft.of(
        r.id().value(), EvidenceType.REQUESTED, "person:alice", T0, Map.of(REASON, "contract"));
  }

  /**
   * A {@code REVIEW_KEPT} or {@code REVIEW_REVOKED} draft on {@code r} that decides {@code item}.
   */
  static EvidenceDraft decision(
      AccessRecord r, ItemId item, Verdict verdict, Map<String, @Nullable Object> extra) {
    Map<String, @Nullable Object> details = new TreeMap<>(extra);
    details.put(CAMPAIGN, item.campaign().value());
    details.put(ITEM, item.value());
    details.putIfAbsent(REASON, "checked by the contract");
    return EvidenceDraft.of(
        r.id().value(),
        verdict == Verdict.KEEP ? EvidenceType.REVIEW_KEPT : EvidenceType.REVIEW_REVOKED,
        "person:" + reviewer(item.number()).value(),
        T0.plusSeconds(60),
        details);
  }

  /** {@link #decision} with no extra details. */
  static EvidenceDraft decision(AccessRecord r, ItemId item, Verdict verdict) {
    return decision(r, item, verdict, Map.of());
  }
}
