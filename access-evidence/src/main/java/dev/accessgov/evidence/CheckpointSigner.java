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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * Signs {@link Checkpoint}s with Ed25519 (RFC 8032) using only the JDK, as C2SP signed notes under
 * the log's origin: the key's name is the origin (such as {@code
 * example.com/access-governance/prod}), as C2SP {@code tlog-checkpoint} recommends. Whoever holds
 * the public key can check a checkpoint offline with {@link Checkpoint#trust} or {@link
 * EvidenceVerifier}. To rotate the key, sign with a new key under the same origin: its key ID
 * differs, and verifiers given both public keys accept checkpoints of either.
 *
 * <p>Instances are immutable and thread-safe: each signature uses its own {@link Signature}. The
 * private key is never exposed, logged or printed.
 */
public final class CheckpointSigner {
  private static final String ALGORITHM = "Ed25519";
  private static final byte[] PAIRING_PROBE =
      "dev.accessgov checkpoint key pairing probe".getBytes(StandardCharsets.US_ASCII);

  private final NoteKey key;
  private final PrivateKey privateKey;

  private CheckpointSigner(NoteKey key, PrivateKey privateKey) {
    this.key = key;
    this.privateKey = privateKey;
  }

  /**
   * A signer for an existing Ed25519 key pair, for example one loaded from a key store or a KMS
   * export.
   *
   * @param origin the log's name, written into every checkpoint and used as the key's name, such as
   *     {@code example.com/access-governance/prod}: non-empty, without spaces, {@code +} or control
   *     characters
   * @throws IllegalArgumentException if {@code origin} is not such a name, a key is not Ed25519, or
   *     the two keys are not a pair (checked by signing and verifying a probe message)
   */
  public static CheckpointSigner ed25519(
      String origin, PrivateKey privateKey, PublicKey publicKey) {
    NoteKey.checkName(origin);
    requireNonNull(privateKey, "privateKey");
    requireNonNull(publicKey, "publicKey");
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
          "the private and public key given for '" + origin + "' are not a key pair");
    }
    return new CheckpointSigner(NoteKey.of(origin, publicKey), privateKey);
  }

  /**
   * A signer with a freshly generated Ed25519 key pair, for tests and examples. Production signers
   * should use a key that outlives the process, through {@link #ed25519}.
   */
  public static CheckpointSigner generate(String origin) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return ed25519(origin, pair.getPrivate(), pair.getPublic());
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
  public static CheckpointSigner fromPem(String origin, Path privateKeyPem) {
    requireNonNull(origin, "origin");
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
    return ed25519(origin, key, PrivateKeyPem.publicKeyOf(key));
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
  public static CheckpointSigner loadOrCreate(String origin, Path privateKeyPem) {
    requireNonNull(privateKeyPem, "privateKeyPem");
    if (!Files.exists(privateKeyPem)) {
      CheckpointSigner fresh = generate(origin);
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
    return fromPem(origin, privateKeyPem);
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
   * Signs the checkpoint of the tree of {@code size} events whose root hash is {@code root}, at
   * {@code time} (truncated to milliseconds).
   *
   * @throws IllegalArgumentException if {@code size} is negative or {@code root} is not 32 bytes
   */
  public Checkpoint sign(long size, byte[] root, Instant time) {
    String rootHash = Base64.getEncoder().encodeToString(Merkle.copyHash(root, "root"));
    Instant millis = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    if (size < 0) {
      throw new IllegalArgumentException("a checkpoint's tree size is >= 0, was " + size);
    }
    byte[] body =
        Checkpoint.body(key.name(), size, rootHash, millis).getBytes(StandardCharsets.UTF_8);
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(body);
      return new Checkpoint(
          key.name(), size, rootHash, millis, List.of(NoteSignature.of(key, signature.sign())));
    } catch (GeneralSecurityException e) {
      // The key was checked at construction, so this is a broken platform, not bad input.
      throw new IllegalStateException("Ed25519 signing failed for key '" + key.name() + "'", e);
    }
  }

  /** The public half of the key, to hand to auditors and to put in exports. */
  public PublicKey publicKey() {
    return key.publicKey();
  }

  /** The public key under its name, with its C2SP key ID and verifier key text. */
  public NoteKey noteKey() {
    return key;
  }

  /** The log's name: the origin line of every checkpoint, and the key's name. */
  public String origin() {
    return key.name();
  }

  /** Names the key only; key material never appears. */
  @Override
  public String toString() {
    return "CheckpointSigner[origin="
        + key.name()
        + ", keyId="
        + key.keyIdHex()
        + ", algorithm="
        + ALGORITHM
        + "]";
  }
}
