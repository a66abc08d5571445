package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.*;

import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.reconcile.DriftKind;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.Member;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Executes review decisions on records: {@code REVIEW_KEPT} moves the next review on; {@code
 * REVIEW_REVOKED} goes through the same intent-before-action removal as {@code revoke}. Access no
 * record explains gets a discovered record first. Not API.
 */
final class Verdicts {
  static final String REVIEW_ACTOR = "system:review";
  static final String DEADLINE_ACTOR = "system:review-deadline";

  private final Catalog catalog;
  private final Records records;
  private final Removals removals;
  private final LiveMembership live;
  private final Clock clock;

  Verdicts(Catalog catalog, Records records, Removals removals, LiveMembership live, Clock clock) {
    this.catalog = catalog;
    this.records = records;
    this.removals = removals;
    this.live = live;
    this.clock = clock;
  }

  /** Records (and for REVOKE, executes) a decision; returns it with its evidence hash. */
  ReviewDecision execute(
      CampaignSpec spec,
      ReviewItem item,
      Verdict verdict,
      String actor,
      String comment,
      boolean exception) {
    Instant now = clock.instant();
    Role role = catalog.requireRole(item.roleId());
    Instant nextReview = now.plus(spec.cadence(role.tier()));
    Function<AccessRecord, List<EvidenceDraft>> events =
        x ->
            List.of(
                draft(x, spec, item, verdict, actor, comment, exception, nextReview, now, false));
    // The membership vanished before the decision: recorded, nothing to execute.
    Function<AccessRecord, List<EvidenceDraft>> moot =
        x ->
            List.of(
                draft(x, spec, item, verdict, actor, comment, exception, nextReview, now, true));
    RecordId target = item.recordId();
    if (target == null) {
      // Look again: a reconcile run or another decision may have opened a record meanwhile.
      LiveMembership.Holding h =
          live.lookup(
              new Member(item.idpUserId(), item.subject().value()), live.rolesOf(item.group()));
      List<AccessRecord> explaining = h.explaining(now);
      // Gone since the campaign looked (a removal finished meanwhile, or someone removed it in
      // the provider): a record opened as active now would claim access the provider no longer
      // grants, and reconcile would add it back. The verdict goes on the latest record, or on a
      // record opened for removal, which the provider answers with "not a member".
      boolean gone =
          explaining.isEmpty()
              && !live.provider(item.group()).isMember(item.group().groupId(), item.idpUserId());
      if (gone && h.latest() != null) {
        AccessRecord latest = h.latest();
        return decision(
            item, records.mutate(latest.id(), x -> new Records.Change(x, moot.apply(x))));
      }
      if (explaining.isEmpty()) {
        boolean revoke = verdict == Verdict.REVOKE || gone;
        AccessRecord opened =
            removals.open(
                h,
                role,
                item.group(),
                DriftKind.UNEXPLAINED,
                revoke ? DriftAction.REMOVE : DriftAction.FLAG,
                REVIEW_ACTOR,
                "found by review campaign "
                    + item.campaignId()
                    + ": no record explains this membership",
                now,
                revoke ? RecordState.DEPROVISIONING : RecordState.ACTIVE,
                gone ? moot : events);
        if (opened != null) {
          return decision(item, opened);
        }
        // A live record of the role holds the membership now (granted or requested since the
        // campaign started): the verdict applies to it, as to any record that explains access.
        target = records.holder(item.subject(), role.id()).id();
      } else {
        target = explaining.get(0).id();
      }
    }
    AccessRecord stored;
    if (verdict == Verdict.REVOKE) {
      stored = removals.startIfActive(target, events);
      if (stored == null) {
        // No longer active (ended, or already being removed): the decision is recorded as a
        // finding; there is nothing left to remove.
        stored = records.mutate(target, x -> new Records.Change(x, moot.apply(x)));
      }
    } else {
      stored =
          records.mutate(
              target,
              x ->
                  new Records.Change(
                      x.state() == RecordState.ACTIVE
                          ? x.toBuilder().reviewDueAt(nextReview).build()
                          : x,
                      (x.state() == RecordState.ACTIVE ? events : moot).apply(x)));
    }
    return decision(item, stored);
  }

  private static ReviewDecision decision(ReviewItem item, @Nullable AccessRecord stored) {
    EvidenceEvent event = stored == null ? null : find(stored, item);
    if (stored == null || event == null) {
      throw new IllegalStateException("decision on " + item.id() + " left no evidence");
    }
    return GovernanceStore.decisionOf(event);
  }

  private static @Nullable EvidenceEvent find(AccessRecord stored, ReviewItem item) {
    EvidenceEvent found = null;
    for (EvidenceEvent e : stored.timeline()) {
      if ((e.type() == EvidenceType.REVIEW_KEPT || e.type() == EvidenceType.REVIEW_REVOKED)
          && item.id().value().equals(e.detailText(ITEM))) {
        found = e;
      }
    }
    return found;
  }

  private static EvidenceDraft draft(
      AccessRecord r,
      CampaignSpec spec,
      ReviewItem item,
      Verdict verdict,
      String actor,
      String comment,
      boolean exception,
      Instant nextReview,
      Instant now,
      boolean moot) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(CAMPAIGN, item.campaignId().value());
    d.put(ITEM, item.id().value());
    d.put(REASON, comment);
    d.put(RECOMMENDATION, item.recommendation().toString());
    d.put(LAST_LOGIN, lastLogin(item.lastLogin()));
    if (!item.reviewer().equals(item.assignedTo())) {
      d.put(ASSIGNED_TO, item.assignedTo().value());
    }
    if (exception) {
      d.put(EXCEPTION, true);
    }
    if (moot) {
      d.put(MOOT, true);
    }
    // A lifecycle event's review: its decisions name the event, as its grants do.
    Drafts.putLifecycle(d, spec.lifecycleEvent());
    if (item.unmanaged()) {
      d.put(UNMANAGED, true);
    }
    boolean keep = verdict == Verdict.KEEP;
    if (keep && r.state() == RecordState.ACTIVE) {
      d.put(NEXT_REVIEW_AT, nextReview.toString());
    }
    EvidenceType type = keep ? EvidenceType.REVIEW_KEPT : EvidenceType.REVIEW_REVOKED;
    return EvidenceDraft.of(r.id().value(), type, actor, now, d);
  }

  /** A last-login value as evidence writes it: an instant, {@code NEVER} or {@code UNKNOWN}. */
  static String lastLogin(LastLogin l) {
    return l.kind() == LastLogin.Kind.AT ? String.valueOf(l.at()) : l.kind().name();
  }
}
