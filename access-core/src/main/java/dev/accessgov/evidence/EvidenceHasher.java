package dev.accessgov.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** STUB until the evidence branch is merged. */
public final class EvidenceHasher {
  private EvidenceHasher() {}

  /** Seals. */
  public static EvidenceEvent seal(EvidenceDraft d, long seq, String prevHash) {
    String body =
        seq
            + "|"
            + d.recordId()
            + "|"
            + d.type()
            + "|"
            + d.actor()
            + "|"
            + d.time()
            + "|"
            + d.details()
            + "|"
            + prevHash;
    return new EvidenceEvent(
        seq,
        d.recordId(),
        d.type(),
        d.actor(),
        d.time(),
        d.details(),
        prevHash,
        sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Hex. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
