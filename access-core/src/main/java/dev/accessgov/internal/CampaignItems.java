package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.Recommendation;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.Member;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds a campaign's items from live membership: streams each group in scope from its provider and
 * joins every member with their records (one store query per page of members, see {@link
 * LiveMembership}) and the people directory, so memory holds one page of members and their records,
 * not the population. Not API.
 */
final class CampaignItems {
  private static final Recommendation UNEXPLAINED =
      new Recommendation(
          Verdict.REVOKE, "no record explains this membership: access granted outside the library");
  private static final Recommendation NEVER = new Recommendation(Verdict.REVOKE, "never signed in");
  private static final Recommendation UNKNOWN =
      new Recommendation(Verdict.KEEP, "last sign-in unknown: the provider cannot tell");

  private final Catalog catalog;
  private final PeopleDirectory people;
  private final LiveMembership live;
  private final ReviewerRules reviewers;
  private final Unmanaged unmanaged;

  CampaignItems(
      Catalog catalog,
      PeopleDirectory people,
      LiveMembership live,
      ReviewerRules reviewers,
      Unmanaged unmanaged) {
    this.catalog = catalog;
    this.unmanaged = unmanaged;
    this.people = people;
    this.live = live;
    this.reviewers = reviewers;
  }

  /** Items read from the store per page. */
  private static final int PAGE = 1000;

  /** Applies {@code action} to every stored item of the campaign, in number order, page by page. */
  static void forEach(GovernanceStore store, CampaignId id, Consumer<ReviewItem> action) {
    int after = 0;
    for (List<ReviewItem> page = store.items(id, after, PAGE);
        !page.isEmpty();
        page = store.items(id, after, PAGE)) {
      page.forEach(action);
      after = page.get(page.size() - 1).id().number();
    }
  }

  /** Streams the items of a campaign to {@code sink}, numbering them from 1. */
  void build(CampaignSpec spec, CampaignId campaignId, Instant now, Consumer<ReviewItem> sink) {
    int[] next = {1};
    for (Map.Entry<GroupRef, List<Role>> e :
        live.managedGroups(spec.scope()::includes).entrySet()) {
      GroupRef group = e.getKey();
      List<Role> inScope = e.getValue();
      List<Role> all = live.rolesOf(group);
      IdentityProvider idp = live.provider(group);
      try (Stream<Member> members = idp.streamMembers(group.groupId())) {
        live.forEachHolding(
            members,
            all,
            h -> {
              List<AccessRecord> explaining = h.explaining(now);
              if (explaining.isEmpty()) {
                if (!h.inFlight()) {
                  sink.accept(
                      item(spec, campaignId, next[0]++, h, inScope.get(0), group, null, now));
                }
                return;
              }
              for (AccessRecord r : explaining) {
                Role role = catalog.requireRole(r.roleId());
                if (covers(spec, role, group, r, h, now)) {
                  sink.accept(item(spec, campaignId, next[0]++, h, role, group, r, now));
                }
              }
            });
      }
    }
  }

  /** Whether this group's listing is where the record's item belongs. */
  private boolean covers(
      CampaignSpec spec,
      Role role,
      GroupRef group,
      AccessRecord r,
      LiveMembership.Holding h,
      Instant now) {
    if (!spec.scope().includes(role)) {
      return false;
    }
    boolean discovered = Discovered.isDiscovered(r);
    if (spec.dueOnly() && !discovered && r.reviewDueAt() != null && r.reviewDueAt().isAfter(now)) {
      return false;
    }
    // A role of several groups gets one item per grant: at the first of its groups listing them.
    for (GroupRef earlier : role.groups()) {
      if (earlier.equals(group)) {
        return true;
      }
      if (live.provider(earlier).isMember(earlier.groupId(), h.member().userId())) {
        return false;
      }
    }
    return true;
  }

  private ReviewItem item(
      CampaignSpec spec,
      CampaignId campaignId,
      int n,
      LiveMembership.Holding h,
      Role role,
      GroupRef group,
      @Nullable AccessRecord record,
      Instant now) {
    PersonId subject = h.person();
    Optional<Person> person = people.find(subject);
    LastLogin lastLogin = live.provider(group).lastLogin(h.member().userId());
    boolean unexplained = record == null || Discovered.isDiscovered(record);
    Recommendation rec = unexplained ? UNEXPLAINED : recommend(lastLogin, role.tier(), spec, now);
    PersonId reviewer = reviewers.resolve(spec.reviewers(), subject, role, spec.owner(), null);
    RecordId recordId = record == null ? null : record.id();
    return new ReviewItem(
        campaignId.item(n),
        subject,
        role.applicationId(),
        role.id(),
        role.tier(),
        group,
        h.member().userId(),
        person.map(Person::department).orElse(null),
        person.map(Person::title).orElse(null),
        lastLogin,
        recordId,
        unexplained,
        rec,
        reviewer,
        reviewer,
        false,
        null,
        // The account the provider lists is judged: its login, or the person behind it.
        unmanaged.is(h.member().login()));
  }

  static Recommendation recommend(
      LastLogin lastLogin, RiskTier tier, CampaignSpec spec, Instant now) {
    switch (lastLogin.kind()) {
      case NEVER:
        return NEVER;
      case UNKNOWN:
        return UNKNOWN;
      default:
        Duration threshold = spec.inactivity(tier);
        Instant at = requireNonNull(lastLogin.at(), "LastLogin of kind AT has a time");
        Duration idle = Duration.between(at, now);
        long days = idle.toDays();
        return idle.compareTo(threshold) > 0
            ? new Recommendation(
                Verdict.REVOKE,
                "no sign-in for "
                    + days
                    + " days (threshold "
                    + threshold.toDays()
                    + " days for "
                    + tier
                    + ")")
            : new Recommendation(Verdict.KEEP, "signed in " + days + " days ago");
    }
  }
}
