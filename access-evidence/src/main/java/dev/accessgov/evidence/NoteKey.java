package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An Ed25519 public key under a name, as C2SP {@code signed-note} identifies the keys that sign
 * notes. Its key ID is {@code SHA-256(name || 0x0A || 0x01 || 32-byte key)[:4]}, and its verifier
 * key (vkey) text is {@code <name>+<hex key ID>+<base64(0x01 || key)>}, which Go's {@code
 * golang.org/x/mod/sumdb/note} and other C2SP tools read. Immutable.
 */
public final class NoteKey {
  /** The signed-note signature type of Ed25519. */
  static final byte ED25519 = 0x01;

  /** What X.509 SubjectPublicKeyInfo puts before a raw Ed25519 key (RFC 8410). */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private static final Pattern SPACE_OR_PLUS = Pattern.compile("[\\p{javaWhitespace}\\p{Z}+]");

  private final String name;
  private final PublicKey key;
  private final byte[] raw;
  private final int keyId;

  private NoteKey(String name, PublicKey key, byte[] raw) {
    this.name = name;
    this.key = key;
    this.raw = raw;
    this.keyId = keyId(name, raw);
  }

  /**
   * {@code key} under {@code name}.
   *
   * @throws IllegalArgumentException if the name is empty, holds a space, a plus or a control
   *     character, or the key is not Ed25519
   */
  public static NoteKey of(String name, PublicKey key) {
    return new NoteKey(checkName(name), requireNonNull(key, "key"), raw(key));
  }

  /**
   * The key in a verifier key text, {@code <name>+<hex key ID>+<base64(0x01 || key)>}.
   *
   * @throws IllegalArgumentException if the text is not an Ed25519 vkey, or its key ID does not
   *     match its name and key
   */
  public static NoteKey parse(String vkey) {
    requireNonNull(vkey, "vkey");
    // The name holds no '+' and the ID is hex; base64 may hold '+', so split twice only.
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a verifier key is <name>+<hex key ID>+<base64 key>; this one has "
              + parts.length
              + " parts");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the verifier key's key part is not base64", e);
    }
    if (typed.length != 33 || typed[0] != ED25519) {
      throw new IllegalArgumentException(
          "the verifier key is not an Ed25519 key (type 0x01 and 32 bytes)");
    }
    byte[] raw = Arrays.copyOfRange(typed, 1, 33);
    NoteKey key = new NoteKey(checkName(parts[0]), publicKey(raw), raw);
    if (!parts[1].equals(key.keyIdHex())) {
      throw new IllegalArgumentException(
          "the verifier key's ID "
              + parts[1]
              + " does not match its name and key (expected "
              + key.keyIdHex()
              + ")");
    }
    return key;
  }

  /** The key's name, which signature lines carry. */
  public String name() {
    return name;
  }

  /** The public key. */
  public PublicKey publicKey() {
    return key;
  }

  /** The 32-bit key ID signatures start with. */
  public int keyId() {
    return keyId;
  }

  /** The key ID as eight lower-case hex digits. */
  public String keyIdHex() {
    return String.format("%08x", keyId);
  }

  /** The verifier key text: {@code <name>+<hex key ID>+<base64(0x01 || key)>}. */
  public String vkey() {
    byte[] typed = new byte[33];
    typed[0] = ED25519;
    System.arraycopy(raw, 0, typed, 1, 32);
    return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
  }

  /**
   * A fingerprint for people to compare: {@code SHA256:} and the base64 (with padding) of the
   * SHA-256 of the key's X.509 SubjectPublicKeyInfo encoding, so that {@code openssl pkey -pubin
   * -in key.pem -outform DER | openssl dgst -sha256 -binary | base64} gives the same text. It does
   * not depend on the name.
   */
  public String fingerprint() {
    return fingerprint(key);
  }

  /** {@link #fingerprint()} of any Ed25519 key. */
  public static String fingerprint(PublicKey key) {
    raw(key); // an Ed25519 key, with its X.509 encoding
    return "SHA256:" + Base64.getEncoder().encodeToString(sha256(key.getEncoded()));
  }

  /** The key ID {@code key} has under {@code name}. */
  static int keyId(String name, PublicKey key) {
    return keyId(name, raw(key));
  }

  private static int keyId(String name, byte[] raw) {
    MessageDigest digest = sha256Digest();
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0x0A);
    digest.update(ED25519);
    digest.update(raw);
    return ByteBuffer.wrap(digest.digest()).getInt();
  }

  /** Checks a key name: non-empty, no Unicode space, no plus, no control character. */
  static String checkName(String name) {
    requireNonNull(name, "name");
    if (name.isEmpty()
        || SPACE_OR_PLUS.matcher(name).find()
        || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "a key name must be non-empty, without spaces, '+' or control characters, such as"
              + " example.com/access-governance/prod; got '"
              + name.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
    return name;
  }

  /** The 32 bytes of an Ed25519 public key (RFC 8032 encoding). */
  static byte[] raw(PublicKey key) {
    requireNonNull(key, "key");
    if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          "checkpoints are signed with Ed25519 keys; got a " + key.getAlgorithm() + " key");
    }
    byte[] der = key.getEncoded();
    if (der == null
        || !"X.509".equals(key.getFormat())
        || der.length != X509_PREFIX.length + 32
        || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException(
          "the Ed25519 key has no X.509 SubjectPublicKeyInfo encoding of an Ed25519 key (format "
              + key.getFormat()
              + ")");
    }
    return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
  }

  private static PublicKey publicKey(byte[] raw) {
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    return sha256Digest().digest(bytes);
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** Equal when name and key are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof NoteKey k && k.name.equals(name) && Arrays.equals(k.raw, raw);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(raw);
  }

  /** The vkey text: the public key is not secret. */
  @Override
  public String toString() {
    return vkey();
  }
}
