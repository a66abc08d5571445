package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A signed statement of the evidence log's Merkle tree head: a C2SP {@code tlog-checkpoint} in the
 * C2SP {@code signed-note} format, signed with Ed25519. Its text, which the signatures cover, is
 *
 * <pre>
 * example.com/access-governance/prod
 * 1042
 * tXkLMzXZ6y6bDDpRRgBr3b9dQ7WEVX8AbNpGdqQNwl4=
 * time 2026-12-06T22:40:50.123Z
 * </pre>
 *
 * the origin (the log's name), the tree size, the base64 root hash ({@link Merkle}) and one
 * extension line with the signing time, each ending in a newline; then an empty line and one line
 * per signature, {@code — <key name> <base64(key ID || Ed25519 signature)>}. Tools that read
 * checkpoints but not our extension (sigstore-java, Go's {@code sumdb/note}) read the first three
 * lines and ignore the fourth; the Ed25519 signature covers all four.
 *
 * @param origin the log's name; also the signing key's name
 * @param size the number of events the tree holds
 * @param rootHash the standard base64 of the 32-byte root hash
 * @param time when the checkpoint was signed, in milliseconds
 * @param signatures one or more, at most 16
 */
public record Checkpoint(
    String origin, long size, String rootHash, Instant time, List<NoteSignature> signatures) {
  /** The most signatures a checkpoint may carry (C2SP asks verifiers to accept at least 16). */
  public static final int MAX_SIGNATURES = 16;

  private static final String TIME = "time ";

  /**
   * Orders checkpoints as the log grew: by size, and among those of one size by signing time. The
   * last in this order is the latest.
   */
  public static final Comparator<Checkpoint> AS_SIGNED =
      Comparator.comparingLong((Checkpoint c) -> c.size())
          .thenComparing((Checkpoint c) -> c.time());

  /** The latest of {@code checkpoints} ({@link #AS_SIGNED}), or empty when there are none. */
  public static Optional<Checkpoint> latest(Collection<Checkpoint> checkpoints) {
    return requireNonNull(checkpoints, "checkpoints").stream().max(AS_SIGNED);
  }

  /** Checks every field's shape; {@link #trust} checks the signatures. */
  public Checkpoint {
    NoteKey.checkName(origin);
    if (size < 0) {
      throw new IllegalArgumentException("a checkpoint's tree size is >= 0, was " + size);
    }
    requireNonNull(rootHash, "rootHash");
    byte[] root;
    try {
      root = Base64.getDecoder().decode(rootHash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the root hash is not base64: " + rootHash, e);
    }
    if (root.length != Merkle.HASH_BYTES
        || !Base64.getEncoder().encodeToString(root).equals(rootHash)) {
      throw new IllegalArgumentException(
          "the root hash must be the base64 of 32 bytes, was " + rootHash);
    }
    time = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    signatures = List.copyOf(requireNonNull(signatures, "signatures"));
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a checkpoint has 1 to " + MAX_SIGNATURES + " signatures, not " + signatures.size());
    }
  }

  /** The text the signatures cover: origin, size, root hash and time, each ending in a newline. */
  public String body() {
    return body(origin, size, rootHash, time);
  }

  static String body(String origin, long size, String rootHash, Instant time) {
    return origin + "\n" + size + "\n" + rootHash + "\n" + TIME + time + "\n";
  }

  /** The 32-byte root hash. */
  public byte[] root() {
    return Base64.getDecoder().decode(rootHash);
  }

  /** The whole signed note: the body, an empty line and the signature lines. */
  public String note() {
    StringBuilder note = new StringBuilder(body()).append('\n');
    for (NoteSignature signature : signatures) {
      note.append(signature.line()).append('\n');
    }
    return note.toString();
  }

  /** How a checkpoint's signatures stand against a set of trusted keys. */
  public enum Trust {
    /** A trusted key's signature verifies, and no trusted key's signature fails. */
    TRUSTED,
    /** No signature is from a trusted key: the checkpoint proves nothing to this verifier. */
    UNTRUSTED,
    /** A signature that claims a trusted key does not verify: the note was altered or forged. */
    FORGED
  }

  /**
   * How this checkpoint's signatures stand against {@code trusted}, by the C2SP signed-note rules:
   * a signature counts for a trusted key when its key name and key ID are that key's (the key ID is
   * computed from the name the line gives, so a key needs no name of its own); signatures of other
   * keys are ignored; one that claims a trusted key and fails makes the whole note {@link
   * Trust#FORGED}.
   *
   * @throws IllegalArgumentException if a trusted key is not Ed25519
   */
  public Trust trust(Collection<PublicKey> trusted) {
    requireNonNull(trusted, "trusted");
    byte[] body = body().getBytes(StandardCharsets.UTF_8);
    boolean verified = false;
    for (NoteSignature signature : signatures) {
      for (PublicKey key : trusted) {
        if (NoteKey.keyId(signature.keyName(), key) != signature.keyId()) {
          continue;
        }
        if (!ed25519Verifies(key, body, signature.signature())) {
          return Trust.FORGED;
        }
        verified = true;
      }
    }
    return verified ? Trust.TRUSTED : Trust.UNTRUSTED;
  }

  /** The names and key IDs of the signatures, for messages: {@code name (id 1a2b3c4d)}. */
  public String signers() {
    return String.join(
        ", ",
        signatures.stream().map(s -> s.keyName() + " (key ID " + s.keyIdHex() + ")").toList());
  }

  static boolean ed25519Verifies(PublicKey key, byte[] body, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(body);
      return verifier.verify(signature);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(
          "checkpoints are verified with Ed25519 keys; got a " + key.getAlgorithm() + " key", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    } catch (GeneralSecurityException malformed) {
      return false;
    }
  }

  /**
   * Reads a signed note written by {@link #note()}, strictly: exactly the form that method writes,
   * so every checkpoint has one text.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Checkpoint parse(String note) {
    requireNonNull(note, "note");
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        throw new IllegalArgumentException(
            "a signed note holds no control characters but newlines; found U+"
                + String.format("%04X", (int) c));
      }
    }
    if (!note.endsWith("\n")) {
      throw new IllegalArgumentException("a signed note ends with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new IllegalArgumentException(
          "a signed note has an empty line between its text and its signatures");
    }
    List<String> text = note.substring(0, split + 1).lines().toList();
    List<String> sigs = note.substring(split + 2).lines().toList();
    if (text.size() != 4) {
      throw new IllegalArgumentException(
          "a checkpoint's text has 4 lines (origin, size, root hash, time), not " + text.size());
    }
    long size = size(text.get(1));
    if (!text.get(3).startsWith(TIME)) {
      throw new IllegalArgumentException("the fourth line must be 'time <ISO-8601 instant>'");
    }
    Instant time;
    try {
      time = Instant.parse(text.get(3).substring(TIME.length()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("the time line does not hold an ISO-8601 instant", e);
    }
    List<NoteSignature> signatures = new ArrayList<>();
    for (String line : sigs) {
      if (!line.startsWith("\u2014 ")) {
        throw new IllegalArgumentException("a signature line starts with an em dash and a space");
      }
      String[] parts = line.substring(2).split(" ", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("a signature line is '\u2014 <key name> <base64>'");
      }
      signatures.add(new NoteSignature(parts[0], parts[1]));
    }
    Checkpoint checkpoint = new Checkpoint(text.get(0), size, text.get(2), time, signatures);
    if (!checkpoint.note().equals(note)) {
      throw new IllegalArgumentException("the note is not in the one form checkpoints are written");
    }
    return checkpoint;
  }

  private static long size(String line) {
    if (!line.matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException(
          "the tree size is a decimal number without leading zeros, was '" + line + "'");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the tree size " + line + " is too large", e);
    }
  }
}
