package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.*;

import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.reconcile.DriftKind;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Records for access found in an identity provider without a record that explains it, and the
 * {@code DRIFT_DETECTED} evidence every finding writes. A discovered record's first event is the
 * finding; it names the membership, which is what later removal takes back. Not API.
 */
final class Discovered {
  /** Drift kinds whose finding opens a record holding the membership found. */
  static final Set<String> FOUND =
      Set.of(DriftKind.UNEXPLAINED.name(), DriftKind.EXPIRED_PRESENT.name());

  private Discovered() {}

  /** Whether the record was opened for access found outside the library. */
  static boolean isDiscovered(AccessRecord r) {
    return r.discovered();
  }

  /**
   * A new record for a membership found in the provider, and its first event.
   *
   * @param state {@code ACTIVE} to keep the access pending a decision, {@code DEPROVISIONING} when
   *     {@code then} adds the removal trigger
   * @param after the person's latest record of these roles, or null; it makes the idempotency key
   *     unique per appearance, so concurrent runs open one record and a later reappearance another
   * @param then events to add after the finding, given the new record
   * @param more further details of the finding (e.g. the unmanaged mark)
   */
  static Opened open(
      PersonId subject,
      Role role,
      GroupRef group,
      String idpUser,
      DriftKind kind,
      DriftAction action,
      String actor,
      String reason,
      RecordState state,
      @Nullable AccessRecord after,
      Instant now,
      Function<AccessRecord, List<EvidenceDraft>> then,
      Map<String, ?> more) {
    AccessRecord record =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(subject)
            .roleId(role.id())
            .requester(PersonId.of(actor))
            .reason(reason)
            .state(state)
            .requestedAt(now)
            .activatedAt(now)
            .reviewDueAt(now)
            .idempotencyKey(
                "drift:" + group + ":" + idpUser + ":after:" + (after == null ? "-" : after.id()))
            .build();
    Map<String, @Nullable Object> extra = new LinkedHashMap<>(more);
    extra.put(SUBJECT, subject.value());
    extra.put(ROLE, role.id().value());
    if (after != null) {
      extra.put(PREVIOUS_RECORD, after.id().value());
    }
    List<EvidenceDraft> events = new ArrayList<>();
    events.add(finding(record, kind, action, group, idpUser, actor, reason, now, extra));
    events.addAll(then.apply(record));
    return new Opened(record, events);
  }

  /** A record ready to insert, with its events. */
  record Opened(AccessRecord record, List<EvidenceDraft> events) {}

  /** The {@code DRIFT_DETECTED} event of one finding. */
  static EvidenceDraft finding(
      AccessRecord r,
      DriftKind kind,
      DriftAction action,
      GroupRef group,
      @Nullable String idpUser,
      String actor,
      String reason,
      Instant at,
      Map<String, ? extends @Nullable Object> extra) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>(extra);
    d.put(DRIFT, kind.name());
    d.put(ACTION, action.name());
    d.put(PROVIDER, group.providerId());
    d.put(GROUP, group.groupId());
    d.put(IDP_USER, idpUser);
    d.put(REASON, reason);
    return EvidenceDraft.of(r.id().value(), EvidenceType.DRIFT_DETECTED, actor, at, d);
  }

  /** The latest event about {@code group} on the record: a change, a failure or a finding. */
  static @Nullable EvidenceEvent lastAbout(AccessRecord r, GroupRef group) {
    Set<EvidenceType> about =
        Set.of(
            EvidenceType.PROVISIONED,
            EvidenceType.PROVISION_FAILED,
            EvidenceType.DEPROVISIONED,
            EvidenceType.DRIFT_DETECTED);
    EvidenceEvent last = null;
    for (EvidenceEvent e : r.timeline()) {
      if (about.contains(e.type())
          && group.providerId().equals(e.detailText(PROVIDER))
          && group.groupId().equals(e.detailText(GROUP))) {
        last = e;
      }
    }
    return last;
  }

  /** The hash of the latest finding on a stored record. */
  static String lastFindingHash(AccessRecord stored) {
    return stored.lastEvent(EvidenceType.DRIFT_DETECTED).orElseThrow().hash();
  }
}
