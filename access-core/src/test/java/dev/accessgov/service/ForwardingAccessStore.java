package dev.accessgov.service;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.RecordLeases;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An {@link AccessStore} that passes every call on; tests override the calls they watch. */
class ForwardingAccessStore implements AccessStore {
  private final AccessStore inner;

  ForwardingAccessStore(AccessStore inner) {
    this.inner = inner;
  }

  @Override
  public AccessRecord insert(
      AccessRecord record,
      List<EvidenceDraft> events,
      Admission admission,
      RecordLeases.@Nullable Claim lease) {
    return inner.insert(record, events, admission, lease);
  }

  @Override
  public AccessRecord update(
      AccessRecord next, List<EvidenceDraft> events, RecordLeases.@Nullable Claim lease) {
    return inner.update(next, events, lease);
  }

  @Override
  public RecordLeases leases() {
    return inner.leases();
  }

  @Override
  public dev.accessgov.spi.GovernanceStore governance() {
    return inner.governance();
  }

  @Override
  public Optional<AccessRecord> find(RecordId id) {
    return inner.find(id);
  }

  @Override
  public List<AccessRecord> query(RecordQuery query) {
    return inner.query(query);
  }

  @Override
  public List<AccessRecord> dueForExpiry(Instant now, int limit) {
    return inner.dueForExpiry(now, limit);
  }

  @Override
  public EvidenceEvent appendEvidence(EvidenceDraft event) {
    return inner.appendEvidence(event);
  }

  @Override
  public long evidenceSize() {
    return inner.evidenceSize();
  }

  @Override
  public List<EvidenceEvent> evidence(long fromSeq, int limit) {
    return inner.evidence(fromSeq, limit);
  }

  @Override
  public void saveCheckpoint(Checkpoint checkpoint) {
    inner.saveCheckpoint(checkpoint);
  }

  @Override
  public List<Checkpoint> checkpoints() {
    return inner.checkpoints();
  }

  @Override
  public dev.accessgov.evidence.TreeNodes evidenceTree() {
    return inner.evidenceTree();
  }
}
