package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks an evidence chain offline, with nothing but its events, its checkpoints and the checkpoint
 * public key. Events are streamed: memory use does not grow with the number of events.
 *
 * <p>The checks, for each event in order:
 *
 * <ol>
 *   <li>its {@code seq} is its position: 1, 2, 3, ... (catches deletion, insertion and reordering);
 *   <li>its {@code prevHash} is the previous event's hash, or {@link EvidenceEvent#GENESIS_HASH};
 *   <li>its {@code hash} is the hash of its contents ({@link EvidenceHasher#hashOf});
 *   <li>every checkpoint of that size has a valid Ed25519 signature by the key and names this
 *       event's hash as its head.
 * </ol>
 *
 * A checkpoint larger than the chain proves that events were removed from the end. The first
 * problem, by sequence number, is reported; at equal sequence numbers an event problem comes before
 * a checkpoint problem.
 *
 * <p>What this proves: the events up to the last valid checkpoint are exactly those that existed
 * when the key holder signed it. Events after the last checkpoint are only internally consistent:
 * someone with write access to the store could have rewritten or dropped them. Checkpoints removed
 * from the export cannot be noticed either, so an auditor should keep the checkpoints they have
 * seen, or obtain the latest one independently.
 *
 * <p>All methods are thread-safe.
 */
public final class EvidenceVerifier {
  private EvidenceVerifier() {}

  /**
   * Verifies {@code events}, consumed once in order, against {@code checkpoints} (in any order),
   * whose signatures must verify with {@code publicKey}. A {@link MalformedEvidenceException}
   * thrown by the iterator becomes a failure at the malformed line's position.
   *
   * @throws IllegalArgumentException if {@code publicKey} is not an Ed25519 key
   */
  public static VerificationResult verify(
      Iterator<EvidenceEvent> events, List<Checkpoint> checkpoints, PublicKey publicKey) {
    requireNonNull(events, "events");
    // Fail fast on a wrong kind of key, before reading any events.
    CheckpointSigner.verifierFor(publicKey);
    List<Checkpoint> bySize = new ArrayList<>(requireNonNull(checkpoints, "checkpoints"));
    bySize.sort(Comparator.comparingLong(Checkpoint::size));
    int nextCheckpoint = 0;
    long seq = 1;
    String prevHash = EvidenceEvent.GENESIS_HASH;
    while (true) {
      EvidenceEvent event;
      try {
        if (!events.hasNext()) {
          break;
        }
        event = events.next();
      } catch (MalformedEvidenceException e) {
        return VerificationResult.failed(seq - 1, nextCheckpoint, seq, e.getMessage());
      }
      String problem = eventProblem(event, seq, prevHash);
      if (problem != null) {
        return VerificationResult.failed(seq - 1, nextCheckpoint, seq, problem);
      }
      prevHash = event.hash();
      while (nextCheckpoint < bySize.size() && bySize.get(nextCheckpoint).size() == seq) {
        problem = checkpointProblem(bySize.get(nextCheckpoint), publicKey, event);
        if (problem != null) {
          return VerificationResult.failed(seq, nextCheckpoint, seq, problem);
        }
        nextCheckpoint++;
      }
      seq++;
    }
    return endOfChain(bySize, publicKey, nextCheckpoint, seq - 1);
  }

  /**
   * Verifies a chain held in memory; see {@link #verify(Iterator, List, PublicKey)}.
   *
   * @throws IllegalArgumentException if {@code publicKey} is not an Ed25519 key
   */
  public static VerificationResult verify(
      List<EvidenceEvent> events, List<Checkpoint> checkpoints, PublicKey publicKey) {
    return verify(requireNonNull(events, "events").iterator(), checkpoints, publicKey);
  }

  private static @Nullable String eventProblem(EvidenceEvent event, long seq, String prevHash) {
    if (event.seq() != seq) {
      return "expected sequence " + seq + " but found " + event.seq();
    }
    if (!event.prevHash().equals(prevHash)) {
      return seq == 1
          ? "prevHash of the first event is not the genesis hash"
          : "prevHash does not match the hash of event " + (seq - 1);
    }
    if (!EvidenceHasher.hashOf(event).equals(event.hash())) {
      return "hash does not match contents";
    }
    return null;
  }

  private static @Nullable String checkpointProblem(
      Checkpoint checkpoint, PublicKey publicKey, EvidenceEvent head) {
    if (!CheckpointSigner.verifySignature(checkpoint, publicKey)) {
      return invalidSignature(checkpoint);
    }
    if (!checkpoint.headHash().equals(head.hash())) {
      return "checkpoint at size "
          + checkpoint.size()
          + " names head hash "
          + checkpoint.headHash()
          + " but event "
          + head.seq()
          + " has hash "
          + head.hash();
    }
    return null;
  }

  private static String invalidSignature(Checkpoint checkpoint) {
    return "checkpoint at size "
        + checkpoint.size()
        + " has an invalid signature for the given key (it names key '"
        + checkpoint.keyId()
        + "')";
  }

  /**
   * The result once the events ran out after {@code count} events, with the checkpoints from {@code
   * next} on (all larger than {@code count}) not yet checked. A validly signed one proves
   * truncation at {@code count + 1}; a forged one is reported at its own size, which is higher.
   */
  private static VerificationResult endOfChain(
      List<Checkpoint> bySize, PublicKey publicKey, int next, long count) {
    for (int i = next; i < bySize.size(); i++) {
      if (CheckpointSigner.verifySignature(bySize.get(i), publicKey)) {
        return VerificationResult.failed(
            count,
            next,
            count + 1,
            "chain truncated: checkpoint at size "
                + bySize.get(i).size()
                + " but only "
                + count
                + " events");
      }
    }
    if (next < bySize.size()) {
      Checkpoint forged = bySize.get(next);
      return VerificationResult.failed(count, next, forged.size(), invalidSignature(forged));
    }
    return VerificationResult.ok(count, bySize.size());
  }
}
