package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.EvidenceIntegrityException;
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
import dev.accessgov.evidence.Trusted;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.CheckpointSink;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link EvidenceLog} over an {@link AccessStore}, reading the chain page by page. Not API. */
final class StoredEvidenceLog implements EvidenceLog {

  private final AccessStore store;
  private final @Nullable CheckpointSigner signer;
  private final CheckpointSink sink;
  private final Clock clock;

  StoredEvidenceLog(
      AccessStore store, @Nullable CheckpointSigner signer, CheckpointSink sink, Clock clock) {
    this.store = store;
    this.signer = signer;
    this.sink = sink;
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
    // The anchors are read before the size: the log only grows, so an anchor larger than the size
    // read after it means events were removed, not that another instance signed meanwhile.
    List<Checkpoint> anchors = anchors();
    long size = store.evidenceSize();
    byte[] root = root(size);
    for (Checkpoint anchor : anchors) {
      requireExtends(anchor, size, root);
    }
    Checkpoint checkpoint = s.sign(size, root, clock.instant());
    store.saveCheckpoint(checkpoint);
    sink.publish(checkpoint);
    return checkpoint;
  }

  @Override
  public Optional<Checkpoint> checkpointIfDue(Duration maxAge) {
    requireNonNull(maxAge, "maxAge");
    requireSigner();
    Optional<Checkpoint> latest = store.latestCheckpoint();
    boolean due =
        latest.isEmpty()
            || latest.get().size() < store.evidenceSize()
            || !latest.get().time().plus(maxAge).isAfter(clock.instant());
    return due ? Optional.of(checkpoint()) : Optional.empty();
  }

  @Override
  public boolean signs() {
    return signer != null;
  }

  /** The checkpoints the log must still contain: the latest published and the latest stored. */
  private List<Checkpoint> anchors() {
    List<Checkpoint> anchors = new ArrayList<>(2);
    sink.latest().ifPresent(anchors::add);
    store.latestCheckpoint().ifPresent(anchors::add);
    return anchors;
  }

  /** Refuses to go on when the log of {@code size} events no longer extends {@code anchor}. */
  private void requireExtends(Checkpoint anchor, long size, byte[] root) {
    if (anchor.size() > size) {
      throw new EvidenceIntegrityException(
          "the evidence log has "
              + size
              + " events, but the checkpoint of "
              + anchor.origin()
              + " signed at "
              + anchor.time()
              + " covered "
              + anchor.size()
              + ": events were removed from the store; no checkpoint is signed over it");
    }
    byte[] then = anchor.size() == size ? root : root(anchor.size());
    if (!MessageDigest.isEqual(then, anchor.root())) {
      throw new EvidenceIntegrityException(
          "the first "
              + anchor.size()
              + " events of the evidence log are not those the checkpoint of "
              + anchor.origin()
              + " signed at "
              + anchor.time()
              + " covered (root "
              + anchor.rootHash()
              + "): events were rewritten in the store; no checkpoint is signed over it");
    }
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
    Optional<Checkpoint> published = sink.latest();
    long end;
    List<Checkpoint> checkpoints;
    try {
      end = checkpoint().size();
      checkpoints = checkpointsUpTo(end);
    } catch (EvidenceIntegrityException e) {
      // Nothing is signed over a damaged log; every stored checkpoint, a larger one included,
      // shows where it breaks.
      end = store.evidenceSize();
      checkpoints = store.checkpoints();
    }
    Trusted trusted = Trusted.key(publicKey());
    if (published.isPresent()) {
      trusted = trusted.since(published.get());
    }
    return EvidenceVerifier.verify(events(end), checkpoints, trusted);
  }

  /**
   * The stored checkpoints of the first {@code end} events: others may have signed larger ones
   * since, over events this reader does not read.
   */
  private List<Checkpoint> checkpointsUpTo(long end) {
    return store.checkpoints().stream().filter(c -> c.size() <= end).toList();
  }

  @Override
  public void export(Path directory) {
    Objects.requireNonNull(directory, "directory");
    long end = checkpoint().size();
    EvidenceExport.write(directory, events(end), checkpointsUpTo(end), publicKey());
  }

  private CheckpointSigner requireSigner() {
    if (signer == null) {
      throw new AccessConfigurationException(
          "no checkpoint signer; build the service with checkpointSigner(CheckpointSigner.ed25519(...))");
    }
    return signer;
  }
}
