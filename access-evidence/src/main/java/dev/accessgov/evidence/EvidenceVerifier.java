package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Checks an evidence log offline, with nothing but its events, its checkpoints and what the auditor
 * trusts ({@link Trusted}: the checkpoint public keys, and checkpoints seen before). Events are
 * streamed: memory use grows with the number of records (one latest time each), not with the number
 * of events; the Merkle tree is kept as its right edge ({@link LogTree}).
 *
 * <p>The checks, for each event in order:
 *
 * <ol>
 *   <li>its {@code seq} is its position: 1, 2, 3, ... (catches deletion, insertion and reordering);
 *   <li>its {@code prevHash} is the previous event's hash, or {@link EvidenceEvent#GENESIS_HASH};
 *   <li>its {@code hash} is the hash of its contents ({@link EvidenceHasher#hashOf});
 *   <li>its {@code time} is not before that of an earlier event of the same record (the service
 *       never dates a record's events backwards; see {@link EvidenceKeys#CLOCK_SKEW_MS});
 *   <li>every checkpoint of that size, in the evidence or trusted before, is signed by a trusted
 *       key ({@link Checkpoint#trust}), names the same origin as the others, and its root hash is
 *       the root of the tree of the events so far.
 * </ol>
 *
 * Then: a checkpoint larger than the log proves that events were removed from the end; and the last
 * event must be covered by a checkpoint signed by a trusted key. Evidence with no such checkpoint,
 * or with events after the last one, is not OK: whoever can write the store could have written
 * those events. Since every checkpoint is checked against the same tree, all of them are consistent
 * with each other when verification passes: the log only grew between them. The first problem, by
 * sequence number, is reported; at equal sequence numbers an event problem comes before a
 * checkpoint problem.
 *
 * <p>What this proves: the events are exactly those the key holder signed, in order, up to the
 * latest checkpoint. What it cannot prove alone: that no later checkpoint exists. An export cut
 * back to an older checkpoint, with everything after it removed, is internally complete; it is
 * caught by a checkpoint the auditor saw before ({@link Trusted#since}) or one published outside
 * the store, and the result names the latest checkpoint so its date can be compared.
 *
 * <p>All methods are thread-safe.
 */
public final class EvidenceVerifier {
  /** Events read ahead and hashed together; bounds memory whatever the log's length. */
  private static final int BATCH = 4096;

  /** Below this many events a batch is hashed on the calling thread. */
  private static final int PARALLEL_THRESHOLD = 512;

  private EvidenceVerifier() {}

  /**
   * Verifies {@code events}, consumed once in order, against {@code checkpoints} (in any order) and
   * what {@code trusted} holds. An {@link EvidenceReader}'s {@link MalformedEvidenceException}
   * becomes a failure at the malformed line's position.
   */
  public static VerificationResult verify(
      Iterator<EvidenceEvent> events, List<Checkpoint> checkpoints, Trusted trusted) {
    return run(new EventSource(requireNonNull(events, "events")), checkpoints, trusted);
  }

  private static VerificationResult run(
      Source source, List<Checkpoint> checkpoints, Trusted trusted) {
    requireNonNull(trusted, "trusted");
    List<Claim> bySize = new ArrayList<>();
    requireNonNull(checkpoints, "checkpoints").forEach(c -> bySize.add(new Claim(c, false)));
    trusted.earlier().forEach(c -> bySize.add(new Claim(c, true)));
    bySize.sort(Comparator.comparingLong((Claim c) -> c.checkpoint().size()));
    Progress progress = new Progress(trusted, bySize);
    String problem = progress.checkpointsAt(0, Merkle.emptyRoot());
    if (problem != null) {
      return VerificationResult.failed(0, progress.verified, 1, problem);
    }
    long seq = 1;
    String prevHash = EvidenceEvent.GENESIS_HASH;
    Map<String, Dated> latestOfRecord = new HashMap<>();
    LogTree tree = LogTree.empty();
    Entry[] entries = new Entry[BATCH];
    while (true) {
      int size = source.fill(BATCH);
      examine(source, entries, size);
      for (int i = 0; i < size; i++, seq++) {
        Entry entry = entries[i];
        problem =
            entry.malformed() != null ? entry.malformed() : eventProblem(entry, seq, prevHash);
        if (problem == null) {
          problem = timeProblem(entry, latestOfRecord);
        }
        if (problem != null) {
          return VerificationResult.failed(seq - 1, progress.verified, seq, problem);
        }
        prevHash = entry.hash();
        tree.append(entry.leaf());
        if (progress.hasCheckpointAt(seq)) {
          problem = progress.checkpointsAt(seq, tree.root());
          if (problem != null) {
            return VerificationResult.failed(seq, progress.verified, seq, problem);
          }
        }
      }
      String unreadable = source.problemAfterBatch();
      if (unreadable != null) {
        return VerificationResult.failed(seq - 1, progress.verified, seq, unreadable);
      }
      if (size < BATCH) {
        break;
      }
    }
    return progress.end(seq - 1);
  }

  /**
   * Verifies {@code events} against {@code checkpoints} signed by {@code trustedKey}; see {@link
   * #verify(Iterator, List, Trusted)}.
   *
   * @throws IllegalArgumentException if {@code trustedKey} is not an Ed25519 key
   */
  public static VerificationResult verify(
      Iterator<EvidenceEvent> events, List<Checkpoint> checkpoints, PublicKey trustedKey) {
    return verify(events, checkpoints, Trusted.key(trustedKey));
  }

  /**
   * Verifies a log held in memory; see {@link #verify(Iterator, List, Trusted)}.
   *
   * @throws IllegalArgumentException if {@code trustedKey} is not an Ed25519 key
   */
  public static VerificationResult verify(
      List<EvidenceEvent> events, List<Checkpoint> checkpoints, PublicKey trustedKey) {
    return verify(requireNonNull(events, "events").iterator(), checkpoints, trustedKey);
  }

  /**
   * Verifies the export in {@code exportDir} (see {@link EvidenceExport}) against what {@code
   * trusted} holds, obtained independently of the export; the export's own {@value
   * EvidenceExport#PUBLIC_KEY} is ignored. A malformed line is reported as a failure, not thrown:
   * in {@value EvidenceExport#EVENTS} at the line's position, in {@value
   * EvidenceExport#CHECKPOINTS} at sequence 1, since it is then unknown what the checkpoints vouch
   * for.
   *
   * <p>Each line's hashes are taken over its own bytes and only the fields the checks use are read,
   * so a long export is checked at close to the speed of hashing it; see {@code FORMAT.md}, section
   * 4.
   *
   * @throws IllegalArgumentException if the directory or one of its files does not exist
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public static VerificationResult verify(Path exportDir, Trusted trusted) {
    requireExportDir(exportDir);
    requireNonNull(trusted, "trusted");
    List<Checkpoint> checkpoints;
    try {
      checkpoints = EvidenceExport.readCheckpoints(exportDir);
    } catch (MalformedEvidenceException e) {
      return VerificationResult.failed(0, 0, 1, e.getMessage());
    }
    Path events = exportDir.resolve(EvidenceExport.EVENTS);
    try (LineEntries lines = new LineEntries(events)) {
      return run(lines, checkpoints, trusted);
    }
  }

  /**
   * Verifies the export in {@code exportDir} against checkpoints signed by {@code trustedKey}; see
   * {@link #verify(Path, Trusted)}.
   *
   * @throws IllegalArgumentException if the directory or one of its files does not exist, or {@code
   *     trustedKey} is not an Ed25519 key
   */
  public static VerificationResult verify(Path exportDir, PublicKey trustedKey) {
    return verify(exportDir, Trusted.key(trustedKey));
  }

  /**
   * Verifies the export in {@code exportDir} with the public key found in the export itself.
   *
   * <p>This only proves that the export is internally consistent: whoever produced it could have
   * rewritten the whole log and signed new checkpoints with a key of their own. An auditor should
   * call {@link #verify(Path, Trusted)} with the key they obtained independently.
   *
   * @throws IllegalArgumentException if the directory or one of its files does not exist, or the
   *     key file does not hold an Ed25519 public key
   */
  public static VerificationResult verify(Path exportDir) {
    requireExportDir(exportDir);
    return verify(
        exportDir, EvidenceExport.readPublicKey(exportDir.resolve(EvidenceExport.PUBLIC_KEY)));
  }

  /** A checkpoint to check, and whether the auditor brought it ({@link Trusted#earlier}). */
  private record Claim(Checkpoint checkpoint, boolean earlier) {
    String name() {
      Checkpoint c = checkpoint;
      return (earlier ? "the trusted earlier checkpoint" : "checkpoint")
          + " at size "
          + c.size()
          + " signed "
          + c.time();
    }
  }

  /** The checkpoints, by size, and how far verification has come through them. */
  private static final class Progress {
    private final Trusted trusted;
    private final List<Claim> bySize;
    private int next;
    private int verified;
    private @Nullable Checkpoint latest;
    private @Nullable String origin;

    Progress(Trusted trusted, List<Claim> bySize) {
      this.trusted = trusted;
      this.bySize = bySize;
    }

    boolean hasCheckpointAt(long size) {
      return next < bySize.size() && bySize.get(next).checkpoint().size() == size;
    }

    /** Checks every checkpoint of {@code size} against the tree's root at that size. */
    @Nullable String checkpointsAt(long size, byte[] root) {
      while (hasCheckpointAt(size)) {
        Claim claim = bySize.get(next);
        String problem = signatureProblem(claim);
        if (problem != null) {
          return problem;
        }
        Checkpoint c = claim.checkpoint();
        if (!MessageDigest.isEqual(c.root(), root)) {
          return claim.name()
              + " names root hash "
              + c.rootHash()
              + " but the first "
              + size
              + " events have root hash "
              + Base64.getEncoder().encodeToString(root);
        }
        next++;
        verified++;
        if (latest == null || c.size() > latest.size() || c.time().isAfter(latest.time())) {
          latest = c;
        }
      }
      return null;
    }

    private @Nullable String signatureProblem(Claim claim) {
      Checkpoint c = claim.checkpoint();
      switch (c.trust(trusted.keys())) {
        case FORGED:
          return claim.name()
              + " has a signature that claims a trusted key but does not verify: it was altered"
              + " or forged (signed by "
              + c.signers()
              + ")";
        case UNTRUSTED:
          return claim.name()
              + " is not signed by a trusted key (signed by "
              + c.signers()
              + "); give every public key the log was signed with";
        default:
          break;
      }
      if (origin == null) {
        origin = c.origin();
      } else if (!origin.equals(c.origin())) {
        return claim.name() + " is of log " + c.origin() + ", not of log " + origin;
      }
      return null;
    }

    /** The result once the events ran out after {@code count}. */
    VerificationResult end(long count) {
      if (next < bySize.size()) {
        Claim beyond = bySize.get(next);
        String problem = signatureProblem(beyond);
        if (problem != null) {
          return VerificationResult.failed(
              count, verified, Math.max(beyond.checkpoint().size(), 1), problem);
        }
        return VerificationResult.failed(
            count,
            verified,
            count + 1,
            "log truncated: "
                + beyond.name()
                + " covers "
                + beyond.checkpoint().size()
                + " events, but there are only "
                + count);
      }
      if (latest == null) {
        return VerificationResult.failed(
            count,
            verified,
            1,
            "no checkpoint signed by a trusted key: nothing vouches for "
                + (count == 0 ? "this (empty) log" : "any of its " + count + " events"));
      }
      if (latest.size() < count) {
        return VerificationResult.failed(
            count,
            verified,
            latest.size() + 1,
            "events "
                + (latest.size() + 1)
                + " to "
                + count
                + " are not covered by a checkpoint signed by a trusted key; the latest covers "
                + latest.size());
      }
      return VerificationResult.ok(count, verified, latest);
    }
  }

  /**
   * Works out the entries of a batch: each event's fields, whether its chain hash matches and its
   * Merkle leaf hash. Each depends only on the event's own bytes, so large batches are examined on
   * several cores; the order-dependent checks stay sequential.
   */
  private static void examine(Source source, Entry[] entries, int size) {
    if (size < PARALLEL_THRESHOLD) {
      for (int i = 0; i < size; i++) {
        entries[i] = source.entry(i);
      }
    } else {
      IntStream.range(0, size).parallel().forEach(i -> entries[i] = source.entry(i));
    }
  }

  private static @Nullable String eventProblem(Entry entry, long seq, String prevHash) {
    if (entry.seq() != seq) {
      return "expected sequence " + seq + " but found " + entry.seq();
    }
    if (!entry.prevHash().equals(prevHash)) {
      return seq == 1
          ? "prevHash of the first event is not the genesis hash"
          : "prevHash does not match the hash of event " + (seq - 1);
    }
    if (!entry.hashMatches()) {
      return "hash does not match contents";
    }
    return null;
  }

  /**
   * Whether {@code event} is dated before the latest earlier event of its record; remembers it
   * otherwise.
   */
  private static @Nullable String timeProblem(Entry event, Map<String, Dated> latestOfRecord) {
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

  /**
   * What the order-dependent checks need of one event, worked out from it alone: its fields,
   * whether its hash is that of its contents, and its leaf hash; or, for a line that could not be
   * read as an event, why ({@code malformed}).
   */
  private record Entry(
      long seq,
      String recordId,
      Instant time,
      String prevHash,
      String hash,
      boolean hashMatches,
      byte[] leaf,
      @Nullable String malformed) {
    static Entry malformed(String problem) {
      return new Entry(0, "", Instant.EPOCH, "", "", false, new byte[0], problem);
    }
  }

  /** Where the events come from, a batch at a time. Not thread-safe except {@link #entry}. */
  private interface Source {
    /** Reads up to {@code max} events into slots {@code 0, 1, ...}; returns how many. */
    int fill(int max);

    /** The entry of slot {@code i} of the batch just filled; called from several threads. */
    Entry entry(int i);

    /** Why reading stopped after the batch just filled, if it stopped on a malformed event. */
    @Nullable String problemAfterBatch();
  }

  /**
   * Events given as values: each is serialized to its line once, which gives both its chain hash
   * (the line without its hash member) and its leaf hash.
   */
  private static final class EventSource implements Source {
    private final Iterator<EvidenceEvent> events;
    private final EvidenceEvent[] batch = new EvidenceEvent[BATCH];
    private @Nullable String problem;

    EventSource(Iterator<EvidenceEvent> events) {
      this.events = events;
    }

    @Override
    public int fill(int max) {
      int size = 0;
      try {
        while (size < max && events.hasNext()) {
          batch[size++] = events.next();
        }
      } catch (MalformedEvidenceException e) {
        problem = e.getMessage();
      }
      return size;
    }

    @Override
    public Entry entry(int i) {
      EvidenceEvent event = batch[i];
      int[] span = new int[2];
      CanonicalBuffer line = CanonicalJson.writeEventLine(event, span);
      boolean matches = EvidenceHasher.bodyHashOfLine(line, span).equals(event.hash());
      byte[] leaf = Merkle.leafHash(line.array(), 0, line.size());
      return new Entry(
          event.seq(),
          event.recordId(),
          event.time(),
          event.prevHash(),
          event.hash(),
          matches,
          leaf,
          null);
    }

    @Override
    public @Nullable String problemAfterBatch() {
      return problem;
    }
  }

  /**
   * The lines of an {@code events.jsonl} file. Both hashes are taken over each line's own bytes, so
   * a line is read for the fields the checks use and never re-serialized: any byte that differs
   * from what the signer wrote changes a hash. Only a line whose chain hash does not match is
   * parsed in full, to say whether it is malformed or altered.
   */
  private static final class LineEntries implements Source, AutoCloseable {
    private final String fileName;
    private final LineSource source;
    private final byte[][] lines = new byte[BATCH][];
    private final int[] lengths = new int[BATCH];
    private long firstLine;
    private @Nullable String problem;

    LineEntries(Path file) {
      this.fileName = String.valueOf(file.getFileName());
      this.source = new LineSource(EvidenceReader.openFile(file));
    }

    @Override
    public int fill(int max) {
      firstLine = source.lineNumber() + 1;
      int size = 0;
      try {
        while (size < max && problem == null && source.next()) {
          int length = source.length();
          if (lines[size] == null || lines[size].length < length) {
            lines[size] = new byte[Math.max(length, 1024)];
          }
          System.arraycopy(source.bytes(), 0, lines[size], 0, length);
          lengths[size++] = length;
        }
      } catch (IllegalArgumentException e) {
        problem = malformed(source.lineNumber(), String.valueOf(e.getMessage()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + fileName, e);
      }
      return size;
    }

    @Override
    public Entry entry(int i) {
      byte[] line = lines[i];
      int length = lengths[i];
      EvidenceLines.EventFields fields;
      try {
        fields = EvidenceLines.eventFields(line, length);
      } catch (IllegalArgumentException e) {
        return Entry.malformed(malformed(firstLine + i, diagnosis(line, length, e)));
      }
      boolean matches =
          EvidenceHasher.bodyHashOfLine(line, length, fields.hashStart(), fields.hashEnd())
              .equals(fields.hash());
      if (!matches) {
        try {
          EvidenceLines.parseEvent(line, 0, length);
        } catch (IllegalArgumentException e) {
          return Entry.malformed(malformed(firstLine + i, String.valueOf(e.getMessage())));
        }
      }
      return new Entry(
          fields.seq(),
          fields.recordId(),
          fields.time(),
          fields.prevHash(),
          fields.hash(),
          matches,
          Merkle.leafHash(line, 0, length),
          null);
    }

    /**
     * Why a line is malformed, in the words of the full parse ({@link EvidenceLines#parseEvent}),
     * so that a line is reported alike however it is read; {@code quick} is what the quick read
     * found.
     */
    private static String diagnosis(byte[] line, int length, IllegalArgumentException quick) {
      try {
        EvidenceLines.parseEvent(line, 0, length);
      } catch (IllegalArgumentException e) {
        return String.valueOf(e.getMessage());
      }
      return String.valueOf(quick.getMessage());
    }

    private String malformed(long line, String why) {
      return new MalformedEvidenceException(fileName, line, why).getMessage();
    }

    @Override
    public @Nullable String problemAfterBatch() {
      return problem;
    }

    @Override
    public void close() {
      try {
        source.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + fileName, e);
      }
    }
  }

  /** The sequence number and time of a record's latest event so far. */
  private record Dated(long seq, Instant time) {}

  private static void requireExportDir(Path exportDir) {
    requireNonNull(exportDir, "exportDir");
    if (!Files.isDirectory(exportDir)) {
      throw new IllegalArgumentException(
          "evidence export directory " + exportDir + " does not exist or is not a directory");
    }
  }
}
