package dev.accessgov.internal;

import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.reconcile.DriftKind;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.AdmissionConflictException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The removal path reviews, reclaim and reconciliation share with {@code revoke}: the trigger
 * evidence and the {@code DEPROVISIONING} state are stored first, then {@link Provisioning} removes
 * each membership and records the provider's answer. Not API.
 */
final class Removals {
  private final Records records;
  private final Provisioning provisioning;

  Removals(Records records, Provisioning provisioning) {
    this.records = records;
    this.provisioning = provisioning;
  }

  /**
   * Starts removing an {@code ACTIVE} record with the events {@code trigger} returns, then removes
   * its memberships. Returns the record as it ends (or still {@code DEPROVISIONING} when a provider
   * failed; {@code recover()} finishes it), or as found when it was no longer {@code ACTIVE}.
   */
  AccessRecord start(RecordId id, Function<AccessRecord, List<EvidenceDraft>> trigger) {
    AccessRecord ended = startIfActive(id, trigger);
    return ended == null ? records.load(id) : ended;
  }

  /** Like {@link #start}, but null when the record was no longer {@code ACTIVE}. */
  @Nullable AccessRecord startIfActive(
      RecordId id, Function<AccessRecord, List<EvidenceDraft>> trigger) {
    AccessRecord started =
        records.mutate(
            id, r -> r.state() != RecordState.ACTIVE ? null : intent(r, trigger.apply(r)));
    return started == null ? null : provisioning.deprovision(started);
  }

  /**
   * The intent to remove {@code r}: {@code DEPROVISIONING}, committed with the events that decided
   * it before any provider is called.
   */
  static Records.Change intent(AccessRecord r, List<EvidenceDraft> trigger) {
    return new Records.Change(r.toBuilder().state(RecordState.DEPROVISIONING).build(), trigger);
  }

  /**
   * Opens a record for a membership found without one, in {@code state} with the finding and the
   * events {@code then} returns; when the state is {@code DEPROVISIONING} the membership is removed
   * at once. Two workers opening the same finding get one record (an idempotency key names it).
   *
   * @return the opened record, or null when the subject already has a live record of the role (a
   *     request pending, or granted since the membership was found): the store admits one live
   *     record per role, so nothing is opened and the caller acts on that record instead
   */
  @Nullable AccessRecord open(
      LiveMembership.Holding h,
      Role role,
      GroupRef group,
      DriftKind kind,
      DriftAction action,
      String actor,
      String why,
      Instant now,
      RecordState state,
      Function<AccessRecord, List<EvidenceDraft>> then) {
    return open(h, role, group, kind, action, actor, why, now, state, then, Map.of());
  }

  /** As {@link #open}, with {@code extra} details on the finding (e.g. the unmanaged mark). */
  @Nullable AccessRecord open(
      LiveMembership.Holding h,
      Role role,
      GroupRef group,
      DriftKind kind,
      DriftAction action,
      String actor,
      String why,
      Instant now,
      RecordState state,
      Function<AccessRecord, List<EvidenceDraft>> then,
      Map<String, ?> extra) {
    Discovered.Opened opened =
        Discovered.open(
            h.person(),
            role,
            group,
            h.member().userId(),
            kind,
            action,
            actor,
            why,
            state,
            h.latest(),
            now,
            then,
            extra);
    AccessRecord stored;
    try {
      stored = records.insert(opened.record(), opened.events(), Admission.unconditional());
    } catch (AdmissionConflictException held) {
      return null;
    }
    // Opened by another worker first: its owner removes the membership, not this one.
    boolean ours = stored.id().equals(opened.record().id());
    return ours && stored.state() == RecordState.DEPROVISIONING
        ? provisioning.deprovision(stored)
        : stored;
  }
}
