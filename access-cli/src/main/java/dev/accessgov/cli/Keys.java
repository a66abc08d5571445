package dev.accessgov.cli;

import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;

/**
 * Reads the keys the commands take as files: the checkpoint public key auditors verify with (PEM
 * "PUBLIC KEY", as in an export's {@code public-key.pem} or {@code openssl pkey -pubout}) and the
 * Ed25519 private key {@code pack} signs with (PEM "PRIVATE KEY", PKCS#8, as {@code openssl genpkey
 * -algorithm ed25519} writes it). Every problem is a {@link CliException} naming the file.
 */
final class Keys {
  private Keys() {}

  /** The Ed25519 public key in the PEM file {@code file}. */
  static PublicKey publicKey(Path file) {
    text(file, "public key");
    try {
      return EvidenceExport.readPublicKey(file);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(Objects.toString(e.getMessage(), file + " is not a usable key"));
    }
  }

  /**
   * A signer for the Ed25519 private key in the PEM file {@code file}, its checkpoints naming
   * {@code keyId}. The public half is derived from the private key.
   */
  static CheckpointSigner signer(Path file, String keyId) {
    text(file, "private key");
    try {
      return CheckpointSigner.fromPem(keyId, file);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(Objects.toString(e.getMessage(), file + " is not a usable key"));
    }
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
}
