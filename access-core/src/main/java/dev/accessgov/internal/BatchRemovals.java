package dev.accessgov.internal;

import dev.accessgov.ProviderException;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.spi.MembershipChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removals of many deprovisioning records with their answers committed together: each record's
 * provider calls are made (on the sweep's threads), and the answers of up to {@value #CHUNK}
 * records go into one store transaction ({@link Records#commitAll}) instead of one each. Each
 * record's evidence still holds its own provider answers, one DEPROVISIONED event per membership.
 * Safe because the records are leased to this service: no other instance takes them over while the
 * answers wait for their commit, so nobody else asks the provider again. A crash before the commit
 * loses at most one chunk's answers; recovery asks again and records the provider's "not a member".
 * Not API.
 */
final class BatchRemovals {
  /** The most records whose answers wait for one commit. */
  static final int CHUNK = 100;

  private static final Logger log = LoggerFactory.getLogger(BatchRemovals.class);

  private final Provisioning provisioning;
  private final Records records;
  private final Clock clock;

  /** One record's provider answers, not yet committed; null change when it was not entered. */
  record Answered(AccessRecord record, Records.@Nullable Change change) {}

  BatchRemovals(Provisioning provisioning, Records records, Clock clock) {
    this.provisioning = provisioning;
    this.records = records;
    this.clock = clock;
  }

  /**
   * Removes every membership of {@code r} not yet removed and returns the change that records the
   * answers (and the record's end, when all were removed), uncommitted. The record stays entered
   * (worked on by this process) until {@link #commit}. When another thread of this process works on
   * it already, returns a null change and calls nothing.
   */
  Answered remove(AccessRecord r) {
    if (!provisioning.enter(r.id())) {
      return new Answered(r, null);
    }
    try {
      Map<GroupRef, String> toRemove = Provisioning.held(r);
      toRemove.keySet().removeAll(Provisioning.confirmed(r, EvidenceType.DEPROVISIONED).keySet());
      List<EvidenceDraft> events = new ArrayList<>(toRemove.size());
      for (Map.Entry<GroupRef, String> m : toRemove.entrySet()) {
        MembershipChange change;
        try {
          change = provisioning.remove(m.getKey(), m.getValue());
        } catch (ProviderException e) {
          log.error(
              "removing access of record {} from {} failed; recover() will retry: {}",
              r.id(),
              m.getKey(),
              e.getMessage());
          events.add(
              Drafts.failed(r, EvidenceType.DEPROVISION_FAILED, m.getKey(), e, clock.instant()));
          return new Answered(r, new Records.Change(r, events));
        }
        events.add(Drafts.membership(r, EvidenceType.DEPROVISIONED, m.getKey(), change));
      }
      AccessRecord end = Provisioning.ended(r, Provisioning.removalTarget(r), clock.instant());
      return new Answered(r, new Records.Change(end, events));
    } catch (RuntimeException | Error e) {
      provisioning.leave(r.id(), null);
      throw e;
    }
  }

  /**
   * Ends the work on records whose answers will not be committed (the sweep stopped): their leases
   * are released, so recovery asks the provider again.
   */
  void abandon(List<Answered> answered) {
    for (Answered a : answered) {
      if (a.change() != null) {
        provisioning.leave(a.record().id(), null);
      }
    }
  }

  /**
   * Commits the answers of {@code answered} in one store transaction, and ends the work on each
   * record. A record that another writer changed meanwhile is worked on again on its own (the
   * provider then answers for what is left). Returns the records as they end, in order, without
   * those that were not entered.
   */
  List<AccessRecord> commit(List<Answered> answered) {
    List<AccessRecord> currents = new ArrayList<>(answered.size());
    List<Records.Change> changes = new ArrayList<>(answered.size());
    for (Answered a : answered) {
      if (a.change() != null) {
        currents.add(a.record());
        changes.add(a.change());
      }
    }
    List<AccessRecord> ended = new ArrayList<>(currents.size());
    List<@Nullable AccessRecord> stored = List.of();
    try {
      stored =
          currents.isEmpty() ? List.of() : new ArrayList<>(records.commitAll(currents, changes));
      for (int i = 0; i < currents.size(); i++) {
        AccessRecord done = stored.get(i);
        if (done == null) {
          // Stale: look again, one record at a time; the provider calls are idempotent.
          done = provisioning.deprovisionClaimed(records.load(currents.get(i).id()));
          stored.set(i, done);
        }
        ended.add(done);
      }
      return ended;
    } finally {
      for (int i = 0; i < currents.size(); i++) {
        RecordId id = currents.get(i).id();
        provisioning.leave(id, i < stored.size() ? stored.get(i) : null);
      }
    }
  }
}
