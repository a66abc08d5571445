package dev.accessgov.testkit;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.LogTree;
import dev.accessgov.evidence.Merkle;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.spi.AccessStore;
import java.time.Instant;
import java.util.List;

/** How the contracts check a store's whole log, trusting nothing the store computed. */
final class LogChecks {
  private static final CheckpointSigner SIGNER = CheckpointSigner.generate("contract");

  private LogChecks() {}

  /**
   * Verifies every event of {@code store} under a checkpoint of the root recomputed from the events
   * themselves, so the store's own tree is not trusted here.
   */
  static VerificationResult verifyAll(AccessStore store) {
    List<EvidenceEvent> all = store.evidence(1, (int) store.evidenceSize());
    Checkpoint head = SIGNER.sign(all.size(), root(all, all.size()), Instant.EPOCH);
    return EvidenceVerifier.verify(all.iterator(), List.of(head), SIGNER.publicKey());
  }

  /** The Merkle root of the first {@code size} of {@code events}, computed from the events. */
  static byte[] root(List<EvidenceEvent> events, long size) {
    LogTree tree = LogTree.empty();
    events.subList(0, (int) size).forEach(e -> tree.append(Merkle.leafHash(e)));
    return tree.root();
  }
}
