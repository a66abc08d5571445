package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * One signature line of a C2SP signed note: {@code — <key name> <base64(key ID || signature)>}.
 *
 * @param keyName the signing key's name
 * @param base64 the standard base64 of the 4-byte big-endian key ID followed by the signature
 */
public record NoteSignature(String keyName, String base64) {
  /**
   * Checks the shape: a valid key name, and canonical base64 of at least five bytes.
   *
   * @throws IllegalArgumentException otherwise
   */
  public NoteSignature {
    NoteKey.checkName(keyName);
    requireNonNull(base64, "base64");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the signature of key " + keyName + " is not base64", e);
    }
    if (bytes.length < 5 || !Base64.getEncoder().encodeToString(bytes).equals(base64)) {
      throw new IllegalArgumentException(
          "the signature of key " + keyName + " is not a key ID and a signature in base64");
    }
  }

  /** The signature by {@code key} whose bytes are {@code signature}. */
  static NoteSignature of(NoteKey key, byte[] signature) {
    byte[] bytes =
        ByteBuffer.allocate(4 + signature.length).putInt(key.keyId()).put(signature).array();
    return new NoteSignature(key.name(), Base64.getEncoder().encodeToString(bytes));
  }

  /** The key ID the signature names. */
  public int keyId() {
    return ByteBuffer.wrap(Base64.getDecoder().decode(base64)).getInt();
  }

  /** The key ID as eight lower-case hex digits. */
  public String keyIdHex() {
    return String.format("%08x", keyId());
  }

  /** The signature bytes after the key ID. */
  byte[] signature() {
    byte[] bytes = Base64.getDecoder().decode(base64);
    return Arrays.copyOfRange(bytes, 4, bytes.length);
  }

  /** The line as it appears in the note, without its newline. */
  public String line() {
    return "\u2014 " + keyName + " " + base64;
  }
}
