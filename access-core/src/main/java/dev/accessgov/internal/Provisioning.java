package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.DRIFT;
import static dev.accessgov.evidence.EvidenceKeys.GROUP;
import static dev.accessgov.evidence.EvidenceKeys.IDP_USER;
import static dev.accessgov.evidence.EvidenceKeys.PROVIDER;
import static dev.accessgov.evidence.EvidenceKeys.RETRYABLE;
import static java.util.Objects.requireNonNull;

import dev.accessgov.ProviderException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipResult;
import dev.accessgov.spi.StaleRecordException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes recorded intent in the identity providers, one group at a time, each answer committed as
 * evidence before the next call. Re-entrant: what is already confirmed in the timeline is not asked
 * again, and the providers' idempotent calls make a repeated call after a crash harmless (the
 * provider answers "already a member" / "not a member"). The record's lease (taken with its intent,
 * or by recovery's takeover) is renewed before each provider call; the store drops it with the
 * commit that takes the record out of flight, and it is released when work stops short of that. Not
 * API.
 */
final class Provisioning {
  private static final Logger log = LoggerFactory.getLogger(Provisioning.class);

  private final Catalog catalog;
  private final Map<String, IdentityProvider> providers;
  private final Records records;
  private final Clock clock;
  private final Leases leases;
  private @Nullable UsageWatch usage;

  /**
   * The records a thread of this process is executing now. Two threads never work on one record: a
   * second one would call the provider while the first's call is still under way, and a late answer
   * could then land after the record has moved on (a membership added back after it was removed).
   * Recovery passes over these records even when their lease lapsed. Across processes the lease
   * decides.
   */
  private final Set<RecordId> working = ConcurrentHashMap.newKeySet();

  Provisioning(
      Catalog catalog,
      Map<String, IdentityProvider> providers,
      Records records,
      Clock clock,
      Leases leases) {
    this.catalog = catalog;
    this.providers = providers;
    this.records = records;
    this.clock = clock;
    this.leases = leases;
  }

  /**
   * Records usage evidence with {@code watch} for each time-bound grant whose removal ends here.
   * Called once, while the service is wired.
   */
  void observeUsage(UsageWatch watch) {
    this.usage = watch;
  }

  /** Whether a thread of this process is executing the record's intent right now. */
  boolean isWorkingOn(RecordId id) {
    return working.contains(id);
  }

  /**
   * Gives up this service's lease on an in-flight record it will not work on after all (the caller
   * failed between the intent and the work), unless a thread of this process works on it.
   */
  void release(AccessRecord record) {
    if (record.state().isInFlight() && !working.contains(record.id())) {
      leases.release(record.id());
    }
  }

  /**
   * Adds every group of the role not yet confirmed; ends ACTIVE, FAILED, or still PROVISIONING.
   * When another thread of this process is already working on the record, returns it as it is.
   */
  AccessRecord provision(AccessRecord record) {
    try (RecordMdc scope = RecordMdc.record(record.id(), "provision")) {
      return claimed(record, this::provisionClaimed);
    }
  }

  /**
   * Removes every confirmed membership not yet removed; ends in the trigger's final state. When
   * another thread of this process is already working on the record, returns it as it is.
   */
  AccessRecord deprovision(AccessRecord record) {
    try (RecordMdc scope = RecordMdc.record(record.id(), "deprovision")) {
      return claimed(record, this::deprovisionClaimed);
    }
  }

  private AccessRecord claimed(AccessRecord record, UnaryOperator<AccessRecord> work) {
    if (!enter(record.id())) {
      return record;
    }
    AccessRecord done = null;
    try {
      done = work.apply(record);
      return done;
    } finally {
      leave(record.id(), done);
    }
  }

  /** Marks the record as worked on by the calling thread; false when another thread already is. */
  boolean enter(RecordId id) {
    return working.add(id);
  }

  /**
   * Ends the work {@link #enter} began; {@code done} is the record as the work left it, null when
   * the work threw.
   */
  void leave(RecordId id, @Nullable AccessRecord done) {
    // The commit that ended the work dropped the lease with it. Left in flight after a failure,
    // nobody works on the record now: release it so recovery need not wait for the lapse.
    if (done == null || done.state().isInFlight()) {
      leases.release(id);
    }
    working.remove(id);
  }

  /**
   * Asks the provider to remove one membership, after renewing this service's leases when due.
   *
   * @throws ProviderException when the provider refuses or fails
   */
  MembershipChange remove(GroupRef group, String userId) {
    leases.renewIfDue();
    return provider(group).removeMember(group.groupId(), userId);
  }

  /**
   * Asks the provider to remove {@code userIds} from {@code group} in one call, after renewing this
   * service's leases when due; one result per user, in order.
   *
   * @throws ProviderException when the provider refuses the whole call
   */
  List<MembershipResult> removeAll(GroupRef group, List<String> userIds) {
    leases.renewIfDue();
    return provider(group).removeMembers(group.groupId(), userIds);
  }

  /** How many members of {@code group} its provider removes in one call. */
  int bulkRemovals(GroupRef group) {
    return provider(group).bulkRemovals();
  }

  private IdentityProvider provider(GroupRef group) {
    // The builder refuses a catalog whose groups name a provider it was not given.
    return requireNonNull(providers.get(group.providerId()), "provider of a catalog group");
  }

  private AccessRecord provisionClaimed(AccessRecord record) {
    AccessRecord current = record;
    while (current.state() == RecordState.PROVISIONING) {
      Role role = catalog.requireRole(current.roleId());
      List<GroupRef> remaining = new ArrayList<>(role.groups());
      remaining.removeAll(confirmed(current, EvidenceType.PROVISIONED).keySet());
      if (remaining.isEmpty()) {
        current = commitOrReload(current, Records.Change.of(activated(current, role)));
        continue;
      }
      GroupRef group = remaining.get(0);
      leases.renewIfDue();
      MembershipChange change;
      try {
        change = add(current, group);
      } catch (ProviderException e) {
        return provisionFailed(current, group, e);
      }
      // Outside the try: a store that fails to commit the answer is not the provider refusing.
      // Its exception leaves the record PROVISIONING for recover(), which asks again.
      EvidenceDraft event = Drafts.membership(current, EvidenceType.PROVISIONED, group, change);
      AccessRecord next = remaining.size() == 1 ? activated(current, role) : current;
      current = commitOrReload(current, Records.Change.of(next, event));
    }
    return current;
  }

  private MembershipChange add(AccessRecord record, GroupRef group) {
    IdentityProvider idp = provider(group);
    IdpUser user =
        idp.findUser(record.subject().value())
            .orElseThrow(
                () ->
                    new ProviderException(
                        idp.id(),
                        "findUser",
                        404,
                        null,
                        null,
                        false,
                        "the provider knows no user " + record.subject(),
                        null));
    return idp.addMember(group.groupId(), user.id());
  }

  private AccessRecord provisionFailed(AccessRecord current, GroupRef group, ProviderException e) {
    Instant now = clock.instant();
    EvidenceDraft failure = Drafts.failed(current, EvidenceType.PROVISION_FAILED, group, e, now);
    if (e.retryable()) {
      log.warn("provisioning record {} paused, will retry: {}", current.id(), e.getMessage());
      return commitOrReload(current, Records.Change.of(current, failure));
    }
    log.error("provisioning record {} failed for good: {}", current.id(), e.getMessage());
    if (confirmed(current, EvidenceType.PROVISIONED).isEmpty()) {
      return commitOrReload(
          current, Records.Change.of(ended(current, RecordState.FAILED, now), failure));
    }
    // Some groups were added before the refusal: take them back before calling the record FAILED.
    AccessRecord rollingBack = current.toBuilder().state(RecordState.DEPROVISIONING).build();
    return deprovisionClaimed(commitOrReload(current, Records.Change.of(rollingBack, failure)));
  }

  /** {@link #deprovision} for a record the calling thread has {@linkplain #enter entered}. */
  AccessRecord deprovisionClaimed(AccessRecord record) {
    AccessRecord current = record;
    while (current.state() == RecordState.DEPROVISIONING) {
      Map<GroupRef, String> toRemove = held(current);
      toRemove.keySet().removeAll(confirmed(current, EvidenceType.DEPROVISIONED).keySet());
      RecordState target = removalTarget(current);
      if (toRemove.isEmpty()) {
        current =
            commitOrReload(current, Records.Change.of(ended(current, target, clock.instant())));
        continue;
      }
      Map.Entry<GroupRef, String> next = toRemove.entrySet().iterator().next();
      GroupRef group = next.getKey();
      MembershipChange change;
      try {
        change = remove(group, next.getValue());
      } catch (ProviderException e) {
        log.error(
            "removing access of record {} from {} failed; recover() will retry: {}",
            current.id(),
            group,
            e.getMessage());
        EvidenceDraft failure =
            Drafts.failed(current, EvidenceType.DEPROVISION_FAILED, group, e, clock.instant());
        return commitOrReload(current, Records.Change.of(current, failure));
      }
      // As when adding: a failed commit leaves the record DEPROVISIONING, never blames the IdP.
      EvidenceDraft event = Drafts.membership(current, EvidenceType.DEPROVISIONED, group, change);
      AccessRecord after = toRemove.size() == 1 ? ended(current, target, clock.instant()) : current;
      current = commitOrReload(current, Records.Change.of(after, event));
    }
    // After the removal committed: usage is evidence about it, never a condition of it.
    UsageWatch watch = usage;
    return watch != null && UsageWatch.applies(current) ? watch.observe(current) : current;
  }

  private AccessRecord commitOrReload(AccessRecord current, Records.Change change) {
    try {
      return records.commit(current, change);
    } catch (StaleRecordException e) {
      // Another worker moved the record on; our provider call was idempotent, so look again.
      return records.load(current.id());
    }
  }

  private AccessRecord activated(AccessRecord r, Role role) {
    Instant now = clock.instant();
    return r.toBuilder()
        .state(RecordState.ACTIVE)
        .activatedAt(now)
        .expiresAt(
            r.duration() == null
                ? null
                : RecordTime.plus(
                    now, r.duration(), "record " + r.id() + " cannot start: duration"))
        .reviewDueAt(now.plus(role.tier().reviewCadence()))
        .build();
  }

  static AccessRecord ended(AccessRecord r, RecordState state, Instant now) {
    return r.toBuilder().state(state).endedAt(now).build();
  }

  static RecordState removalTarget(AccessRecord r) {
    List<EvidenceEvent> timeline = r.timeline();
    for (int i = timeline.size() - 1; i >= 0; i--) {
      EvidenceEvent e = timeline.get(i);
      if (e.type().removesAccess()) {
        return e.type() == EvidenceType.EXPIRED ? RecordState.EXPIRED : RecordState.REVOKED;
      }
      // A permanent refusal rolls back what was added; a transient one is retried instead.
      if (e.type() == EvidenceType.PROVISION_FAILED && !Boolean.TRUE.equals(e.detail(RETRYABLE))) {
        return RecordState.FAILED;
      }
    }
    return RecordState.REVOKED;
  }

  /**
   * The memberships a record holds: those the provider confirmed adding, and those a discovered
   * record was opened for (found in the provider, never added by the library).
   */
  static Map<GroupRef, String> held(AccessRecord r) {
    Map<GroupRef, String> groups = new LinkedHashMap<>();
    for (EvidenceEvent e : r.timeline()) {
      boolean found =
          e.type() == EvidenceType.DRIFT_DETECTED && Discovered.FOUND.contains(e.detailText(DRIFT));
      if (e.type() == EvidenceType.PROVISIONED || found) {
        groups.put(
            GroupRef.of(e.requireDetailText(PROVIDER), e.requireDetailText(GROUP)),
            e.detailText(IDP_USER));
      }
    }
    return groups;
  }

  /** The groups a record's events confirm, with the provider user id each confirmation named. */
  static Map<GroupRef, String> confirmed(AccessRecord r, EvidenceType type) {
    Map<GroupRef, String> groups = new LinkedHashMap<>();
    for (EvidenceEvent e : r.events(type)) {
      groups.put(
          GroupRef.of(e.requireDetailText(PROVIDER), e.requireDetailText(GROUP)),
          e.detailText(IDP_USER));
    }
    return groups;
  }
}
