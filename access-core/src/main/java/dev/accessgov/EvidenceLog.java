package dev.accessgov;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.VerificationResult;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

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
