package dev.accessgov.cli;

import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Reads the keys the commands take as files: the checkpoint public key auditors verify with (PEM
 * "PUBLIC KEY", as in an export's {@code public-key.pem} or {@code openssl pkey -pubout}) and the
 * Ed25519 private key {@code pack} signs with (PEM "PRIVATE KEY", PKCS#8, as {@code openssl genpkey
 * -algorithm ed25519} writes it). Every problem is a {@link CliException} naming the file.
 */
final class Keys {
  private static final String BEGIN_PRIVATE = "-----BEGIN PRIVATE KEY-----";
  private static final String END_PRIVATE = "-----END PRIVATE KEY-----";
  private static final String BEGIN_PUBLIC = "-----BEGIN PUBLIC KEY-----";
  private static final String ED25519 = "Ed25519";

  private Keys() {}

  /** The Ed25519 public key in the PEM file {@code file}. */
  static PublicKey publicKey(Path file) {
    text(file, "public key");
    try {
      return EvidenceExport.readPublicKey(file);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /**
   * A signer for the Ed25519 private key in the PEM file {@code file}, its checkpoints naming
   * {@code keyId}. The public half is derived from the private key.
   */
  static CheckpointSigner signer(Path file, String keyId) {
    String pem = text(file, "private key").strip();
    if (pem.startsWith(BEGIN_PUBLIC)) {
      throw CliException.usage(
          file + " holds a public key; signing needs the private key (" + BEGIN_PRIVATE + ")");
    }
    if (!pem.startsWith(BEGIN_PRIVATE) || !pem.endsWith(END_PRIVATE)) {
      throw CliException.usage(
          file + " is not a PKCS#8 PEM private key: expected " + BEGIN_PRIVATE + " ...");
    }
    String body = pem.substring(BEGIN_PRIVATE.length(), pem.length() - END_PRIVATE.length());
    try {
      byte[] der = Base64.getMimeDecoder().decode(body);
      PrivateKey key =
          KeyFactory.getInstance(ED25519).generatePrivate(new PKCS8EncodedKeySpec(der));
      return CheckpointSigner.ed25519(keyId, key, publicKeyOf((EdECPrivateKey) key));
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw CliException.usage(file + " does not hold an Ed25519 private key");
    }
  }

  /**
   * The public key of {@code key}. The JDK has no call for it, but its Ed25519 generator turns 32
   * random bytes into a key pair; given the private key's bytes as those, it yields this key's
   * pair. {@link CheckpointSigner#ed25519} then proves the pairing by signing and verifying.
   */
  private static PublicKey publicKeyOf(EdECPrivateKey key) throws GeneralSecurityException {
    byte[] seed =
        key.getBytes().orElseThrow(() -> new GeneralSecurityException("no private key bytes"));
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ED25519);
    generator.initialize(NamedParameterSpec.ED25519, new Replay(seed));
    return generator.generateKeyPair().getPublic();
  }

  private static String text(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(
          what + " file " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
    }
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      throw CliException.usage(file + " is not a PEM " + what + " (it is not text)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
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
