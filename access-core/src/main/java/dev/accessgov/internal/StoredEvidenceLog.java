package dev.accessgov.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.EvidenceLog;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceVerifier;
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
    if (size == 0) {
      throw new StateConflictException(
          "the evidence chain is empty; there is nothing to checkpoint");
    }
    EvidenceEvent head = store.evidence(size, 1).get(0);
    Checkpoint checkpoint = s.sign(head.seq(), head.hash(), clock.instant());
    store.saveCheckpoint(checkpoint);
    return checkpoint;
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
