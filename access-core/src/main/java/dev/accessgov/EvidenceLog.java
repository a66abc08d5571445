package dev.accessgov;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.VerificationResult;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The service's view of the evidence chain: read it, sign checkpoints, verify it, export it for an
 * auditor. Obtained from {@link AccessService#evidence()}.
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
    long end = size();
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
   * Signs the current head of the chain and stores the checkpoint.
   *
   * @throws AccessConfigurationException when the service was built without a checkpoint signer
   * @throws StateConflictException when the chain is empty
   */
  Checkpoint checkpoint();

  /** Every stored checkpoint, smallest first. */
  List<Checkpoint> checkpoints();

  /** The public key checkpoints verify with. */
  PublicKey publicKey();

  /** Verifies the whole chain and every checkpoint, streaming from the store. */
  VerificationResult verify();

  /**
   * Signs a checkpoint of the current head, then writes the chain, its checkpoints and the public
   * key to {@code directory} in the format {@link dev.accessgov.evidence.EvidenceVerifier} reads
   * offline.
   */
  void export(Path directory);
}
