package dev.accessgov.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("EvidenceExport")
class EvidenceExportTest {
  private static final List<EvidenceEvent> EVENTS = SampleChain.events();
  private static final List<Checkpoint> CHECKPOINTS = SampleChain.checkpoints(EVENTS);
  private static final PublicKey KEY = SampleChain.SIGNER.publicKey();

  @TempDir Path dir;

  @BeforeEach
  void writeSample() {
    EvidenceExport.write(dir, EVENTS.iterator(), CHECKPOINTS, KEY);
  }

  @Nested
  @DisplayName("round trip")
  class RoundTrip {

    @Test
    @DisplayName("reads back the events, checkpoints and key that were written")
    void readsBack() {
      List<EvidenceEvent> read = new ArrayList<>();
      try (EvidenceReader reader = EvidenceExport.readEvents(dir)) {
        reader.forEachRemaining(read::add);
        assertThat(reader.linesRead()).isEqualTo(12);
        assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
      }

      assertThat(read).isEqualTo(EVENTS);
      assertThat(EvidenceExport.readCheckpoints(dir)).isEqualTo(CHECKPOINTS);
      assertThat(EvidenceExport.readPublicKey(dir.resolve(EvidenceExport.PUBLIC_KEY)))
          .isEqualTo(KEY);
    }

    @Test
    @DisplayName("verifies against the trusted key and against the key in the export")
    void verifies() {
      assertThat(EvidenceVerifier.verify(dir, KEY))
          .isEqualTo(VerificationResult.ok(12, 3, CHECKPOINTS.get(2)));
      assertThat(EvidenceVerifier.verify(dir))
          .isEqualTo(VerificationResult.ok(12, 3, CHECKPOINTS.get(2)));
    }

    @Test
    @DisplayName("replaces an earlier export in the same directory and leaves no temporary files")
    void replaces() throws IOException {
      EvidenceExport.write(dir, EVENTS.subList(0, 4).iterator(), CHECKPOINTS.subList(0, 1), KEY);

      assertThat(EvidenceVerifier.verify(dir, KEY))
          .isEqualTo(VerificationResult.ok(4, 1, CHECKPOINTS.get(0)));
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(
                EvidenceExport.EVENTS, EvidenceExport.CHECKPOINTS, EvidenceExport.PUBLIC_KEY);
      }
    }
  }

  @Nested
  @DisplayName("file format")
  class Format {

    @Test
    @DisplayName("events.jsonl holds one canonical event line per event, each ending in \\n")
    void eventsFile() throws IOException {
      StringBuilder expected = new StringBuilder();
      for (EvidenceEvent e : EVENTS) {
        expected.append(new String(CanonicalJson.eventLine(e), UTF_8)).append('\n');
      }

      assertThat(Files.readString(dir.resolve(EvidenceExport.EVENTS), UTF_8))
          .isEqualTo(expected.toString());
    }

    @Test
    @DisplayName("checkpoints.jsonl holds one signed note per line, as {\"note\": text}")
    void checkpointsFile() throws IOException {
      List<String> lines = Files.readAllLines(dir.resolve(EvidenceExport.CHECKPOINTS), UTF_8);

      Checkpoint first = CHECKPOINTS.get(0);
      assertThat(lines)
          .hasSize(3)
          .first()
          .isEqualTo("{\"note\":\"" + first.note().replace("\n", "\\n") + "\"}");
    }

    @Test
    @DisplayName("public-key.pem is a PEM PUBLIC KEY with base64 lines of at most 64 characters")
    void pem() throws IOException {
      List<String> lines = Files.readAllLines(dir.resolve(EvidenceExport.PUBLIC_KEY));

      assertThat(lines.get(0)).isEqualTo("-----BEGIN PUBLIC KEY-----");
      assertThat(lines.get(lines.size() - 1)).isEqualTo("-----END PUBLIC KEY-----");
      assertThat(lines.subList(1, lines.size() - 1))
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(64));
      assertThat(EvidenceExport.toPem(KEY)).isEqualTo(String.join("\n", lines) + "\n");
    }
  }

  @Nested
  @DisplayName("detects tampering with the files")
  class Tampering {

    @Test
    @DisplayName("any one changed byte in two whole lines and in every line break, at that line")
    void everyChangedByte() throws IOException {
      byte[] original = Files.readAllBytes(eventsFile());
      List<Integer> lineStarts = lineStarts(original);
      for (int line : new int[] {3, 12}) {
        int start = lineStarts.get(line - 1);
        int end = lineStarts.get(line);
        for (int at = start; at < end; at++) {
          assertChangedByteDetected(original, at, line);
        }
      }
      for (int line = 1; line <= 12; line++) {
        assertChangedByteDetected(original, lineStarts.get(line) - 1, line);
      }
    }

    @Test
    @DisplayName("a malformed line, reported with file and line number instead of thrown")
    void malformedLine() throws IOException {
      replaceLine(5, "{not json");

      VerificationResult result = EvidenceVerifier.verify(dir, KEY);

      assertThat(result.firstBadSequence()).isEqualTo(5);
      assertThat(result.eventsChecked()).isEqualTo(4);
      assertThat(result.reason()).startsWith("events.jsonl line 5 is malformed: invalid JSON");
    }

    @Test
    @DisplayName("an unknown event type, as a malformed line")
    void unknownType() throws IOException {
      replaceLine(6, line(6).replace("\"type\":\"REQUESTED\"", "\"type\":\"TELEPORTED\""));

      assertThat(EvidenceVerifier.verify(dir, KEY))
          .extracting(VerificationResult::firstBadSequence, VerificationResult::reason)
          .containsExactly(
              6L, "events.jsonl line 6 is malformed: unknown event type \"TELEPORTED\"");
    }

    @Test
    @DisplayName("an added, a missing or a repeated field, as a malformed line")
    void fields() throws IOException {
      String seven = line(7);

      replaceLine(7, seven.replace("{\"actor\"", "{\"approvedBy\":\"x\",\"actor\""));
      assertThat(EvidenceVerifier.verify(dir, KEY).reason()).contains("unknown field");

      replaceLine(7, seven.replaceFirst("\"actor\":\"[^\"]*\",", ""));
      assertThat(EvidenceVerifier.verify(dir, KEY).reason()).contains("missing field(s) [actor]");

      replaceLine(7, seven.replace("{\"actor\"", "{\"seq\":7,\"actor\""));
      assertThat(EvidenceVerifier.verify(dir, KEY).reason()).contains("\"seq\" appears twice");
    }

    @Test
    @DisplayName("an equivalent but not canonical line: reordered, spaced or CRLF-terminated")
    void notCanonical() throws IOException {
      String two = line(2);
      for (String variant :
          List.of(two.replace(",\"", ", \""), two + "\r", two.replace("\\t", "\\u0009"))) {
        replaceLine(2, variant);

        VerificationResult result = EvidenceVerifier.verify(dir, KEY);

        assertThat(result.firstBadSequence()).as(variant).isEqualTo(2);
        assertThat(result.reason()).as(variant).endsWith("is not in RFC 8785 canonical form");
      }
    }

    @Test
    @DisplayName("an empty line, as a malformed line")
    void emptyLine() throws IOException {
      replaceLine(3, "");

      assertThat(EvidenceVerifier.verify(dir, KEY).firstBadSequence()).isEqualTo(3);
    }

    @Test
    @DisplayName("a malformed checkpoint line, at sequence 1 since nothing it vouched for is known")
    void malformedCheckpoint() throws IOException {
      Path file = dir.resolve(EvidenceExport.CHECKPOINTS);
      List<String> lines = Files.readAllLines(file, UTF_8);
      lines.set(1, lines.get(1).replace("\\n9\\n", "\\n09\\n"));
      Files.write(file, lines, UTF_8);

      VerificationResult result = EvidenceVerifier.verify(dir, KEY);

      assertThat(result.firstBadSequence()).isEqualTo(1);
      assertThat(result.reason())
          .isEqualTo(
              "checkpoints.jsonl line 2 is malformed: the tree size is a decimal number without"
                  + " leading zeros, was '09'");
    }

    @Test
    @DisplayName("a checkpoint key other than the trusted one")
    void wrongKey() {
      VerificationResult result =
          EvidenceVerifier.verify(dir, CheckpointSigner.generate("other").publicKey());

      assertThat(result.firstBadSequence()).isEqualTo(4);
      assertThat(result.reason()).contains("is not signed by a trusted key");
    }

    @Test
    @DisplayName("a whole chain re-signed with a forger's key only with the auditor's trusted key")
    void forgerKey() throws IOException {
      CheckpointSigner forger = CheckpointSigner.generate("example.com/test-log");
      List<EvidenceEvent> rewritten =
          SampleChain.resealFrom(
              SampleChain.replace(EVENTS, 0, EventMutations.of(EVENTS.get(0)).get(3).mutated()), 0);
      List<Checkpoint> resigned = new ArrayList<>();
      for (Checkpoint c : CHECKPOINTS) {
        resigned.add(forger.sign(c.size(), SampleChain.root(rewritten, c.size()), c.time()));
      }
      EvidenceExport.write(dir, rewritten.iterator(), resigned, forger.publicKey());

      assertThat(EvidenceVerifier.verify(dir).valid()).isTrue();
      assertThat(EvidenceVerifier.verify(dir, KEY).firstBadSequence()).isEqualTo(4);
    }
  }

  @Nested
  @DisplayName("tolerates")
  class Tolerates {

    @Test
    @DisplayName("a missing line break after the last line")
    void noFinalNewline() throws IOException {
      byte[] bytes = Files.readAllBytes(eventsFile());
      Files.write(eventsFile(), Arrays.copyOf(bytes, bytes.length - 1));

      assertThat(EvidenceVerifier.verify(dir, KEY))
          .isEqualTo(VerificationResult.ok(12, 3, CHECKPOINTS.get(2)));
    }
  }

  @Nested
  @DisplayName("refuses with a clear message")
  class Refuses {

    @Test
    @DisplayName("a directory that does not exist")
    void missingDirectory() {
      Path missing = dir.resolve("nope");

      assertThatThrownBy(() -> EvidenceVerifier.verify(missing, KEY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(missing.toString());
    }

    @Test
    @DisplayName("an export without events.jsonl or public-key.pem")
    void missingFiles() throws IOException {
      Files.delete(dir.resolve(EvidenceExport.PUBLIC_KEY));
      assertThatThrownBy(() -> EvidenceVerifier.verify(dir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(EvidenceExport.PUBLIC_KEY);

      Files.delete(eventsFile());
      assertThatThrownBy(() -> EvidenceVerifier.verify(dir, KEY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(EvidenceExport.EVENTS)
          .hasMessageContaining("does not exist");
    }

    @Test
    @DisplayName("a key file that is not an Ed25519 PEM public key")
    void badPem() throws Exception {
      Path pem = dir.resolve("key.pem");
      Files.writeString(pem, "hello");
      assertThatThrownBy(() -> EvidenceExport.readPublicKey(pem))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a PEM public key");

      PublicKey rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
      Files.writeString(pem, EvidenceExport.toPem(rsa));
      assertThatThrownBy(() -> EvidenceExport.readPublicKey(pem))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not hold an Ed25519 public key");
    }
  }

  private void assertChangedByteDetected(byte[] original, int at, int line) throws IOException {
    byte[] changed = original.clone();
    changed[at] ^= 0x01;
    Files.write(eventsFile(), changed);

    VerificationResult result = EvidenceVerifier.verify(dir, KEY);

    assertThat(result.valid()).as("byte %d flipped: %s", at, result).isFalse();
    assertThat(result.firstBadSequence()).as("byte %d flipped: %s", at, result).isEqualTo(line);
  }

  private static List<Integer> lineStarts(byte[] bytes) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        starts.add(i + 1);
      }
    }
    return starts;
  }

  private Path eventsFile() {
    return dir.resolve(EvidenceExport.EVENTS);
  }

  private String line(int number) throws IOException {
    return Files.readAllLines(eventsFile(), UTF_8).get(number - 1);
  }

  private void replaceLine(int number, String text) throws IOException {
    List<String> lines = new ArrayList<>();
    for (EvidenceEvent e : EVENTS) {
      lines.add(new String(CanonicalJson.eventLine(e), UTF_8));
    }
    lines.set(number - 1, text);
    Files.writeString(eventsFile(), String.join("\n", lines) + "\n", UTF_8);
  }
}
