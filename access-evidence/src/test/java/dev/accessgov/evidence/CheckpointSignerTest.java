package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.evidence.Checkpoint.Trust;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("CheckpointSigner and the C2SP checkpoint note")
class CheckpointSignerTest {
  private static final String ORIGIN = "example.com/access-governance/test";
  private static final byte[] ROOT = Merkle.leafHash(new byte[] {1, 2, 3});
  private static final Instant TIME = Instant.parse("2024-05-01T10:15:30.123456Z");

  @Nested
  @DisplayName("signs checkpoints")
  class Signing {

    @Test
    @DisplayName("as a signed note: origin, size, base64 root, time, blank line, signature line")
    void noteFormat() {
      CheckpointSigner signer = CheckpointSigner.generate(ORIGIN);

      Checkpoint checkpoint = signer.sign(12, ROOT, TIME);

      String root = Base64.getEncoder().encodeToString(ROOT);
      assertThat(checkpoint.body())
          .isEqualTo(ORIGIN + "\n12\n" + root + "\ntime 2024-05-01T10:15:30.123Z\n");
      List<String> lines = checkpoint.note().lines().toList();
      assertThat(lines).hasSize(6);
      assertThat(lines.get(4)).isEmpty();
      assertThat(lines.get(5)).startsWith("\u2014 " + ORIGIN + " ");
      byte[] signature = Base64.getDecoder().decode(lines.get(5).split(" ")[2]);
      assertThat(signature).hasSize(4 + 64);
      assertThat(checkpoint.signatures().get(0).keyIdHex()).isEqualTo(signer.noteKey().keyIdHex());
      assertThat(checkpoint.trust(List.of(signer.publicKey()))).isEqualTo(Trust.TRUSTED);
      assertThat(Checkpoint.parse(checkpoint.note())).isEqualTo(checkpoint);
    }

    @Test
    @DisplayName("deterministically, as Ed25519 is")
    void deterministic() {
      CheckpointSigner signer = CheckpointSigner.generate(ORIGIN);

      assertThat(signer.sign(3, ROOT, TIME)).isEqualTo(signer.sign(3, ROOT, TIME));
    }

    @Test
    @DisplayName("whose signature covers origin, size, root and time")
    void coversEveryField() {
      CheckpointSigner signer = CheckpointSigner.generate(ORIGIN);
      Checkpoint c = signer.sign(12, ROOT, TIME);
      String otherRoot = Base64.getEncoder().encodeToString(Merkle.leafHash(new byte[0]));

      assertThat(
              List.of(
                  new Checkpoint(c.origin(), 11, c.rootHash(), c.time(), c.signatures()),
                  new Checkpoint(c.origin(), 12, otherRoot, c.time(), c.signatures()),
                  new Checkpoint(
                      c.origin(), 12, c.rootHash(), c.time().plusMillis(1), c.signatures()),
                  new Checkpoint("example.com/other", 12, c.rootHash(), c.time(), c.signatures())))
          .allMatch(forged -> forged.trust(List.of(signer.publicKey())) == Trust.FORGED);
    }

    @Test
    @DisplayName("that another key does not vouch for, even under the same name")
    void otherKey() {
      Checkpoint c = CheckpointSigner.generate(ORIGIN).sign(1, ROOT, TIME);
      PublicKey other = CheckpointSigner.generate(ORIGIN).publicKey();

      assertThat(c.trust(List.of(other))).isEqualTo(Trust.UNTRUSTED);
    }

    @Test
    @DisplayName("of which a rotated key's checkpoints verify when both keys are trusted")
    void rotation() {
      CheckpointSigner old = CheckpointSigner.generate(ORIGIN);
      CheckpointSigner rotated = CheckpointSigner.generate(ORIGIN);
      List<PublicKey> both = List.of(old.publicKey(), rotated.publicKey());

      assertThat(old.noteKey().keyId()).isNotEqualTo(rotated.noteKey().keyId());
      assertThat(old.sign(1, ROOT, TIME).trust(both)).isEqualTo(Trust.TRUSTED);
      assertThat(rotated.sign(2, ROOT, TIME).trust(both)).isEqualTo(Trust.TRUSTED);
      assertThat(rotated.sign(2, ROOT, TIME).trust(List.of(old.publicKey())))
          .isEqualTo(Trust.UNTRUSTED);
    }
  }

  @Nested
  @DisplayName("reads notes strictly")
  class Parsing {
    private final Checkpoint c = CheckpointSigner.generate(ORIGIN).sign(7, ROOT, TIME);

    @ParameterizedTest
    @ValueSource(
        strings = {
          "missing final newline",
          "CR line ends",
          "leading zero in size",
          "no blank line",
          "no time line",
          "extra line",
          "short root",
          "tab in signature line",
          "no signature"
        })
    @DisplayName("and refuses every other form of the same note")
    void refusesVariants(String variant) {
      String note = c.note();
      String bad =
          switch (variant) {
            case "missing final newline" -> note.substring(0, note.length() - 1);
            case "CR line ends" -> note.replace("\n", "\r\n");
            case "leading zero in size" -> note.replace("\n7\n", "\n07\n");
            case "no blank line" -> note.replace("\n\n", "\n");
            case "no time line" -> note.replaceFirst("time [^\n]*\n", "");
            case "extra line" -> note.replaceFirst("\n\n", "\nmore\n\n");
            case "short root" -> note.replace(c.rootHash(), "AAAA");
            case "tab in signature line" -> note.replace("\u2014 ", "\u2014\t");
            default -> c.body() + "\n";
          };
      assertThatThrownBy(() -> Checkpoint.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("uses C2SP signed-note keys")
  class Keys {
    /** The example of c2sp.org/signed-note, section "Verifier keys". */
    private static final String SPEC_VKEY =
        "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

    private static final String SPEC_TEXT = "This is an example message.\n";
    private static final String SPEC_SIGNATURE =
        "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=";

    @Test
    @DisplayName("whose key ID and vkey match the specification's example, which verifies")
    void specificationExample() {
      NoteKey key = NoteKey.parse(SPEC_VKEY);
      NoteSignature signature = new NoteSignature("example.com/foo", SPEC_SIGNATURE);

      assertThat(key.keyIdHex()).isEqualTo("530d903a");
      assertThat(key.vkey()).isEqualTo(SPEC_VKEY);
      assertThat(signature.keyId()).isEqualTo(key.keyId());
      assertThat(
              Checkpoint.ed25519Verifies(
                  key.publicKey(),
                  SPEC_TEXT.getBytes(StandardCharsets.UTF_8),
                  signature.signature()))
          .isTrue();
      assertThat(
              Checkpoint.ed25519Verifies(
                  key.publicKey(),
                  "This is an example message!\n".getBytes(StandardCharsets.UTF_8),
                  signature.signature()))
          .isFalse();
    }

    @Test
    @DisplayName("whose vkey round-trips, and whose ID is checked when read")
    void vkeyRoundTrip() {
      NoteKey key = CheckpointSigner.generate(ORIGIN).noteKey();

      assertThat(NoteKey.parse(key.vkey())).isEqualTo(key);
      String wrongId = key.vkey().replace("+" + key.keyIdHex() + "+", "+00000000+");
      assertThatThrownBy(() -> NoteKey.parse(wrongId))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not match");
      assertThat(key.fingerprint()).startsWith("SHA256:").hasSize(7 + 44);
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
          CheckpointSigner.ed25519(ORIGIN, pair.getPrivate(), pair.getPublic());

      assertThat(signer.origin()).isEqualTo(ORIGIN);
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
      Checkpoint checkpoint = CheckpointSigner.generate("k").sign(1, ROOT, TIME);
      assertThatThrownBy(() -> checkpoint.trust(List.of(rsa.getPublic())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Ed25519");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a+b", "a\nb", "a\u00a0b"})
    @DisplayName("only with an origin C2SP allows as a key name")
    void badOrigin(String origin) {
      assertThatThrownBy(() -> CheckpointSigner.generate(origin))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key name");
    }
  }

  @Test
  @DisplayName("prints its origin and key ID but never key material")
  void toStringHidesKeys() {
    CheckpointSigner signer = CheckpointSigner.generate("prod-2024");

    assertThat(signer.toString())
        .isEqualTo(
            "CheckpointSigner[origin=prod-2024, keyId="
                + signer.noteKey().keyIdHex()
                + ", algorithm=Ed25519]");
  }
}
