package dev.accessgov;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.ConsistencyProof;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.InclusionProof;
import dev.accessgov.evidence.VerificationResult;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The service's view of the evidence log: read it, sign checkpoints, prove what it holds, verify
 * it, export it for an auditor. The log is an RFC 9162 Merkle tree over the events in sequence
 * order (event {@code n} is leaf {@code n - 1}); checkpoints are C2SP signed notes of its root
 * ({@link Checkpoint}). Obtained from {@link AccessService#evidence()}.
 */
public interface EvidenceLog {

  /** The number of events in the chain. */
  long size();

  /** Up to {@code limit} events from sequence {@code fromSeq} (from 1) on. */
  List<EvidenceEvent> read(long fromSeq, int limit);

  /**
   * The chain as it stands now (up to {@link #size()} when called), read lazily a page at a time
   * through {@link #read}, so a chain of any length is walked in bounded memory.
   */
  default Iterator<EvidenceEvent> events() {
    return events(size());
  }

  /**
   * The first {@code end} events, read lazily a page at a time through {@link #read}: what a
   * checkpoint of size {@code end} covers, however much the log grew since.
   */
  default Iterator<EvidenceEvent> events(long end) {
    return new Iterator<>() {
      private long next = 1;
      private List<EvidenceEvent> page = List.of();
      private int index;

      @Override
      public boolean hasNext() {
        if (index < page.size()) {
          return true;
        }
        if (next > end) {
          return false;
        }
        page = read(next, (int) Math.min(4096, end - next + 1));
        index = 0;
        next += page.size();
        return !page.isEmpty();
      }

      @Override
      public EvidenceEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(index++);
      }
    };
  }

  /**
   * Signs a checkpoint of the log as it stands (an empty log too), stores it and publishes it to
   * the service's {@link dev.accessgov.spi.CheckpointSink}. First it checks that the log still
   * contains and extends the latest published and the latest stored checkpoint: a log cut back or
   * rewritten is never signed over.
   *
   * @throws AccessConfigurationException when the service was built without a checkpoint signer
   * @throws EvidenceIntegrityException when the log no longer extends one of those checkpoints
   */
  Checkpoint checkpoint();

  /**
   * Signs a {@link #checkpoint()} when one is due: the log grew since the latest checkpoint, or it
   * is at least {@code maxAge} old, or there is none. The heartbeat {@code AccessScheduler} runs,
   * so that the latest checkpoint is never older than {@code maxAge} and its date tells an auditor
   * how current the evidence they hold is.
   *
   * @return the new checkpoint, or empty when none was due
   * @throws AccessConfigurationException when the service was built without a checkpoint signer
   * @throws EvidenceIntegrityException as {@link #checkpoint()}
   */
  Optional<Checkpoint> checkpointIfDue(Duration maxAge);

  /** Whether the service can sign checkpoints: it was built with a checkpoint signer. */
  boolean signs();

  /**
   * The Merkle root of the first {@code size} events, read from the store's tree in one query.
   *
   * @throws InvalidRequestException if {@code size} is negative or beyond the log
   */
  byte[] root(long size);

  /**
   * The proof that event {@code seq} is in the log of the first {@code treeSize} events, whose root
   * a checkpoint of that size signs ({@link InclusionProof#verify} with {@code
   * Merkle.leafHash(event)} and the checkpoint's root).
   *
   * @throws InvalidRequestException if {@code seq} is not within the first {@code treeSize} events,
   *     or {@code treeSize} is beyond the log
   */
  InclusionProof inclusionProof(long seq, long treeSize);

  /**
   * The proof that the log of {@code size1} events grew into the log of {@code size2} events and
   * changed nothing before: what an auditor checks between the checkpoint they kept and a newer
   * one.
   *
   * @throws InvalidRequestException unless {@code 0 <= size1 <= size2 <= size()}
   */
  ConsistencyProof consistencyProof(long size1, long size2);

  /** Every stored checkpoint, smallest first. */
  List<Checkpoint> checkpoints();

  /** The public key checkpoints verify with. */
  PublicKey publicKey();

  /**
   * Signs a checkpoint of the log as it stands, then verifies every event and every stored
   * checkpoint, streaming from the store, and that the log extends the latest published checkpoint:
   * any row changed or removed under an earlier checkpoint fails.
   *
   * @throws AccessConfigurationException when the service was built without a checkpoint signer
   */
  VerificationResult verify();

  /**
   * Signs a checkpoint of the current head, then writes the chain, its checkpoints and the public
   * key to {@code directory} in the format {@link dev.accessgov.evidence.EvidenceVerifier} reads
   * offline.
   */
  void export(Path directory);
}
