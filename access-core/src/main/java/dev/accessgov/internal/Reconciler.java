package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.ACTION;
import static dev.accessgov.evidence.EvidenceKeys.CHANGES;
import static dev.accessgov.evidence.EvidenceKeys.DRIFT;
import static dev.accessgov.evidence.EvidenceKeys.FINDINGS;
import static dev.accessgov.evidence.EvidenceKeys.GROUPS_CHECKED;
import static dev.accessgov.evidence.EvidenceKeys.MEMBERS_SEEN;
import static dev.accessgov.evidence.EvidenceKeys.STARTED_AT;
import static dev.accessgov.evidence.EvidenceKeys.UNMANAGED;

import dev.accessgov.ProviderException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.reconcile.DriftFinding;
import dev.accessgov.reconcile.DriftKind;
import dev.accessgov.reconcile.ReconcilePolicy;
import dev.accessgov.reconcile.Reconciliation;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.MembershipChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Compares intended membership (active records) with actual membership (what the providers list)
 * for every managed group, and acts as the policy says. Idempotent: a finding already recorded and
 * unchanged is reported as {@link DriftAction#ALREADY_FLAGGED} without writing, and every other
 * action removes its own cause. Every completed run ends with one {@code RECONCILED} event. Not
 * API.
 */
final class Reconciler {
  static final String ACTOR = "system:reconcile";

  private final Catalog catalog;
  private final AccessStore store;
  private final Records records;
  private final Provisioning provisioning;
  private final LiveMembership live;
  private final Removals removals;
  private final Clock clock;
  private final Unmanaged unmanaged;

  Reconciler(
      Catalog catalog,
      AccessStore store,
      Records records,
      Provisioning provisioning,
      LiveMembership live,
      Removals removals,
      Clock clock,
      Unmanaged unmanaged) {
    this.unmanaged = unmanaged;
    this.catalog = catalog;
    this.store = store;
    this.records = records;
    this.provisioning = provisioning;
    this.live = live;
    this.removals = removals;
    this.clock = clock;
  }

  Reconciliation run(ReconcilePolicy policy) {
    Instant now = clock.instant();
    List<DriftFinding> findings = new ArrayList<>();
    for (Role role : catalog.roles()) {
      RecordQuery active = RecordQuery.all().role(role.id().value()).states(RecordState.ACTIVE);
      RecordQuery.readAll(active, store::query)
          .filter(r -> !LiveMembership.pastEnd(r, now))
          .forEach(r -> checkIntended(r, role, policy, findings));
    }
    Map<GroupRef, List<Role>> groups = live.managedGroups(r -> true);
    AtomicLong seen = new AtomicLong();
    for (Map.Entry<GroupRef, List<Role>> e : groups.entrySet()) {
      GroupRef group = e.getKey();
      // Act after listing: removing members while a provider pages through them could skip some.
      List<LiveMembership.Holding> drifted = new ArrayList<>();
      try (Stream<dev.accessgov.spi.Member> members =
          live.provider(group).streamMembers(group.groupId())) {
        live.forEachHolding(
            members,
            e.getValue(),
            h -> {
              seen.incrementAndGet();
              List<AccessRecord> explaining = h.explaining(now);
              if (!explaining.isEmpty()) {
                if (explaining.stream().allMatch(Discovered::isDiscovered)) {
                  findings.add(
                      known(explaining.get(0), group, h)
                          .withUnmanaged(unmanaged.is(h.member().login())));
                }
              } else if (!h.inFlight()) {
                drifted.add(h);
              }
            });
      }
      for (LiveMembership.Holding h : drifted) {
        findings.add(present(group, e.getValue(), h, policy, now));
      }
    }
    Reconciliation done = new Reconciliation(now, groups.size(), seen.get(), findings);
    // Written last and only on completion: a period with no such event is one in which reconcile
    // did not run to the end, which a report must not present as "no drift found".
    store.appendEvidence(completed(done));
    return done;
  }

  /** The {@code RECONCILED} event of a completed run, under an id of its own. */
  private EvidenceDraft completed(Reconciliation done) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(STARTED_AT, done.at().toString());
    details.put(GROUPS_CHECKED, (long) done.groupsChecked());
    details.put(MEMBERS_SEEN, done.membersSeen());
    details.put(FINDINGS, (long) done.findings().size());
    details.put(CHANGES, (long) done.changes().size());
    // One id per run: runs of several instances may complete in any order, and times must not run
    // backwards within one record id.
    return EvidenceDraft.of(
        "rc-" + UUID.randomUUID(), EvidenceType.RECONCILED, ACTOR, clock.instant(), details);
  }

  private void checkIntended(
      AccessRecord r, Role role, ReconcilePolicy policy, List<DriftFinding> findings) {
    Map<GroupRef, String> held = Provisioning.held(r);
    Collection<GroupRef> groups = Discovered.isDiscovered(r) ? held.keySet() : role.groups();
    for (GroupRef group : groups) {
      IdentityProvider idp = live.provider(group);
      String user = held.get(group);
      if (user == null) {
        user = idp.findUser(r.subject().value()).map(IdpUser::id).orElse(null);
      }
      if (user != null && idp.isMember(group.groupId(), user)) {
        continue;
      }
      Map<String, Object> mark = mark(r.subject().value());
      findings.add(missing(r, group, user, policy, mark).withUnmanaged(!mark.isEmpty()));
    }
  }

  /**
   * The detail that marks a finding about the account {@code login} as unmanaged, or none. Every
   * finding is judged, so an auditor reading the evidence sees the mark where it was made.
   */
  private Map<String, Object> mark(String login) {
    return unmanaged.is(login) ? Map.of(UNMANAGED, true) : Map.of();
  }

  private DriftFinding missing(
      AccessRecord r,
      GroupRef group,
      @Nullable String user,
      ReconcilePolicy policy,
      Map<String, Object> mark) {
    Instant now = clock.instant();
    if (Discovered.isDiscovered(r)) {
      String why = "the membership found earlier is gone from the identity provider";
      AccessRecord closed =
          removals.start(
              r.id(),
              x ->
                  List.of(
                      Discovered.finding(
                          x,
                          DriftKind.MISSING,
                          DriftAction.CLOSE,
                          group,
                          user,
                          ACTOR,
                          why,
                          now,
                          mark),
                      Drafts.withReason(x, EvidenceType.REVOKED, ACTOR, why, now)));
      return finding(DriftKind.MISSING, DriftAction.CLOSE, group, r, user, closed, why);
    }
    boolean reprovision = policy.onMissing() == ReconcilePolicy.OnMissing.REPROVISION;
    if (!reprovision || user == null) {
      EvidenceEvent last = Discovered.lastAbout(r, group);
      if (last != null
          && last.type() == EvidenceType.DRIFT_DETECTED
          && DriftKind.MISSING.name().equals(last.detailText(DRIFT))
          && DriftAction.FLAG.name().equals(last.detailText(ACTION))) {
        return new DriftFinding(
            DriftKind.MISSING,
            DriftAction.ALREADY_FLAGGED,
            group,
            r.subject(),
            user,
            r.id(),
            last.hash(),
            "already flagged");
      }
      String why =
          user == null
              ? "the identity provider knows no user " + r.subject()
              : "the identity provider does not list this active membership";
      AccessRecord flagged =
          append(r, DriftKind.MISSING, DriftAction.FLAG, group, user, why, now, mark);
      return finding(DriftKind.MISSING, DriftAction.FLAG, group, r, user, flagged, why);
    }
    // Intent before action: the finding and the decision to re-add are stored before the call.
    String why = "the identity provider does not list this active membership; adding it again";
    AccessRecord intent =
        append(r, DriftKind.MISSING, DriftAction.REPROVISION, group, user, why, now, mark);
    String hash = Discovered.lastFindingHash(intent);
    MembershipChange change;
    try {
      change = live.provider(group).addMember(group.groupId(), user);
    } catch (ProviderException e) {
      records.mutate(
          r.id(),
          x ->
              Records.Change.of(
                  x, Drafts.failed(x, EvidenceType.PROVISION_FAILED, group, e, clock.instant())));
      return new DriftFinding(
          DriftKind.MISSING, DriftAction.REPROVISION, group, r.subject(), user, r.id(), hash, why);
    }
    // Outside the try: the store failing to keep the answer is not the provider refusing.
    records.mutate(
        r.id(),
        x -> Records.Change.of(x, Drafts.membership(x, EvidenceType.PROVISIONED, group, change)));
    return new DriftFinding(
        DriftKind.MISSING, DriftAction.REPROVISION, group, r.subject(), user, r.id(), hash, why);
  }

  private AccessRecord append(
      AccessRecord r,
      DriftKind kind,
      DriftAction action,
      GroupRef group,
      @Nullable String user,
      String why,
      Instant now,
      Map<String, Object> mark) {
    AccessRecord stored =
        records.mutate(
            r.id(),
            x ->
                Records.Change.of(
                    x, Discovered.finding(x, kind, action, group, user, ACTOR, why, now, mark)));
    return stored == null ? records.load(r.id()) : stored;
  }

  /** A member the records do not explain (or no longer explain): found after listing a group. */
  private DriftFinding present(
      GroupRef group,
      List<Role> roles,
      LiveMembership.Holding h,
      ReconcilePolicy policy,
      Instant now) {
    Map<String, Object> mark = mark(h.member().login());
    return present(group, roles, h, policy, now, mark).withUnmanaged(!mark.isEmpty());
  }

  private DriftFinding present(
      GroupRef group,
      List<Role> roles,
      LiveMembership.Holding h,
      ReconcilePolicy policy,
      Instant now,
      Map<String, Object> mark) {
    String user = h.member().userId();
    AccessRecord latest = h.latest();
    for (AccessRecord r : h.records()) {
      if (r.state() == RecordState.ACTIVE && LiveMembership.pastEnd(r, now)) {
        String why = "access ended at " + r.expiresAt() + " but the membership is still present";
        AccessRecord expiring =
            removals.start(
                r.id(),
                x ->
                    List.of(
                        Discovered.finding(
                            x,
                            DriftKind.EXPIRED_PRESENT,
                            DriftAction.REMOVE,
                            group,
                            user,
                            ACTOR,
                            why,
                            now,
                            mark),
                        Drafts.expired(x, now)));
        return finding(
            DriftKind.EXPIRED_PRESENT, DriftAction.REMOVE, group, r, user, expiring, why);
      }
    }
    AccessRecord expiredGrant =
        latest != null && latest.state() == RecordState.EXPIRED ? latest : null;
    boolean expired = expiredGrant != null;
    DriftKind kind = expired ? DriftKind.EXPIRED_PRESENT : DriftKind.UNEXPLAINED;
    boolean remove = expired || policy.onUnexplained() == ReconcilePolicy.OnUnexplained.REMOVE;
    DriftAction action = remove ? DriftAction.REMOVE : DriftAction.FLAG;
    String why =
        expiredGrant != null
            ? "the grant in record "
                + expiredGrant.id()
                + " expired but the membership is present again"
            : "no active record explains this membership: access granted outside the library";
    Role role = expiredGrant != null ? catalog.requireRole(expiredGrant.roleId()) : roles.get(0);
    AccessRecord opened =
        removals.open(
            h,
            role,
            group,
            kind,
            action,
            ACTOR,
            why,
            now,
            remove ? RecordState.DEPROVISIONING : RecordState.ACTIVE,
            x ->
                remove
                    ? List.of(Drafts.withReason(x, EvidenceType.REVOKED, ACTOR, why, now))
                    : List.of(),
            mark);
    if (opened == null) {
      // A live record of the role (a pending request, a grant under way) holds the membership:
      // no second record is opened; the finding is flagged on it, and a later run looks again
      // once that record has settled.
      AccessRecord holder = records.holder(h.person(), role.id());
      AccessRecord flagged = append(holder, kind, DriftAction.FLAG, group, user, why, now, mark);
      return finding(kind, DriftAction.FLAG, group, holder, user, flagged, why);
    }
    return finding(kind, action, group, opened, user, opened, why);
  }

  private DriftFinding known(AccessRecord discovered, GroupRef group, LiveMembership.Holding h) {
    return new DriftFinding(
        DriftKind.UNEXPLAINED,
        DriftAction.ALREADY_FLAGGED,
        group,
        h.person(),
        h.member().userId(),
        discovered.id(),
        discovered.timeline().get(0).hash(),
        "already flagged; awaiting review");
  }

  private static DriftFinding finding(
      DriftKind kind,
      DriftAction action,
      GroupRef group,
      AccessRecord r,
      @Nullable String user,
      AccessRecord stored,
      String why) {
    // Absent only when another worker acted on the record first; then its evidence stands.
    String hash =
        stored.timeline().stream()
            .filter(
                e ->
                    e.type() == EvidenceType.DRIFT_DETECTED
                        && kind.name().equals(e.detailText(DRIFT)))
            .reduce((a, b) -> b)
            .map(EvidenceEvent::hash)
            .orElse(null);
    return new DriftFinding(kind, action, group, r.subject(), user, r.id(), hash, why);
  }
}
