package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Checks an evidence chain offline, with nothing but its events, its checkpoints and the checkpoint
 * public key. Events are streamed: memory use grows with the number of records (one latest time
 * each), not with the number of events.
 *
 * <p>The checks, for each event in order:
 *
 * <ol>
 *   <li>its {@code seq} is its position: 1, 2, 3, ... (catches deletion, insertion and reordering);
 *   <li>its {@code prevHash} is the previous event's hash, or {@link EvidenceEvent#GENESIS_HASH};
 *   <li>its {@code hash} is the hash of its contents ({@link EvidenceHasher#hashOf});
 *   <li>its {@code time} is not before that of an earlier event of the same record (the service
 *       never dates a record's events backwards; see {@link EvidenceKeys#CLOCK_SKEW_MS});
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
  /** Events read ahead and hashed together; bounds memory whatever the chain's length. */
  private static final int BATCH = 4096;

  /** Below this many events a batch is hashed on the calling thread. */
  private static final int PARALLEL_THRESHOLD = 512;

  private EvidenceVerifier() {}

  /**
   * Verifies {@code events}, consumed once in order, against {@code checkpoints} (in any order),
   * whose signatures must verify with {@code publicKey}. An {@link EvidenceReader}'s {@link
   * MalformedEvidenceException} becomes a failure at the malformed line's position.
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
    Map<String, Dated> latestOfRecord = new HashMap<>();
    EvidenceEvent[] batch = new EvidenceEvent[BATCH];
    boolean[] hashMatches = new boolean[BATCH];
    while (true) {
      int size = 0;
      MalformedEvidenceException malformed = null;
      try {
        while (size < BATCH && events.hasNext()) {
          batch[size++] = events.next();
        }
      } catch (MalformedEvidenceException e) {
        malformed = e;
      }
      checkHashes(batch, hashMatches, size);
      for (int i = 0; i < size; i++, seq++) {
        EvidenceEvent event = batch[i];
        String problem = eventProblem(event, seq, prevHash, hashMatches[i]);
        if (problem == null) {
          problem = timeProblem(event, latestOfRecord);
        }
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
      }
      if (malformed != null) {
        return VerificationResult.failed(seq - 1, nextCheckpoint, seq, malformed.getMessage());
      }
      if (size < BATCH) {
        break;
      }
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

  /**
   * Verifies the export in {@code exportDir} (see {@link EvidenceExport}) against {@code
   * trustedKey}, the checkpoint public key the auditor obtained independently of the export. The
   * export's own {@value EvidenceExport#PUBLIC_KEY} is ignored. A malformed line is reported as a
   * failure, not thrown: in {@value EvidenceExport#EVENTS} at the line's position, in {@value
   * EvidenceExport#CHECKPOINTS} at sequence 1, since it is then unknown what the checkpoints vouch
   * for.
   *
   * @throws IllegalArgumentException if the directory or one of its files does not exist, or {@code
   *     trustedKey} is not an Ed25519 key
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public static VerificationResult verify(Path exportDir, PublicKey trustedKey) {
    requireExportDir(exportDir);
    requireNonNull(trustedKey, "trustedKey");
    List<Checkpoint> checkpoints;
    try {
      checkpoints = EvidenceExport.readCheckpoints(exportDir);
    } catch (MalformedEvidenceException e) {
      return VerificationResult.failed(0, 0, 1, e.getMessage());
    }
    try (EvidenceReader events = EvidenceExport.readEvents(exportDir)) {
      return verify(events, checkpoints, trustedKey);
    }
  }

  /**
   * Verifies the export in {@code exportDir} with the public key found in the export itself.
   *
   * <p>This only proves that the export is internally consistent: whoever produced it could have
   * rewritten the whole chain and signed new checkpoints with a key of their own. An auditor should
   * call {@link #verify(Path, PublicKey)} with the key they obtained independently.
   *
   * @throws IllegalArgumentException if the directory or one of its files does not exist, or the
   *     key file does not hold an Ed25519 public key
   */
  public static VerificationResult verify(Path exportDir) {
    requireExportDir(exportDir);
    return verify(
        exportDir, EvidenceExport.readPublicKey(exportDir.resolve(EvidenceExport.PUBLIC_KEY)));
  }

  /**
   * Recomputes the hashes of a batch. Each event's hash depends only on its own fields, so large
   * batches are hashed on several cores; the order-dependent checks stay sequential.
   */
  private static void checkHashes(EvidenceEvent[] batch, boolean[] matches, int size) {
    if (size < PARALLEL_THRESHOLD) {
      for (int i = 0; i < size; i++) {
        matches[i] = EvidenceHasher.hashOf(batch[i]).equals(batch[i].hash());
      }
    } else {
      IntStream.range(0, size)
          .parallel()
          .forEach(i -> matches[i] = EvidenceHasher.hashOf(batch[i]).equals(batch[i].hash()));
    }
  }

  private static @Nullable String eventProblem(
      EvidenceEvent event, long seq, String prevHash, boolean hashMatches) {
    if (event.seq() != seq) {
      return "expected sequence " + seq + " but found " + event.seq();
    }
    if (!event.prevHash().equals(prevHash)) {
      return seq == 1
          ? "prevHash of the first event is not the genesis hash"
          : "prevHash does not match the hash of event " + (seq - 1);
    }
    if (!hashMatches) {
      return "hash does not match contents";
    }
    return null;
  }

  /**
   * Whether {@code event} is dated before the latest earlier event of its record; remembers it
   * otherwise.
   */
  private static @Nullable String timeProblem(
      EvidenceEvent event, Map<String, Dated> latestOfRecord) {
    Dated latest = latestOfRecord.get(event.recordId());
    if (latest != null && event.time().isBefore(latest.time())) {
      return "event "
          + event.seq()
          + " of record "
          + event.recordId()
          + " is dated "
          + event.time()
          + ", before event "
          + latest.seq()
          + " of the same record, dated "
          + latest.time()
          + "; a record's times must not run backwards";
    }
    if (latest == null || event.time().isAfter(latest.time())) {
      latestOfRecord.put(event.recordId(), new Dated(event.seq(), event.time()));
    }
    return null;
  }

  /** The sequence number and time of a record's latest event so far. */
  private record Dated(long seq, Instant time) {}

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

  private static void requireExportDir(Path exportDir) {
    requireNonNull(exportDir, "exportDir");
    if (!Files.isDirectory(exportDir)) {
      throw new IllegalArgumentException(
          "evidence export directory " + exportDir + " does not exist or is not a directory");
    }
  }
}
