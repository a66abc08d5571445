package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.ProviderException;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.spi.MembershipResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removals of many deprovisioning records with their answers committed together: the provider calls
 * of up to {@value #CHUNK} records are made one per group ({@link
 * dev.accessgov.spi.IdentityProvider#removeMembers}, on the sweep's threads), and their answers go
 * into one store transaction ({@link Records#commitAll}) instead of one each. Each record's
 * evidence still holds its own provider answers, one DEPROVISIONED event per membership. Safe
 * because the records are leased to this service: no other instance takes them over while the
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
   * The removals of one chunk, planned: each record entered (worked on by this process) with the
   * memberships it still holds, grouped by group so that each provider is asked once per group
   * ({@link dev.accessgov.spi.IdentityProvider#removeMembers}).
   */
  final class Plan {
    private final List<AccessRecord> chunk;
    private final List<Map<GroupRef, String>> pending = new ArrayList<>();
    private final Map<GroupRef, Removal> byGroup = new LinkedHashMap<>();

    private Plan(List<AccessRecord> chunk) {
      this.chunk = chunk;
    }

    /** The provider calls to make: one per group. */
    List<Removal> removals() {
      return List.copyOf(byGroup.values());
    }

    /**
     * The chunk's answers, in chunk order, once every removal of {@link #removals} has been made
     * ({@link #remove}). A record one of whose groups was not answered (its call threw something
     * other than a provider's refusal, already reported by the caller) is left, for recovery to
     * finish, and has no answer.
     */
    List<Answered> answers() {
      List<Answered> answered = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        AccessRecord r = chunk.get(i);
        Map<GroupRef, String> toRemove = pending.get(i);
        if (toRemove == null) {
          answered.add(new Answered(r, null));
          continue;
        }
        List<EvidenceDraft> events = new ArrayList<>(toRemove.size());
        boolean allRemoved = true;
        boolean unanswered = false;
        for (GroupRef group : toRemove.keySet()) {
          // Every group a record waits on was planned as a removal (see plan).
          Removal removal = requireNonNull(byGroup.get(group), "removal of a pending group");
          MembershipResult result = removal.results.get(r.id());
          if (result == null) {
            unanswered = true;
          } else if (result instanceof MembershipResult.Changed changed) {
            events.add(Drafts.membership(r, EvidenceType.DEPROVISIONED, group, changed.change()));
          } else {
            ProviderException e = ((MembershipResult.Failed) result).error();
            log.error(
                "removing access of record {} from {} failed; recover() will retry: {}",
                r.id(),
                group,
                e.getMessage());
            events.add(
                Drafts.failed(r, EvidenceType.DEPROVISION_FAILED, group, e, clock.instant()));
            allRemoved = false;
          }
        }
        if (unanswered) {
          provisioning.leave(r.id(), null);
          continue;
        }
        AccessRecord end =
            allRemoved ? Provisioning.ended(r, Provisioning.removalTarget(r), clock.instant()) : r;
        answered.add(new Answered(r, new Records.Change(end, events)));
      }
      return answered;
    }

    /**
     * The records a provider bug left unanswered, with the exception; {@link #answers} leaves them
     * for recovery, and the sweep reports them.
     */
    Map<RecordId, RuntimeException> unexpected() {
      Map<RecordId, RuntimeException> all = new LinkedHashMap<>();
      byGroup.values().forEach(r -> r.unexpected.forEach(all::putIfAbsent));
      return all;
    }

    /**
     * Ends the work on every record entered, when the chunk is given up before {@link #answers}.
     */
    void abandon() {
      for (int i = 0; i < chunk.size(); i++) {
        if (pending.get(i) != null) {
          provisioning.leave(chunk.get(i).id(), null);
        }
      }
    }
  }

  /** One provider call of a {@link Plan}: the members of one group that records still hold. */
  static final class Removal {
    private final GroupRef group;
    private final List<RecordId> owners = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final Map<RecordId, MembershipResult> results = new HashMap<>();
    private final Map<RecordId, RuntimeException> unexpected = new HashMap<>();

    private Removal(GroupRef group) {
      this.group = group;
    }

    /** The records whose memberships this call removes. */
    List<RecordId> owners() {
      return owners;
    }
  }

  /**
   * Enters every record of {@code chunk} and plans the removal of every membership it holds and has
   * not removed yet. A record another thread of this process works on already is passed over: its
   * answer will have a null change.
   */
  Plan plan(List<AccessRecord> chunk) {
    Plan plan = new Plan(chunk);
    for (AccessRecord r : chunk) {
      if (!provisioning.enter(r.id())) {
        plan.pending.add(null);
        continue;
      }
      Map<GroupRef, String> toRemove = Provisioning.held(r);
      toRemove.keySet().removeAll(Provisioning.confirmed(r, EvidenceType.DEPROVISIONED).keySet());
      plan.pending.add(toRemove);
      for (Map.Entry<GroupRef, String> m : toRemove.entrySet()) {
        Removal removal = plan.byGroup.computeIfAbsent(m.getKey(), Removal::new);
        removal.owners.add(r.id());
        removal.users.add(m.getValue());
      }
    }
    return plan;
  }

  /**
   * Makes the calls of one group of a plan: asks its provider to remove the members, up to {@link
   * dev.accessgov.spi.IdentityProvider#bulkRemovals} of them per call. A refusal of a whole call
   * counts as the same refusal for each of its members; any other exception (a provider bug) leaves
   * its members' records unanswered, reported by {@link Plan#unexpected}, and the calls go on.
   *
   * @return the removal, with its answers
   */
  Removal remove(Removal removal) {
    List<String> users = distinct(removal.users);
    int size = Math.max(1, provisioning.bulkRemovals(removal.group));
    Map<String, MembershipResult> byUser = new HashMap<>();
    Map<String, RuntimeException> broken = new HashMap<>();
    for (int from = 0; from < users.size(); from += size) {
      List<String> part = users.subList(from, Math.min(users.size(), from + size));
      try {
        for (MembershipResult result : answers(removal.group, part)) {
          byUser.put(result.userId(), result);
        }
      } catch (RuntimeException e) {
        part.forEach(user -> broken.put(user, e));
      }
    }
    for (int i = 0; i < removal.owners.size(); i++) {
      String user = removal.users.get(i);
      MembershipResult result = byUser.get(user);
      if (result != null) {
        removal.results.put(removal.owners.get(i), result);
      } else {
        RuntimeException e = broken.get(user);
        removal.unexpected.put(
            removal.owners.get(i),
            e != null
                ? e
                : new IllegalStateException(
                    "provider "
                        + removal.group.providerId()
                        + " gave no answer for a member it was asked to remove from "
                        + removal.group.groupId()));
      }
    }
    return removal;
  }

  /** One call: the provider's answers for {@code users}, a whole-call refusal as each one's. */
  private List<MembershipResult> answers(GroupRef group, List<String> users) {
    try {
      return provisioning.removeAll(group, users);
    } catch (ProviderException e) {
      List<MembershipResult> failed = new ArrayList<>(users.size());
      for (String user : users) {
        failed.add(new MembershipResult.Failed(group.groupId(), user, e));
      }
      return failed;
    }
  }

  /** Each user once: two records can hold the same membership (found by reconcile, say). */
  private static List<String> distinct(List<String> users) {
    return List.copyOf(new LinkedHashSet<>(users));
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
