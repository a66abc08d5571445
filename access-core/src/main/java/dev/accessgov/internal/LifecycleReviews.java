package dev.accessgov.internal;

import dev.accessgov.InputLimits;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.LifecycleReviewPolicy;
import dev.accessgov.review.Recommendation;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens the immediate review a lifecycle event asks for: an ordinary campaign in the governance
 * store, scoped to the records given (one item each, built from the records, as emergency reviews
 * are), naming the event, with the policy's reviewers, window and deadline action for every tier.
 * Its id follows from the event, so opening it again for the same event (a repeated call, or one
 * after a crash midway) finds it and finishes a start that stopped, instead of opening a second.
 * Its deadline runs through the campaign close path like any other. Not API.
 */
final class LifecycleReviews {
  private final Catalog catalog;
  private final GovernanceStore store;
  private final PeopleDirectory people;
  private final LiveMembership live;
  private final ReviewerRules reviewers;
  private final Unmanaged unmanaged;
  private final Clock clock;

  LifecycleReviews(
      Catalog catalog,
      GovernanceStore store,
      PeopleDirectory people,
      LiveMembership live,
      ReviewerRules reviewers,
      Unmanaged unmanaged,
      Clock clock) {
    this.catalog = catalog;
    this.store = store;
    this.people = people;
    this.live = live;
    this.reviewers = reviewers;
    this.unmanaged = unmanaged;
    this.clock = clock;
  }

  /** The id of the review lifecycle event {@code event} opens. */
  static CampaignId campaignOf(LifecycleEvent event) {
    // A campaign id has no '/'; the event id may, so it is percent-encoded as a path segment would.
    String id = "lc-" + event.id().value().replace("%", "%25").replace("/", "%2F");
    return CampaignId.of(
        id.length() <= InputLimits.MAX_ID_LENGTH ? id : "lc-sha256-" + sha256(event.id().value()));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The records a campaign's items cover, in item order. */
  List<RecordId> recordsOf(CampaignId id) {
    List<RecordId> covered = new ArrayList<>();
    CampaignItems.forEach(
        store,
        id,
        i -> {
          if (i.recordId() != null) {
            covered.add(i.recordId());
          }
        });
    return covered;
  }

  /** The review the event opened, if it did. */
  Optional<ReviewCampaign> of(LifecycleEvent event) {
    return store.campaign(campaignOf(event));
  }

  /**
   * Opens (or finishes opening) the review of {@code records} for {@code event}.
   *
   * @param owner runs the campaign: the last-resort reviewer
   * @param why the recommendation each item carries: why its access is in question
   * @return the open campaign, or empty when there was none and nothing to review
   */
  Optional<ReviewCampaign> open(
      LifecycleEvent event,
      PersonId subject,
      List<AccessRecord> records,
      PersonId owner,
      String name,
      Function<AccessRecord, String> why,
      LifecycleReviewPolicy policy) {
    CampaignId id = campaignOf(event);
    Optional<ReviewCampaign> existing = store.campaign(id);
    if (existing.isPresent() && existing.get().status() != CampaignStatus.STARTING) {
      return existing;
    }
    if (existing.isEmpty() && records.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    CampaignSpec spec;
    if (existing.isPresent()) {
      spec = existing.get().spec();
    } else {
      spec = spec(event, name, owner, policy, now);
      try {
        store.createCampaign(
            new ReviewCampaign(
                id, spec, CampaignStatus.STARTING, now, now.plus(spec.duration()), 0, 0, null));
      } catch (IllegalArgumentException createdMeanwhile) {
        spec = store.campaign(id).orElseThrow().spec();
      }
    }
    // Small by nature (one person's access): one batch, stored all or nothing, so a start that
    // stopped left either every item or none, and offering them again leaves stored ones alone.
    try {
      store.addItems(items(id, spec, subject, records, why));
    } catch (IllegalArgumentException openedMeanwhile) {
      // Another instance running the same event opened it between our reads: it is theirs now.
      Optional<ReviewCampaign> opened = store.campaign(id);
      if (opened.isPresent() && opened.get().status() != CampaignStatus.STARTING) {
        return opened;
      }
      throw openedMeanwhile;
    }
    store.openCampaign(id);
    return store.campaign(id);
  }

  private static CampaignSpec spec(
      LifecycleEvent event,
      String name,
      PersonId owner,
      LifecycleReviewPolicy policy,
      Instant now) {
    CampaignSpec.Builder b =
        CampaignSpec.builder(name, owner.value())
            .scope(ReviewScope.everything())
            .reviewers(policy.reviewers().toArray(new dev.accessgov.review.Reviewer[0]))
            .start(now)
            .duration(policy.window())
            .reminders(policy.remindersWithinWindow().toArray(new java.time.Duration[0]))
            .lifecycleEvent(event);
    for (RiskTier tier : RiskTier.values()) {
      b.onDeadline(tier, policy.onDeadline());
    }
    return b.build();
  }

  private List<ReviewItem> items(
      CampaignId id,
      CampaignSpec spec,
      PersonId subject,
      List<AccessRecord> records,
      Function<AccessRecord, String> why) {
    Optional<Person> person = people.find(subject);
    List<ReviewItem> items = new ArrayList<>();
    for (AccessRecord r :
        records.stream().sorted(Comparator.comparing(x -> x.id().value())).toList()) {
      Role role = catalog.requireRole(r.roleId());
      GroupRef group = role.groups().get(0);
      String user = Provisioning.held(r).getOrDefault(group, r.subject().value());
      PersonId reviewer =
          reviewers.resolve(spec.reviewers(), r.subject(), role, spec.owner(), null);
      items.add(
          new ReviewItem(
              id.item(items.size() + 1),
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
              Discovered.isDiscovered(r),
              new Recommendation(Verdict.REVOKE, why.apply(r)),
              reviewer,
              reviewer,
              false,
              null,
              // Judged on the login the IdP holds, as a campaign judges its members.
              unmanaged.is(user)));
    }
    return items;
  }
}
