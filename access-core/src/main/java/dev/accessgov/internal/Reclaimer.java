package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.*;
import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.reclaim.Exemption;
import dev.accessgov.reclaim.ReclaimCandidate;
import dev.accessgov.reclaim.ReclaimCandidate.Status;
import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.reclaim.ReclaimResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.Member;
import dev.accessgov.spi.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds active grants unused past their tier's threshold from live membership and last logins, and
 * removes them after a grace period. Notices are kept in the store ({@link GovernanceStore}) once
 * per policy and record, so the grace period ends at the time set when the notice was first given,
 * across restarts and instances; they are delivered through the {@link Notifier}. Exemptions are
 * the policy's and those stored at run time. Not API.
 */
final class Reclaimer {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Reclaimer.class);
  static final String ACTOR = "system:reclaim";

  private final Catalog catalog;
  private final LiveMembership live;
  private final Removals removals;
  private final Clock clock;

  private final GovernanceStore gov;
  private final Notifier notifier;

  private record Found(AccessRecord record, GroupRef group, Member member) {}

  Reclaimer(
      Catalog catalog,
      LiveMembership live,
      Removals removals,
      GovernanceStore gov,
      Notifier notifier,
      Clock clock) {
    this.gov = gov;
    this.notifier = notifier;
    this.catalog = catalog;
    this.live = live;
    this.removals = removals;
    this.clock = clock;
  }

  ReclaimResult run(ReclaimPolicy policy, boolean dryRun) {
    Instant now = clock.instant();
    List<ReclaimCandidate> candidates = new ArrayList<>();
    Set<RecordId> seen = new HashSet<>();
    List<Exemption> exemptions = new ArrayList<>(policy.exemptions());
    exemptions.addAll(gov.exemptions());
    Map<GroupRef, List<Role>> groups =
        live.managedGroups(r -> policy.thresholds().containsKey(r.tier()));
    for (Map.Entry<GroupRef, List<Role>> e : groups.entrySet()) {
      GroupRef group = e.getKey();
      List<Found> found = new ArrayList<>();
      try (Stream<Member> members = live.provider(group).streamMembers(group.groupId())) {
        live.forEachHolding(
            members,
            e.getValue(),
            h -> {
              for (AccessRecord r : h.explaining(now)) {
                if (!Discovered.isDiscovered(r)) {
                  found.add(new Found(r, group, h.member()));
                }
              }
            });
      }
      for (Found f : found) {
        ReclaimCandidate c = assess(policy, exemptions, f, now, dryRun, seen);
        if (c != null) {
          candidates.add(c);
        }
      }
    }
    if (!dryRun) {
      deliverNotices(now);
    }
    return new ReclaimResult(policy.name(), dryRun, now, candidates);
  }

  /**
   * Delivers every notice not yet delivered; a failed delivery stays for the next run. One caller
   * at a time per service, so two threads never deliver the same notice (see {@code
   * CampaignDeadlines.deliverReminders}).
   */
  synchronized void deliverNotices(Instant now) {
    for (List<ReclaimNotice> due = gov.undeliveredNotices(100);
        !due.isEmpty();
        due = gov.undeliveredNotices(100)) {
      for (ReclaimNotice n : due) {
        try {
          notifier.notice(n);
        } catch (RuntimeException e) {
          log.warn(
              "reclaim notice {} not delivered, will be tried again: {}", n.id(), e.toString());
          return;
        }
        gov.noticeDelivered(n.policy(), n.recordId(), now);
      }
    }
  }

  private @Nullable ReclaimCandidate assess(
      ReclaimPolicy policy,
      List<Exemption> exemptions,
      Found f,
      Instant now,
      boolean dryRun,
      Set<RecordId> seen) {
    AccessRecord r = f.record();
    Role role = catalog.requireRole(r.roleId());
    // run() looks only at roles of the tiers the policy has a threshold for.
    Duration threshold =
        requireNonNull(policy.thresholds().get(role.tier()), "threshold of a policy tier");
    LastLogin login = live.provider(f.group()).lastLogin(f.member().userId());
    Instant since = inactiveSince(login, r, policy);
    Duration idle = since == null ? Duration.ZERO : Duration.between(since, now);
    if (since == null || idle.compareTo(threshold) <= 0) {
      // Signed in again: a notice lapses. Most active grants never had one, so look before
      // writing: a read per grant instead of a write transaction per grant per run.
      if (!dryRun && gov.notice(policy.name(), r.id()).isPresent()) {
        gov.withdrawNotice(policy.name(), r.id());
      }
      return null;
    }
    if (!seen.add(r.id())) {
      return null; // listed in an earlier group of the same role
    }
    for (Exemption x : exemptions) {
      if (x.covers(r.subject(), r.roleId(), now)) {
        return candidate(f, login, idle, threshold, Status.EXEMPT, null, x.reason(), null);
      }
    }
    ReclaimNotice earlier = gov.notice(policy.name(), r.id()).orElse(null);
    Instant noticed = earlier == null ? null : earlier.givenAt();
    Instant removeAfter = earlier != null ? earlier.removeAfter() : now.plus(policy.grace());
    if (dryRun) {
      return candidate(f, login, idle, threshold, Status.WOULD_REMOVE, removeAfter, null, null);
    }
    if (earlier == null && !policy.grace().isZero()) {
      ReclaimNotice given =
          gov.giveNotice(
              new ReclaimNotice(policy.name(), r.id(), r.subject(), r.roleId(), now, removeAfter));
      Status status = given.givenAt().equals(now) ? Status.NOTICE : Status.IN_GRACE;
      return candidate(f, login, idle, threshold, status, given.removeAfter(), null, null);
    }
    if (now.isBefore(removeAfter)) {
      return candidate(f, login, idle, threshold, Status.IN_GRACE, removeAfter, null, null);
    }
    AccessRecord done =
        removals.start(
            r.id(), x -> List.of(reclaimed(x, policy, login, threshold, idle, noticed, now)));
    gov.withdrawNotice(policy.name(), r.id());
    var event = done.lastEvent(EvidenceType.RECLAIMED);
    if (event.isEmpty()) {
      return null; // someone else ended the grant first
    }
    Status status = done.state() == RecordState.REVOKED ? Status.REMOVED : Status.REMOVING;
    return candidate(f, login, idle, threshold, status, now, null, event.get().hash());
  }

  private static @Nullable Instant inactiveSince(LastLogin login, AccessRecord r, ReclaimPolicy p) {
    Instant activated = r.activatedAt() != null ? r.activatedAt() : r.requestedAt();
    switch (login.kind()) {
      case AT:
        Instant at = requireNonNull(login.at(), "LastLogin of kind AT has a time");
        return at.isAfter(activated) ? at : activated;
      case NEVER:
        return p.neverCountsAsInactive() ? activated : null;
      default:
        return null;
    }
  }

  private static EvidenceDraft reclaimed(
      AccessRecord r,
      ReclaimPolicy policy,
      LastLogin login,
      Duration threshold,
      Duration idle,
      @Nullable Instant noticed,
      Instant now) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(POLICY, policy.name());
    d.put(LAST_LOGIN, Verdicts.lastLogin(login));
    d.put(THRESHOLD, threshold.toString());
    d.put(REASON, "no sign-in for " + idle.toDays() + " days, over " + threshold.toDays());
    d.put(NOTICE_GIVEN_AT, noticed == null ? null : noticed.toString());
    return EvidenceDraft.of(r.id().value(), EvidenceType.RECLAIMED, ACTOR, now, d);
  }

  private static ReclaimCandidate candidate(
      Found f,
      LastLogin login,
      Duration idle,
      Duration threshold,
      Status status,
      @Nullable Instant removeAfter,
      @Nullable String exemption,
      @Nullable String hash) {
    AccessRecord r = f.record();
    return new ReclaimCandidate(
        r.id(),
        r.subject(),
        r.roleId(),
        f.group(),
        login,
        idle,
        threshold,
        status,
        removeAfter,
        exemption,
        hash);
  }
}
