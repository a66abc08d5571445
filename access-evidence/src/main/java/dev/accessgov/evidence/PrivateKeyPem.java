package dev.accessgov.evidence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 private keys as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the format {@code
 * openssl genpkey -algorithm ed25519} writes. Package-private: used by {@link CheckpointSigner}.
 */
final class PrivateKeyPem {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";
  private static final String BEGIN_PUBLIC = "-----BEGIN PUBLIC KEY-----";
  private static final String ED25519 = "Ed25519";

  private PrivateKeyPem() {}

  /**
   * The private key in {@code pem}; {@code source} names it in errors.
   *
   * @throws IllegalArgumentException if {@code pem} is not a PKCS#8 PEM Ed25519 private key
   */
  static PrivateKey decode(String pem, String source) {
    String text = pem.strip();
    if (text.startsWith(BEGIN_PUBLIC)) {
      throw new IllegalArgumentException(
          source + " holds a public key; signing needs the private key (" + BEGIN + ")");
    }
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new IllegalArgumentException(
          source + " is not a PKCS#8 PEM private key: expected " + BEGIN + " ...");
    }
    String body = text.substring(BEGIN.length(), text.length() - END.length());
    try {
      byte[] der = Base64.getMimeDecoder().decode(body);
      return KeyFactory.getInstance(ED25519).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(source + " does not hold an Ed25519 private key", e);
    }
  }

  /** The PEM text of {@code key}, lines of 64 characters each ending in {@code '\n'}. */
  static String encode(PrivateKey key) {
    String body =
        Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(key.getEncoded())
            .replace("\r", "");
    return BEGIN + "\n" + body + "\n" + END + "\n";
  }

  /**
   * The public key of {@code key}. The JDK has no call for it, but its Ed25519 generator turns 32
   * random bytes into a key pair; given the private key's bytes as those, it yields this key's
   * pair. {@link CheckpointSigner#ed25519} then proves the pairing by signing and verifying.
   *
   * @throws IllegalArgumentException if {@code key} is not an Ed25519 key with its bytes at hand
   */
  static PublicKey publicKeyOf(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
      throw new IllegalArgumentException("not an Ed25519 private key with its bytes at hand");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ED25519);
      generator.initialize(NamedParameterSpec.ED25519, new Replay(edec.getBytes().get()));
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  /** Hands out the given bytes as its "random" bytes. Only for {@link #publicKeyOf}. */
  private static final class Replay extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;

    Replay(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("expected a request for " + bytes.length + " bytes");
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
