package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Signs {@link Checkpoint}s with Ed25519 (RFC 8032) using only the JDK. The signature covers {@link
 * CanonicalJson#checkpointBody}; whoever holds the public key can check it offline with {@link
 * #verifySignature} or {@link EvidenceVerifier}.
 *
 * <p>Instances are immutable and thread-safe: each signature uses its own {@link Signature}. The
 * private key is never exposed, logged or printed.
 */
public final class CheckpointSigner {
  private static final String ALGORITHM = "Ed25519";
  private static final byte[] PAIRING_PROBE =
      "dev.accessgov checkpoint key pairing probe".getBytes(StandardCharsets.US_ASCII);

  private final String keyId;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private CheckpointSigner(String keyId, PrivateKey privateKey, PublicKey publicKey) {
    this.keyId = keyId;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * A signer for an existing Ed25519 key pair, for example one loaded from a key store or a KMS
   * export.
   *
   * @param keyId names the key in every checkpoint, so verifiers can pick the matching public key;
   *     must not be blank
   * @throws IllegalArgumentException if {@code keyId} is blank, a key is not Ed25519, or the two
   *     keys are not a pair (checked by signing and verifying a probe message)
   */
  public static CheckpointSigner ed25519(String keyId, PrivateKey privateKey, PublicKey publicKey) {
    requireNonNull(keyId, "keyId");
    requireNonNull(privateKey, "privateKey");
    requireNonNull(publicKey, "publicKey");
    if (keyId.isBlank()) {
      throw new IllegalArgumentException("keyId must not be blank");
    }
    boolean paired;
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(PAIRING_PROBE);
      byte[] probe = signer.sign();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(PAIRING_PROBE);
      paired = verifier.verify(probe);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(
          "checkpoint keys must be Ed25519; got "
              + privateKey.getAlgorithm()
              + " private and "
              + publicKey.getAlgorithm()
              + " public key",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
    if (!paired) {
      throw new IllegalArgumentException(
          "the private and public key given for '" + keyId + "' are not a key pair");
    }
    return new CheckpointSigner(keyId, privateKey, publicKey);
  }

  /**
   * A signer with a freshly generated Ed25519 key pair, for tests and examples. Production signers
   * should use a key that outlives the process, through {@link #ed25519}.
   */
  public static CheckpointSigner generate(String keyId) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return ed25519(keyId, pair.getPrivate(), pair.getPublic());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  /**
   * A signer for the Ed25519 private key in the PKCS#8 PEM file {@code privateKeyPem} ({@code
   * -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey -algorithm ed25519} writes it); the
   * public half is derived from it.
   *
   * @throws IllegalArgumentException if the file does not exist or does not hold such a key
   * @throws UncheckedIOException if the file cannot be read
   */
  public static CheckpointSigner fromPem(String keyId, Path privateKeyPem) {
    requireNonNull(keyId, "keyId");
    requireNonNull(privateKeyPem, "privateKeyPem");
    String text;
    try {
      text = Files.readString(privateKeyPem, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "private key file " + privateKeyPem + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          privateKeyPem + " is not a PEM private key (it is not text)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + privateKeyPem, e);
    }
    PrivateKey key = PrivateKeyPem.decode(text, privateKeyPem.toString());
    return ed25519(keyId, key, PrivateKeyPem.publicKeyOf(key));
  }

  /**
   * The signer of the key in {@code privateKeyPem}, first generating the key and writing it there
   * (readable by its owner only, where the file system allows) when the file does not exist yet.
   * For an embedded application that keeps its checkpoint key beside its store; keep a copy of the
   * public key ({@link EvidenceExport#toPem}) where auditors can get it.
   *
   * @throws IllegalArgumentException if the file exists but does not hold an Ed25519 private key
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public static CheckpointSigner loadOrCreate(String keyId, Path privateKeyPem) {
    requireNonNull(privateKeyPem, "privateKeyPem");
    if (!Files.exists(privateKeyPem)) {
      CheckpointSigner fresh = generate(keyId);
      try {
        Path parent = privateKeyPem.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, privateKeyPem.getFileName() + ".", ".tmp");
        try {
          ownerOnly(temp);
          Files.writeString(
              temp, PrivateKeyPem.encode(fresh.privateKey), StandardCharsets.US_ASCII);
          publish(temp, privateKeyPem);
        } finally {
          Files.deleteIfExists(temp);
        }
      } catch (FileAlreadyExistsException e) {
        // Another process created it first: use theirs, below.
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the key file " + privateKeyPem, e);
      }
    }
    return fromPem(keyId, privateKeyPem);
  }

  /**
   * Makes the complete {@code temp} visible as {@code target}, failing if {@code target} exists: a
   * hard link is created atomically and never replaces a file, so two processes starting at once
   * cannot each believe their own key is the one on disk.
   */
  private static void publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (UnsupportedOperationException e) {
      Files.move(temp, target); // no REPLACE_EXISTING: an existing key is never overwritten
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its own access rules apply.
    }
  }

  /**
   * Signs the statement that the chain had {@code size} events ending in {@code headHash} at {@code
   * time} (truncated to milliseconds).
   *
   * @throws IllegalArgumentException if {@code size} is below 1
   */
  public Checkpoint sign(long size, String headHash, Instant time) {
    requireNonNull(headHash, "headHash");
    Instant millis = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    byte[] body = CanonicalJson.checkpointBody(size, headHash, millis, keyId);
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(body);
      String encoded = Base64.getEncoder().encodeToString(signature.sign());
      return new Checkpoint(size, headHash, millis, keyId, encoded);
    } catch (GeneralSecurityException e) {
      // The key was checked at construction, so this is a broken platform, not bad input.
      throw new IllegalStateException("Ed25519 signing failed for key '" + keyId + "'", e);
    }
  }

  /**
   * Whether {@code checkpoint}'s signature is a valid Ed25519 signature by {@code publicKey} over
   * its {@link CanonicalJson#checkpointBody}. A signature that is not base64, or has the wrong
   * length, is simply invalid.
   *
   * @throws IllegalArgumentException if {@code publicKey} is not an Ed25519 key
   */
  public static boolean verifySignature(Checkpoint checkpoint, PublicKey publicKey) {
    requireNonNull(checkpoint, "checkpoint");
    Signature verifier = verifierFor(publicKey);
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(checkpoint.signature());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    try {
      verifier.update(
          CanonicalJson.checkpointBody(
              checkpoint.size(), checkpoint.headHash(), checkpoint.time(), checkpoint.keyId()));
      return verifier.verify(signature);
    } catch (SignatureException malformed) {
      return false;
    }
  }

  /**
   * A {@link Signature} ready to verify with {@code publicKey}.
   *
   * @throws IllegalArgumentException if {@code publicKey} is not an Ed25519 key
   */
  static Signature verifierFor(PublicKey publicKey) {
    requireNonNull(publicKey, "publicKey");
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(publicKey);
      return verifier;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(
          "checkpoints are verified with an Ed25519 public key; got a "
              + publicKey.getAlgorithm()
              + " key",
          e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  /** The public half of the key, to hand to auditors and to put in exports. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The name of the key, as written into every checkpoint. */
  public String keyId() {
    return keyId;
  }

  /** Names the key only; key material never appears. */
  @Override
  public String toString() {
    return "CheckpointSigner[keyId=" + keyId + ", algorithm=" + ALGORITHM + "]";
  }
}
