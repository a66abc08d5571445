package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CheckpointSigner")
class CheckpointSignerTest {
  private static final String HEAD = "ab".repeat(32);
  private static final Instant TIME = Instant.parse("2024-05-01T10:15:30.123456Z");

  @Nested
  @DisplayName("signs checkpoints")
  class Signing {

    @Test
    @DisplayName("that verify with its public key and carry its key id")
    void roundTrip() {
      CheckpointSigner signer = CheckpointSigner.generate("key-2024");

      Checkpoint checkpoint = signer.sign(12, HEAD, TIME);

      assertThat(checkpoint.size()).isEqualTo(12);
      assertThat(checkpoint.headHash()).isEqualTo(HEAD);
      assertThat(checkpoint.keyId()).isEqualTo("key-2024");
      assertThat(checkpoint.time()).isEqualTo(Instant.parse("2024-05-01T10:15:30.123Z"));
      assertThat(Base64.getDecoder().decode(checkpoint.signature())).hasSize(64);
      assertThat(CheckpointSigner.verifySignature(checkpoint, signer.publicKey())).isTrue();
    }

    @Test
    @DisplayName("deterministically, as Ed25519 is")
    void deterministic() {
      CheckpointSigner signer = CheckpointSigner.generate("key-2024");

      assertThat(signer.sign(3, HEAD, TIME)).isEqualTo(signer.sign(3, HEAD, TIME));
    }

    @Test
    @DisplayName("whose signature covers size, head hash, time and key id")
    void coversEveryField() {
      CheckpointSigner signer = CheckpointSigner.generate("key-2024");
      Checkpoint c = signer.sign(12, HEAD, TIME);

      assertThat(
              new Checkpoint[] {
                new Checkpoint(11, c.headHash(), c.time(), c.keyId(), c.signature()),
                new Checkpoint(c.size(), "cd".repeat(32), c.time(), c.keyId(), c.signature()),
                new Checkpoint(
                    c.size(), c.headHash(), c.time().plusMillis(1), c.keyId(), c.signature()),
                new Checkpoint(c.size(), c.headHash(), c.time(), "key-2025", c.signature())
              })
          .noneMatch(forged -> CheckpointSigner.verifySignature(forged, signer.publicKey()));
    }

    @Test
    @DisplayName("that another key does not verify")
    void otherKey() {
      Checkpoint checkpoint = CheckpointSigner.generate("a").sign(1, HEAD, TIME);

      assertThat(
              CheckpointSigner.verifySignature(
                  checkpoint, CheckpointSigner.generate("a").publicKey()))
          .isFalse();
    }

    @Test
    @DisplayName("and treats a signature that is not base64 or has the wrong length as invalid")
    void garbageSignature() {
      CheckpointSigner signer = CheckpointSigner.generate("k");
      Checkpoint c = signer.sign(1, HEAD, TIME);

      assertThat(
              CheckpointSigner.verifySignature(
                  new Checkpoint(1, HEAD, c.time(), "k", "not base64!"), signer.publicKey()))
          .isFalse();
      assertThat(
              CheckpointSigner.verifySignature(
                  new Checkpoint(1, HEAD, c.time(), "k", "c2hvcnQ="), signer.publicKey()))
          .isFalse();
    }
  }

  @Nested
  @DisplayName("is built")
  class Building {

    @Test
    @DisplayName("from an existing Ed25519 key pair")
    void existingPair() throws Exception {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

      CheckpointSigner signer =
          CheckpointSigner.ed25519("kms-1", pair.getPrivate(), pair.getPublic());

      assertThat(signer.keyId()).isEqualTo("kms-1");
      assertThat(signer.publicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    @DisplayName("only when the private and public key belong together")
    void mismatchedPair() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      KeyPair one = generator.generateKeyPair();
      KeyPair other = generator.generateKeyPair();

      assertThatThrownBy(() -> CheckpointSigner.ed25519("k", one.getPrivate(), other.getPublic()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a key pair");
    }

    @Test
    @DisplayName("only with Ed25519 keys")
    void otherAlgorithms() throws Exception {
      KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
      KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

      assertThatThrownBy(() -> CheckpointSigner.ed25519("k", rsa.getPrivate(), rsa.getPublic()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Ed25519");
      assertThatThrownBy(() -> CheckpointSigner.ed25519("k", ed448.getPrivate(), ed448.getPublic()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Ed25519");
      Checkpoint checkpoint = CheckpointSigner.generate("k").sign(1, HEAD, TIME);
      assertThatThrownBy(() -> CheckpointSigner.verifySignature(checkpoint, rsa.getPublic()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Ed25519");
    }

    @Test
    @DisplayName("only with a key id that is not blank")
    void blankKeyId() {
      assertThatThrownBy(() -> CheckpointSigner.generate(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("keyId");
    }
  }

  @Test
  @DisplayName("prints its key id but never key material")
  void toStringHidesKeys() {
    CheckpointSigner signer = CheckpointSigner.generate("prod-2024");

    String text = signer.toString();

    assertThat(text).isEqualTo("CheckpointSigner[keyId=prod-2024, algorithm=Ed25519]");
    String publicBase64 = Base64.getEncoder().encodeToString(signer.publicKey().getEncoded());
    assertThat(text).doesNotContain(publicBase64.substring(16, 40));
  }
}
