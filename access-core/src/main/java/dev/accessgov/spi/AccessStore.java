package dev.accessgov.spi;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.TreeNodes;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where records and the evidence chain live. The promises every implementation keeps, each checked
 * by {@code dev.accessgov.testkit.AccessStoreContract}:
 *
 * <ul>
 *   <li><b>Atomic change.</b> A record's new state and the evidence that explains it are written
 *       together or not at all, and the chain stays gapless and valid however many threads (or
 *       processes, for shared stores) append at once. The store seals drafts into the chain with
 *       {@link dev.accessgov.evidence.EvidenceHasher}.
 *   <li><b>Atomic admission.</b> A subject has at most one live record ({@link
 *       dev.accessgov.record.RecordState#isLive()}) per role, and a new live record is stored only
 *       while the subject's live records are those its {@link Admission} was decided on. Both are
 *       checked inside the transaction that inserts, serialised with every other insert for the
 *       same subject, so of two racing requests at most one passes: the other gets an {@link
 *       AdmissionConflictException} and is decided again. This is what makes separation of duties
 *       hold when requests race.
 *   <li><b>Leases with the intent.</b> A write that puts a record in flight may carry a {@link
 *       RecordLeases.Claim}; the store keeps it in {@link #leases()} in the same transaction, as
 *       {@link RecordLeases} describes.
 *   <li><b>Governance state beside the records.</b> Review campaigns, reminders, reclaim notices
 *       and exemptions live in {@link #governance()}, and a review decision's evidence settles its
 *       item in the same transaction, as {@link GovernanceStore} describes.
 * </ul>
 *
 * Implementations are thread-safe; arguments are never null. Failures of the underlying system are
 * {@link dev.accessgov.ProviderException}s.
 */
public interface AccessStore {

  /**
   * Stores a new record (its {@code version} is ignored and becomes 1) and seals {@code events}
   * into the chain, atomically, under {@link Admission#unconditional()}.
   *
   * @return the stored record with its timeline, or the existing record with the same key
   * @throws AdmissionConflictException as for {@link #insert(AccessRecord, List, Admission)}
   */
  default AccessRecord insert(AccessRecord record, List<EvidenceDraft> events) {
    return insert(record, events, Admission.unconditional());
  }

  /**
   * Stores a new record (its {@code version} is ignored and becomes 1) and seals {@code events}
   * into the chain, atomically. When a record with the same non-null idempotency key exists,
   * returns that record and writes nothing. Otherwise, when the new record is live, it is admitted
   * only if, at the moment of writing, the subject has no other live record of the same role and
   * {@code admission} {@linkplain Admission#holdsFor holds} for the subject's live records.
   *
   * @return the stored record with its timeline, or the existing record with the same key
   * @throws AdmissionConflictException when the record is not admitted; nothing is written
   */
  default AccessRecord insert(
      AccessRecord record, List<EvidenceDraft> events, Admission admission) {
    return insert(record, events, admission, null);
  }

  /**
   * Like {@link #insert(AccessRecord, List, Admission)}, and, when {@code lease} is given and the
   * record is stored, stores {@code lease} as the record's lease in the same transaction. An
   * existing record returned for its idempotency key gets no lease.
   *
   * @return the stored record with its timeline, or the existing record with the same key
   * @throws AdmissionConflictException when the record is not admitted; nothing is written
   */
  AccessRecord insert(
      AccessRecord record,
      List<EvidenceDraft> events,
      Admission admission,
      RecordLeases.@Nullable Claim lease);

  /**
   * Replaces a record and seals {@code events} into the chain, atomically. {@code next.version()}
   * must be the version that was read; the stored version becomes one higher. The timeline of
   * {@code next} is ignored: the store appends the sealed events to the stored timeline.
   *
   * @return the stored record with its full timeline
   * @throws StaleRecordException when the stored version differs; nothing is written
   * @throws dev.accessgov.NotFoundException when there is no such record
   */
  default AccessRecord update(AccessRecord next, List<EvidenceDraft> events) {
    return update(next, events, null);
  }

  /**
   * Like {@link #update(AccessRecord, List)}, and, when {@code lease} is given, stores it as the
   * record's lease (replacing any other) in the same transaction; a stale update stores no lease.
   * Whatever {@code lease} is, an update that leaves the record in a state that is not in flight
   * ({@link dev.accessgov.record.RecordState#isInFlight()}) drops the record's lease with it.
   *
   * @return the stored record with its full timeline
   * @throws StaleRecordException when the stored version differs; nothing is written
   * @throws dev.accessgov.NotFoundException when there is no such record
   */
  AccessRecord update(
      AccessRecord next, List<EvidenceDraft> events, RecordLeases.@Nullable Claim lease);

  /**
   * One change of one record for {@link #updateAll}: the record as it should be stored, the events
   * that explain it, and optionally the lease to store with it.
   *
   * @param next as for {@link #update}: its version is the one that was read
   * @param events as for {@link #update}
   * @param lease as for {@link #update(AccessRecord, List, RecordLeases.Claim)}, or null for none
   */
  record Update(AccessRecord next, List<EvidenceDraft> events, RecordLeases.@Nullable Claim lease) {
    /** Checks the fields and copies the list. */
    public Update {
      java.util.Objects.requireNonNull(next, "next");
      events = List.copyOf(events);
    }

    /** An update that writes no lease. */
    public Update(AccessRecord next, List<EvidenceDraft> events) {
      this(next, events, null);
    }
  }

  /**
   * Stores several updates of different records, each exactly as {@link #update} would, in as few
   * transactions as the store can: for a sweep over thousands of records this is the difference
   * between one commit per record and one per batch. Each update stands on its own: a stale one
   * (the stored version moved on), or one whose decision event names an item that cannot take it
   * ({@link GovernanceStore.ItemDecidedException}), is not stored and its place in the result is
   * null, while the others are stored; their events enter the chain in the order given.
   *
   * <p>The default stores them one after another with {@link #update}; a store that can do better
   * (one transaction, one chain append) overrides it.
   *
   * @return for each update in order, the stored record with its full timeline, or null when stale
   * @throws dev.accessgov.NotFoundException when a record does not exist; updates before it may
   *     have been stored
   */
  default List<@Nullable AccessRecord> updateAll(List<Update> updates) {
    List<@Nullable AccessRecord> stored = new java.util.ArrayList<>(updates.size());
    for (Update u : updates) {
      try {
        stored.add(update(u.next(), u.events(), u.lease()));
      } catch (StaleRecordException | GovernanceStore.ItemDecidedException skipped) {
        stored.add(null);
      }
    }
    return stored;
  }

  /** The leases on in-flight records this store keeps; the same instance on every call. */
  RecordLeases leases();

  /**
   * The governance state in this store: campaigns, items, reminders, reclaim notices and
   * exemptions, as {@link GovernanceStore} describes.
   */
  GovernanceStore governance();

  /** The record with this id, with its timeline. */
  Optional<AccessRecord> find(RecordId id);

  /** Records matching the query, oldest request first. */
  List<AccessRecord> query(RecordQuery query);

  /**
   * Active records whose {@code expiresAt} is at or before {@code now}, soonest first, at most
   * {@code limit}. Cost grows with the number returned, not with the number of records.
   */
  List<AccessRecord> dueForExpiry(Instant now, int limit);

  /**
   * Seals one event that belongs to no access record into the chain, such as the record of a
   * completed reconcile run; {@code event.recordId()} names what it is about instead. No record is
   * written, read or checked. Not idempotent: each call appends one event.
   *
   * @return the event as sealed into the chain, with its sequence number and hashes
   */
  EvidenceEvent appendEvidence(EvidenceDraft event);

  /** The number of events in the chain (the sequence number of the last one). */
  long evidenceSize();

  /** Up to {@code limit} events from sequence {@code fromSeq} on, in order. */
  List<EvidenceEvent> evidence(long fromSeq, int limit);

  /**
   * The log's Merkle tree ({@link dev.accessgov.evidence.Merkle}, RFC 9162) as the hashes of its
   * complete subtrees, from which every root and proof of the log is built ({@link
   * dev.accessgov.evidence.LogProofs}) in one read.
   *
   * <p><b>Guarantee:</b> a store maintains the tree as it appends, in the same atomic step as the
   * events: whenever an event is visible, so is every subtree it completed, so the tree of any size
   * up to {@link #evidenceSize()} can be read at any time, from any thread or process. The leaf of
   * event {@code n} is {@code Merkle.leafHash(event n)}, at index {@code n - 1}. Appending costs
   * O(log n): the root of ten million events is never recomputed. The contract kit checks roots and
   * proofs against the tree recomputed from the events, under concurrent appends.
   */
  TreeNodes evidenceTree();

  /** Stores a checkpoint; its size must not exceed {@link #evidenceSize()}. */
  void saveCheckpoint(Checkpoint checkpoint);

  /** Every stored checkpoint, smallest size first. */
  List<Checkpoint> checkpoints();

  /**
   * The latest stored checkpoint ({@link Checkpoint#latest}), or empty when there is none. The
   * health reading and {@code checkpointIfDue} ask for it often, so a store whose checkpoints grow
   * without bound answers from an index rather than reading them all, as this default does. The
   * contract kit checks that the answer equals {@code Checkpoint.latest(checkpoints())}.
   */
  default Optional<Checkpoint> latestCheckpoint() {
    return Checkpoint.latest(checkpoints());
  }
}
