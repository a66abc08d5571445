package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("checkpoint keys in PEM files")
class CheckpointSignerPemTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a PKCS#8 key (as openssl writes it) signs checkpoints its public key verifies")
  void fromPem() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String body =
        Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded());
    Path file =
        Files.writeString(
            dir.resolve("key.pem"),
            "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");

    CheckpointSigner signer = CheckpointSigner.fromPem("ops-2026", file);

    assertThat(signer.publicKey()).isEqualTo(pair.getPublic());
    Checkpoint checkpoint =
        signer.sign(3, Merkle.emptyRoot(), Instant.parse("2026-01-05T09:00:00Z"));
    assertThat(checkpoint.trust(java.util.List.of(pair.getPublic())))
        .isEqualTo(Checkpoint.Trust.TRUSTED);
  }

  @Test
  @DisplayName("loadOrCreate writes a new key readable by its owner only, and reads it back later")
  void loadOrCreate() throws Exception {
    Path file = dir.resolve("keys/checkpoint-key.pem");

    CheckpointSigner first = CheckpointSigner.loadOrCreate("app", file);
    CheckpointSigner again = CheckpointSigner.loadOrCreate("app", file);

    assertThat(again.publicKey()).isEqualTo(first.publicKey());
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.list(file.getParent())).as("no temporary file left").hasSize(1);
  }

  @Test
  @DisplayName("a missing file, a public key and garbage are refused, naming the file")
  void refused() throws Exception {
    Path missing = dir.resolve("missing.pem");
    Path publicKey =
        Files.writeString(
            dir.resolve("public.pem"),
            EvidenceExport.toPem(CheckpointSigner.generate("x").publicKey()));
    Path garbage =
        Files.writeString(
            dir.resolve("garbage.pem"),
            "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> CheckpointSigner.fromPem("k", missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> CheckpointSigner.fromPem("k", publicKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds a public key");
    assertThatThrownBy(() -> CheckpointSigner.loadOrCreate("k", garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garbage.pem does not hold an Ed25519 private key");
    assertThat(Files.readString(garbage)).as("an existing file is never replaced").contains("bm90");
  }
}
