package dev.accessgov.evidence;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** STUB until the evidence branch is merged. */
public final class CheckpointSigner {
  private final String keyId;
  private final KeyPair pair;

  private CheckpointSigner(String keyId, KeyPair pair) {
    this.keyId = keyId;
    this.pair = pair;
  }

  /** Stub. */
  public static CheckpointSigner generate(String keyId) {
    try {
      return new CheckpointSigner(keyId, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stub. */
  public Checkpoint sign(long size, String headHash, Instant time) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(pair.getPrivate());
      s.update((size + headHash + time).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new Checkpoint(
          size, headHash, time, keyId, Base64.getEncoder().encodeToString(s.sign()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stub. */
  public PublicKey publicKey() {
    return pair.getPublic();
  }

  /** Stub. */
  public String keyId() {
    return keyId;
  }
}
