package dev.accessgov.report.internal;

import static dev.accessgov.evidence.EvidenceKeys.ACTION;
import static dev.accessgov.evidence.EvidenceKeys.CAMPAIGN;
import static dev.accessgov.evidence.EvidenceKeys.DRIFT;
import static dev.accessgov.evidence.EvidenceKeys.EXCEPTION;
import static dev.accessgov.evidence.EvidenceKeys.GROUP;
import static dev.accessgov.evidence.EvidenceKeys.LAST_LOGIN;
import static dev.accessgov.evidence.EvidenceKeys.NOTICE_GIVEN_AT;
import static dev.accessgov.evidence.EvidenceKeys.POLICY;
import static dev.accessgov.evidence.EvidenceKeys.PROVIDER;
import static dev.accessgov.evidence.EvidenceKeys.REASON;
import static dev.accessgov.evidence.EvidenceKeys.STEP;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.report.Period;
import dev.accessgov.report.control.DriftEntry;
import dev.accessgov.report.control.GrantEntry;
import dev.accessgov.report.control.ReclaimEntry;
import dev.accessgov.report.control.ReconcileRun;
import dev.accessgov.report.control.RemovalEntry;
import dev.accessgov.report.control.Signoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the evidence chain once and collects what a control report needs from the events of one
 * period. The chain, not the records' current state, decides what happened in the period, so a
 * report of last quarter is the same today as it was the day after the quarter ended (apart from
 * removals confirmed since). Not API.
 */
public final class ControlScan {
  private final AccessService access;
  private final Period period;
  private final Map<String, AccessRecord> records = new HashMap<>();

  /** The grants in the period. */
  public final List<GrantEntry> grants = new ArrayList<>();

  /** The removals decided in the period. */
  public final List<RemovalEntry> removals = new ArrayList<>();

  /** The inactivity reclaims in the period. */
  public final List<ReclaimEntry> reclaims = new ArrayList<>();

  /** The drift findings in the period. */
  public final List<DriftEntry> drift = new ArrayList<>();

  /** The reconcile runs that completed in the period, in chain order. */
  public final List<ReconcileRun> reconcileRuns = new ArrayList<>();

  /** The review decisions in the period, in chain order, with their campaign ids. */
  public final List<EvidenceEvent> reviewDecisions = new ArrayList<>();

  private ControlScan(AccessService access, Period period) {
    this.access = access;
    this.period = period;
  }

  /** Scans the chain of {@code access} for {@code period}. */
  public static ControlScan of(AccessService access, Period period) {
    ControlScan scan = new ControlScan(access, period);
    access
        .evidence()
        .events()
        .forEachRemaining(
            e -> {
              if (period.contains(e.time())) {
                scan.accept(e);
              }
            });
    return scan;
  }

  /** The record an event of the period belongs to, read once. */
  public AccessRecord record(String id) {
    return records.computeIfAbsent(id, i -> access.record(RecordId.of(i)));
  }

  private void accept(EvidenceEvent e) {
    switch (e.type()) {
      case REQUESTED -> grants.add(grant(record(e.recordId())));
      case REVIEW_KEPT, REVIEW_REVOKED -> reviewDecisions.add(e);
      case DRIFT_DETECTED -> drift.add(drift(record(e.recordId()), e));
      case RECONCILED -> reconcileRuns.add(reconcileRun(e));
      default -> {}
    }
    if (e.type() == EvidenceType.RECLAIMED) {
      reclaims.add(reclaim(record(e.recordId()), e));
    }
    if (e.type().removesAccess()) {
      removal(record(e.recordId()), e);
    }
  }

  private static GrantEntry grant(AccessRecord r) {
    List<Signoff> approvals =
        r.events(EvidenceType.APPROVED).stream().map(e -> signoff(e, e.detailText(STEP))).toList();
    Signoff denial = r.lastEvent(EvidenceType.DENIED).map(e -> signoff(e, null)).orElse(null);
    return new GrantEntry(
        r.id().value(),
        r.subject().value(),
        r.roleId().value(),
        r.requester().value(),
        r.reason(),
        r.requestedAt(),
        r.state().name(),
        approvals,
        denial,
        r.activatedAt(),
        r.expiresAt());
  }

  private static Signoff signoff(EvidenceEvent e, @Nullable String step) {
    return new Signoff(Actors.name(e.actor()), step, e.time(), e.detailText(REASON), e.seq());
  }

  private void removal(AccessRecord r, EvidenceEvent trigger) {
    // Only the record's last trigger has a confirmation to measure; an earlier one (a revoke that
    // failed, then a review revoke) is listed with the confirmation of the removal that followed.
    Lags.Removal end = Lags.removalOf(r).orElseThrow();
    Instant due = trigger.seq() == end.trigger().seq() ? end.due() : trigger.time();
    EvidenceEvent confirmed = end.confirmation();
    removals.add(
        new RemovalEntry(
            r.id().value(),
            r.subject().value(),
            r.roleId().value(),
            triggerName(trigger),
            Actors.name(trigger.actor()),
            trigger.detailText(REASON),
            due,
            confirmed == null ? null : confirmed.time(),
            confirmed == null ? null : Lags.between(due, confirmed.time()),
            r.state().name()));
  }

  /** The event's type, or {@code OFFBOARDING} for a revoke made because the person left. */
  private static String triggerName(EvidenceEvent trigger) {
    boolean offboarding = Boolean.TRUE.equals(trigger.detail(EvidenceKeys.OFFBOARDING));
    return offboarding ? "OFFBOARDING" : trigger.type().name();
  }

  private static ReclaimEntry reclaim(AccessRecord r, EvidenceEvent e) {
    String notice = e.detailText(NOTICE_GIVEN_AT);
    return new ReclaimEntry(
        r.id().value(),
        r.subject().value(),
        r.roleId().value(),
        e.time(),
        String.valueOf(e.detailText(POLICY)),
        String.valueOf(e.detailText(LAST_LOGIN)),
        String.valueOf(e.detailText(EvidenceKeys.THRESHOLD)),
        notice == null ? null : Instant.parse(notice));
  }

  private static DriftEntry drift(AccessRecord r, EvidenceEvent e) {
    return new DriftEntry(
        r.id().value(),
        r.subject().value(),
        r.roleId().value(),
        String.valueOf(e.detailText(DRIFT)),
        String.valueOf(e.detailText(ACTION)),
        e.detailText(PROVIDER) + ":" + e.detailText(GROUP),
        e.time(),
        e.detailText(REASON));
  }

  private static ReconcileRun reconcileRun(EvidenceEvent e) {
    String started = e.detailText(EvidenceKeys.STARTED_AT);
    return new ReconcileRun(
        e.recordId(),
        e.time(),
        started == null ? null : Instant.parse(started),
        count(e, EvidenceKeys.GROUPS_CHECKED),
        count(e, EvidenceKeys.MEMBERS_SEEN),
        count(e, EvidenceKeys.FINDINGS),
        count(e, EvidenceKeys.CHANGES),
        e.seq());
  }

  private static long count(EvidenceEvent e, String key) {
    return e.detail(key) instanceof Number n ? n.longValue() : 0;
  }

  /** The campaign id of a review decision event. */
  public static String campaignOf(EvidenceEvent decision) {
    return String.valueOf(decision.detailText(CAMPAIGN));
  }

  /** Whether a review decision kept access only because nobody decided by the deadline. */
  public static boolean exception(EvidenceEvent decision) {
    return Boolean.TRUE.equals(decision.detail(EXCEPTION));
  }
}
