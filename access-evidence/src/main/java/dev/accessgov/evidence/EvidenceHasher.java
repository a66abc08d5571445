package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Computes evidence hashes: the lower-case hex SHA-256 of {@link CanonicalJson#eventBody}. Sealing
 * a draft and verifying an event go through the same bytes, so a hash made here can be checked by
 * any RFC 8785 implementation and {@code sha256sum}.
 *
 * <p>All methods are thread-safe.
 */
public final class EvidenceHasher {
  private static final HexFormat HEX = HexFormat.of();

  /** What the hash adds to a body to make the export line: {@code "hash":"<64 hex>",}. */
  private static final int HASH_MEMBER_BYTES = "\"hash\":\"\",".length() + 64;

  // MessageDigest is not thread-safe and getInstance is a provider lookup; one per thread is both
  // safe and cheap.
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(EvidenceHasher::newSha256);

  private EvidenceHasher() {}

  /**
   * Places {@code draft} in the chain: the event with the draft's fields, {@code seq}, {@code
   * prevHash} and the hash over all of them.
   *
   * @param seq the position the event takes, from 1
   * @param prevHash the hash of event {@code seq - 1}, or {@link EvidenceEvent#GENESIS_HASH} for
   *     the first event
   * @throws IllegalArgumentException if {@code seq} is below 1, {@code prevHash} is not 64
   *     lower-case hex digits, or a string in the draft is not well-formed Unicode
   * @throws EventTooLargeException if the event's line would be longer than {@link
   *     EvidenceEvent#MAX_LINE_BYTES}
   */
  public static EvidenceEvent seal(EvidenceDraft draft, long seq, String prevHash) {
    requireNonNull(draft, "draft");
    requireHash(prevHash, "prevHash");
    String hash =
        hash(
            seq,
            draft.recordId(),
            draft.type(),
            draft.actor(),
            draft.time(),
            draft.details(),
            prevHash);
    return new EvidenceEvent(
        seq,
        draft.recordId(),
        draft.type(),
        draft.actor(),
        draft.time(),
        draft.details(),
        prevHash,
        hash);
  }

  /**
   * Places {@code drafts}, in order, after the event {@code lastSeq} whose hash is {@code lastHash}
   * ({@code 0} and {@link EvidenceEvent#GENESIS_HASH} for an empty chain). Every draft is sealed
   * before any is returned, so a store that appends only what this returns leaves its chain
   * untouched when one draft is refused.
   *
   * @throws EventTooLargeException if an event's line would be longer than {@link
   *     EvidenceEvent#MAX_LINE_BYTES}
   */
  public static List<EvidenceEvent> sealAll(
      List<EvidenceDraft> drafts, long lastSeq, String lastHash) {
    requireNonNull(drafts, "drafts");
    List<EvidenceEvent> sealed = new ArrayList<>(drafts.size());
    long seq = lastSeq;
    String prev = lastHash;
    for (EvidenceDraft draft : drafts) {
      EvidenceEvent event = seal(draft, ++seq, prev);
      sealed.add(event);
      prev = event.hash();
    }
    return sealed;
  }

  /**
   * The hash {@code event} should carry, recomputed from its other fields; equal to {@code
   * event.hash()} exactly when the event is unaltered.
   */
  public static String hashOf(EvidenceEvent event) {
    CanonicalBuffer body = CanonicalJson.writeEventBody(requireNonNull(event, "event"));
    return digestHex(body.array(), body.size());
  }

  /**
   * The hash of the event whose export line is in {@code line}: the SHA-256 of the line without its
   * hash member, {@code line[hashSpan[0], hashSpan[1])} ({@link CanonicalJson#writeEventLine(
   * EvidenceEvent, int[])}), which is exactly the event's body.
   */
  static String bodyHashOfLine(CanonicalBuffer line, int[] hashSpan) {
    return bodyHashOfLine(line.array(), line.size(), hashSpan[0], hashSpan[1]);
  }

  /**
   * The hash of the event line {@code line[0, length)} whose hash member spans {@code [hashStart,
   * hashEnd)}: the SHA-256 of the line's own bytes without that member.
   */
  static String bodyHashOfLine(byte[] line, int length, int hashStart, int hashEnd) {
    MessageDigest digest = SHA_256.get();
    digest.update(line, 0, hashStart);
    digest.update(line, hashEnd, length - hashEnd);
    return HEX.formatHex(digest.digest());
  }

  /** The lower-case hex SHA-256 of {@code bytes}: 64 characters. */
  public static String sha256Hex(byte[] bytes) {
    return digestHex(requireNonNull(bytes, "bytes"), bytes.length);
  }

  private static String hash(
      long seq,
      String recordId,
      EvidenceType type,
      String actor,
      Instant time,
      SortedMap<String, @Nullable Object> details,
      String prevHash) {
    CanonicalBuffer body =
        CanonicalJson.writeEvent(seq, recordId, type, actor, time, details, prevHash, null);
    if (body.size() > EvidenceEvent.MAX_LINE_BYTES - HASH_MEMBER_BYTES) {
      throw new EventTooLargeException(
          "the "
              + type
              + " event of record "
              + recordId
              + " would be "
              + body.size()
              + " bytes; an evidence event may be at most "
              + EvidenceEvent.MAX_LINE_BYTES
              + " bytes, so shorten its text");
    }
    return digestHex(body.array(), body.size());
  }

  private static String digestHex(byte[] bytes, int length) {
    MessageDigest digest = SHA_256.get();
    digest.update(bytes, 0, length);
    return HEX.formatHex(digest.digest());
  }

  private static void requireHash(String hash, String name) {
    requireNonNull(hash, name);
    boolean ok = hash.length() == 64;
    for (int i = 0; ok && i < hash.length(); i++) {
      char c = hash.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
    if (!ok) {
      throw new IllegalArgumentException(
          name + " must be 64 lower-case hex digits (a SHA-256), was '" + hash + "'");
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
