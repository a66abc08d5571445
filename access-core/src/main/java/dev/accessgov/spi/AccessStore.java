package dev.accessgov.spi;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where records and the evidence chain live. The one promise that matters: a record's new state and
 * the evidence that explains it are written together or not at all, and the chain stays gapless and
 * valid however many threads (or processes, for shared stores) append at once. The store seals
 * drafts into the chain with {@link dev.accessgov.evidence.EvidenceHasher}. Implementations are
 * thread-safe; arguments are never null. Failures of the underlying system are {@link
 * dev.accessgov.ProviderException}s.
 */
public interface AccessStore {

  /**
   * Stores a new record (its {@code version} is ignored and becomes 1) and seals {@code events}
   * into the chain, atomically. When a record with the same non-null idempotency key exists,
   * returns that record and writes nothing.
   *
   * @return the stored record with its timeline, or the existing record with the same key
   */
  AccessRecord insert(AccessRecord record, List<EvidenceDraft> events);

  /**
   * Replaces a record and seals {@code events} into the chain, atomically. {@code next.version()}
   * must be the version that was read; the stored version becomes one higher. The timeline of
   * {@code next} is ignored: the store appends the sealed events to the stored timeline.
   *
   * @return the stored record with its full timeline
   * @throws StaleRecordException when the stored version differs; nothing is written
   * @throws dev.accessgov.NotFoundException when there is no such record
   */
  AccessRecord update(AccessRecord next, List<EvidenceDraft> events);

  /** The record with this id, with its timeline. */
  Optional<AccessRecord> find(RecordId id);

  /** Records matching the query, oldest request first. */
  List<AccessRecord> query(RecordQuery query);

  /**
   * Active records whose {@code expiresAt} is at or before {@code now}, soonest first, at most
   * {@code limit}. Cost grows with the number returned, not with the number of records.
   */
  List<AccessRecord> dueForExpiry(Instant now, int limit);

  /** The number of events in the chain (the sequence number of the last one). */
  long evidenceSize();

  /** Up to {@code limit} events from sequence {@code fromSeq} on, in order. */
  List<EvidenceEvent> evidence(long fromSeq, int limit);

  /** Stores a checkpoint; its size must not exceed {@link #evidenceSize()}. */
  void saveCheckpoint(Checkpoint checkpoint);

  /** Every stored checkpoint, smallest size first. */
  List<Checkpoint> checkpoints();
}
