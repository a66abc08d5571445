package dev.accessgov.internal;

import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.Recommendation;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds after-the-fact review items for emergency grants: from the records, not live membership,
 * because break-glass access has usually ended before anyone reviews it. A grant is left out while
 * an undecided item of an open campaign in the store covers it, and for good once a decision lands
 * on its record. Not API.
 */
final class EmergencyItems {
  private static final Recommendation CONFIRM =
      new Recommendation(
          Verdict.KEEP, "emergency access: confirm it was justified (after-the-fact review)");
  private static final Duration MINIMUM = Duration.ofMinutes(1);

  private final Catalog catalog;
  private final AccessStore store;
  private final PeopleDirectory people;
  private final LiveMembership live;
  private final ReviewerRules reviewers;
  private final Unmanaged unmanaged;

  record Built(CampaignSpec spec, List<ReviewItem> items) {}

  EmergencyItems(
      Catalog catalog,
      AccessStore store,
      PeopleDirectory people,
      LiveMembership live,
      ReviewerRules reviewers,
      Unmanaged unmanaged) {
    this.unmanaged = unmanaged;
    this.catalog = catalog;
    this.store = store;
    this.people = people;
    this.live = live;
    this.reviewers = reviewers;
  }

  Built build(CampaignSpec template, CampaignId campaignId, Instant now, GovernanceStore gov) {
    Set<RecordId> taken = underReview(gov);
    List<AccessRecord> due = new ArrayList<>();
    List<Instant> activations = new ArrayList<>();
    for (Role role : catalog.roles()) {
      if (role.tier() != RiskTier.EMERGENCY) {
        continue;
      }
      for (AccessRecord r :
          store.query(
              RecordQuery.all()
                  .role(role.id().value())
                  .states(
                      RecordState.ACTIVE,
                      RecordState.DEPROVISIONING,
                      RecordState.REVOKED,
                      RecordState.EXPIRED))) {
        boolean reviewed =
            !r.events(EvidenceType.REVIEW_KEPT).isEmpty()
                || !r.events(EvidenceType.REVIEW_REVOKED).isEmpty();
        Instant activated = r.activatedAt();
        if (activated != null && !reviewed && !taken.contains(r.id())) {
          due.add(r);
          activations.add(activated);
        }
      }
    }
    Duration within = template.cadence(RiskTier.EMERGENCY);
    Instant deadline =
        activations.stream().map(at -> at.plus(within)).min(Instant::compareTo).orElse(now);
    Duration duration = Duration.between(now, deadline);
    if (duration.compareTo(MINIMUM) < 0) {
      duration = MINIMUM;
    }
    Duration d = duration;
    CampaignSpec spec =
        new CampaignSpec(
            template.name(),
            template.owner(),
            ReviewScope.tiers(RiskTier.EMERGENCY),
            template.reviewers(),
            now,
            d,
            template.reminders().stream().filter(x -> x.compareTo(d) < 0).toList(),
            template.onDeadline(),
            template.escalateTo(),
            template.escalationWindow(),
            template.inactivity(),
            template.cadence(),
            false,
            null,
            template.explicitDecisionOnUnmanaged());
    List<ReviewItem> items = new ArrayList<>();
    for (AccessRecord r : due) {
      Role role = catalog.requireRole(r.roleId());
      GroupRef group = role.groups().get(0);
      String user = Provisioning.held(r).getOrDefault(group, r.subject().value());
      Optional<Person> person = people.find(r.subject());
      var reviewer = reviewers.resolve(spec.reviewers(), r.subject(), role, spec.owner(), null);
      items.add(
          new ReviewItem(
              campaignId.item(items.size() + 1),
              r.subject(),
              role.applicationId(),
              role.id(),
              role.tier(),
              group,
              user,
              person.map(Person::department).orElse(null),
              person.map(Person::title).orElse(null),
              live.provider(group).lastLogin(user),
              r.id(),
              false,
              CONFIRM,
              reviewer,
              reviewer,
              false,
              null,
              // The grant's subject, as it was requested: the login or the person behind it.
              unmanaged.is(r.subject().value())));
    }
    return new Built(spec, items);
  }

  /** The records undecided items of open campaigns cover. */
  private static Set<RecordId> underReview(GovernanceStore gov) {
    Set<RecordId> taken = new HashSet<>();
    for (ReviewCampaign c : gov.campaigns()) {
      if (c.status().isOpen() || c.status() == CampaignStatus.STARTING) {
        CampaignItems.forEach(
            gov,
            c.id(),
            i -> {
              if (!i.isDecided() && i.recordId() != null) {
                taken.add(i.recordId());
              }
            });
      }
    }
    return taken;
  }
}
