package dev.accessgov.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.EvidenceLog;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.ConsistencyProof;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.InclusionProof;
import dev.accessgov.evidence.LogProofs;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.spi.AccessStore;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@link EvidenceLog} over an {@link AccessStore}, reading the chain page by page. Not API. */
final class StoredEvidenceLog implements EvidenceLog {

  private final AccessStore store;
  private final @Nullable CheckpointSigner signer;
  private final Clock clock;

  StoredEvidenceLog(AccessStore store, @Nullable CheckpointSigner signer, Clock clock) {
    this.store = store;
    this.signer = signer;
    this.clock = clock;
  }

  @Override
  public long size() {
    return store.evidenceSize();
  }

  @Override
  public List<EvidenceEvent> read(long fromSeq, int limit) {
    if (fromSeq < 1 || limit < 0) {
      throw new InvalidRequestException(
          "evidence is read from sequence 1 on, at most a non-negative number of events; was from "
              + fromSeq
              + ", limit "
              + limit);
    }
    return store.evidence(fromSeq, limit);
  }

  @Override
  public Checkpoint checkpoint() {
    CheckpointSigner s = requireSigner();
    long size = store.evidenceSize();
    Checkpoint checkpoint = s.sign(size, root(size), clock.instant());
    store.saveCheckpoint(checkpoint);
    return checkpoint;
  }

  @Override
  public byte[] root(long size) {
    requireSize(size, "size");
    return LogProofs.root(size, store.evidenceTree());
  }

  @Override
  public InclusionProof inclusionProof(long seq, long treeSize) {
    requireSize(treeSize, "treeSize");
    if (seq < 1 || seq > treeSize) {
      throw new InvalidRequestException(
          "event " + seq + " is not in the first " + treeSize + " events of the log");
    }
    return LogProofs.inclusion(seq - 1, treeSize, store.evidenceTree());
  }

  @Override
  public ConsistencyProof consistencyProof(long size1, long size2) {
    requireSize(size2, "size2");
    if (size1 < 0 || size1 > size2) {
      throw new InvalidRequestException(
          "a consistency proof goes from a smaller log to a larger one, not from "
              + size1
              + " to "
              + size2
              + " events");
    }
    return LogProofs.consistency(size1, size2, store.evidenceTree());
  }

  private void requireSize(long size, String name) {
    long now = store.evidenceSize();
    if (size < 0 || size > now) {
      throw new InvalidRequestException(
          name + " must be 0 to the log's size, " + now + "; was " + size);
    }
  }

  @Override
  public List<Checkpoint> checkpoints() {
    return store.checkpoints();
  }

  @Override
  public PublicKey publicKey() {
    return requireSigner().publicKey();
  }

  @Override
  public VerificationResult verify() {
    checkpoint();
    return EvidenceVerifier.verify(events(), store.checkpoints(), publicKey());
  }

  @Override
  public void export(Path directory) {
    Objects.requireNonNull(directory, "directory");
    checkpoint();
    EvidenceExport.write(directory, events(), store.checkpoints(), publicKey());
  }

  private CheckpointSigner requireSigner() {
    if (signer == null) {
      throw new AccessConfigurationException(
          "no checkpoint signer; build the service with checkpointSigner(CheckpointSigner.ed25519(...))");
    }
    return signer;
  }
}
