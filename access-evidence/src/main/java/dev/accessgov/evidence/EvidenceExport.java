package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The evidence export an auditor receives: a directory of three files that {@link EvidenceVerifier}
 * checks offline.
 *
 * <ul>
 *   <li>{@value #EVENTS}: one {@link CanonicalJson#eventLine} per event in sequence order, each
 *       terminated by {@code '\n'}, UTF-8.
 *   <li>{@value #CHECKPOINTS}: one {@link CanonicalJson#checkpointLine} per checkpoint ({@code
 *       headHash, keyId, signature, size, time}), each terminated by {@code '\n'}.
 *   <li>{@value #PUBLIC_KEY}: the checkpoint key as a PEM {@code PUBLIC KEY} (X.509
 *       SubjectPublicKeyInfo), readable by {@code openssl}.
 * </ul>
 *
 * <p>Every line is exactly the canonical JSON of its value; readers reject anything else, so the
 * export has a single byte form and any edited byte is detected. Since the lines are plain RFC 8785
 * JSON, each event's hash can also be checked with standard tools: the hash is the SHA-256 of the
 * line with its {@code "hash"} member removed.
 */
public final class EvidenceExport {
  /** The file of events, one per line. */
  public static final String EVENTS = "events.jsonl";

  /** The file of checkpoints, one per line. */
  public static final String CHECKPOINTS = "checkpoints.jsonl";

  /** The PEM file of the checkpoint public key. */
  public static final String PUBLIC_KEY = "public-key.pem";

  private EvidenceExport() {}

  /**
   * Writes an export into {@code dir}, creating it if needed and replacing an earlier export there.
   * The events are written as given, in iteration order and without verification, so a damaged
   * chain is exported as it is and the verifier can point at the damage.
   *
   * <p>Each file is written to a temporary file in {@code dir} and then renamed, so a reader never
   * sees a half-written file; the three renames are not one atomic step. Where the file system
   * supports it, the files are readable by their owner only, as temporary files are created; widen
   * the permissions deliberately before handing the export over.
   *
   * @param events streamed once; may be backed by a cursor over millions of rows
   * @throws UncheckedIOException if writing fails
   */
  public static void write(
      Path dir, Iterator<EvidenceEvent> events, List<Checkpoint> checkpoints, PublicKey key) {
    requireNonNull(dir, "dir");
    requireNonNull(events, "events");
    requireNonNull(checkpoints, "checkpoints");
    String pem = toPem(key);
    try {
      Files.createDirectories(dir);
      replace(
          dir.resolve(EVENTS),
          out -> {
            while (events.hasNext()) {
              writeLine(out, CanonicalJson.writeEventLine(events.next()));
            }
          });
      replace(
          dir.resolve(CHECKPOINTS),
          out -> {
            for (Checkpoint checkpoint : checkpoints) {
              writeLine(out, CanonicalJson.writeCheckpointLine(checkpoint));
            }
          });
      replace(dir.resolve(PUBLIC_KEY), out -> out.write(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write evidence export to " + dir, e);
    }
  }

  /**
   * A streaming reader over the events of the export in {@code dir}; close it when done.
   *
   * @throws IllegalArgumentException if {@code dir} has no {@value #EVENTS}
   */
  public static EvidenceReader readEvents(Path dir) {
    return EvidenceReader.open(requireNonNull(dir, "dir").resolve(EVENTS));
  }

  /**
   * The checkpoints of the export in {@code dir}, in file order.
   *
   * @throws IllegalArgumentException if {@code dir} has no {@value #CHECKPOINTS}
   * @throws MalformedEvidenceException if a line is not a canonical checkpoint line
   */
  public static List<Checkpoint> readCheckpoints(Path dir) {
    Path file = requireNonNull(dir, "dir").resolve(CHECKPOINTS);
    List<Checkpoint> checkpoints = new ArrayList<>();
    try (LineSource lines = new LineSource(Files.newInputStream(file))) {
      while (true) {
        try {
          if (!lines.next()) {
            break;
          }
          checkpoints.add(EvidenceLines.parseCheckpoint(lines.bytes(), 0, lines.length()));
        } catch (IllegalArgumentException e) {
          throw new MalformedEvidenceException(
              CHECKPOINTS, lines.lineNumber(), String.valueOf(e.getMessage()));
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("evidence file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return checkpoints;
  }

  /**
   * The Ed25519 public key in the PEM file {@code pemFile}, such as an export's {@value
   * #PUBLIC_KEY} or a key the auditor received separately.
   *
   * @throws IllegalArgumentException if the file does not exist or does not hold an Ed25519 PEM
   *     public key
   */
  public static PublicKey readPublicKey(Path pemFile) {
    requireNonNull(pemFile, "pemFile");
    try {
      return PublicKeyPem.decode(
          Files.readString(pemFile, StandardCharsets.US_ASCII), pemFile.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("public key file " + pemFile + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pemFile, e);
    }
  }

  /**
   * The PEM text of {@code key}: {@code -----BEGIN PUBLIC KEY-----}, the base64 of its X.509
   * SubjectPublicKeyInfo in 64-character lines, {@code -----END PUBLIC KEY-----}, each line ending
   * in {@code '\n'}.
   *
   * @throws IllegalArgumentException if the key has no X.509 encoding
   */
  public static String toPem(PublicKey key) {
    return PublicKeyPem.encode(key);
  }

  private static void writeLine(OutputStream out, CanonicalBuffer line) throws IOException {
    out.write(line.array(), 0, line.size());
    out.write('\n');
  }

  /**
   * Makes {@code text} the content of {@code target} (UTF-8) in one step for any reader: written to
   * a temporary sibling, forced to disk, then renamed over {@code target}. For files of evidence,
   * such as exports and published checkpoints, that must never be seen half-written.
   *
   * @throws IOException if writing or renaming fails; {@code target} is then unchanged
   */
  public static void writeAtomically(Path target, String text) throws IOException {
    byte[] bytes = requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
    replace(requireNonNull(target, "target"), out -> out.write(bytes));
  }

  /** Writes {@code target} through a temporary sibling forced to disk, and a rename. */
  private static void replace(Path target, Content content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    try {
      try (FileOutputStream file = new FileOutputStream(temp.toFile());
          OutputStream out = new BufferedOutputStream(file, 64 * 1024)) {
        content.writeTo(out);
        out.flush();
        file.getFD().sync();
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }
}
