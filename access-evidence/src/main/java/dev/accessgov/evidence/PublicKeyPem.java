package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The PEM form of an Ed25519 public key (RFC 7468 "PUBLIC KEY": base64 of the X.509
 * SubjectPublicKeyInfo in 64-character lines), which {@code openssl pkey -pubin} also reads.
 */
final class PublicKeyPem {
  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PublicKeyPem() {}

  /** The PEM text of {@code key}, ending with a line break. */
  static String encode(PublicKey key) {
    byte[] der = requireNonNull(key, "key").getEncoded();
    if (der == null || !"X.509".equals(key.getFormat())) {
      throw new IllegalArgumentException(
          "the public key has no X.509 encoding (format " + key.getFormat() + ")");
    }
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return BEGIN + "\n" + body + "\n" + END + "\n";
  }

  /**
   * The Ed25519 public key in {@code pem}.
   *
   * @param source names the text's origin in error messages
   * @throws IllegalArgumentException if the text is not one PEM public key or not Ed25519
   */
  static PublicKey decode(String pem, String source) {
    String text = requireNonNull(pem, "pem").strip();
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new IllegalArgumentException(
          source + " is not a PEM public key: expected " + BEGIN + " ... " + END);
    }
    String base64 = text.substring(BEGIN.length(), text.length() - END.length());
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " holds invalid base64", e);
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(source + " does not hold an Ed25519 public key", e);
    }
  }
}
