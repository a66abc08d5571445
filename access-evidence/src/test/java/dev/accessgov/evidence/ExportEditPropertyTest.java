package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The verifier reads an export's lines by their own bytes, without re-serializing them. Whatever
 * one byte of {@code events.jsonl} is changed to, verification fails, and at the line the changed
 * byte is on; and it fails exactly as verifying the same file's events parsed one by one does
 * ({@link EvidenceReader}, which checks each line's canonical form), so the fast path loses
 * nothing.
 */
class ExportEditPropertyTest {
  private static final List<EvidenceEvent> EVENTS = SampleChain.events();
  private static Path dir;
  private static byte[] original;

  @BeforeContainer
  static void writeExport() throws IOException {
    dir = Files.createTempDirectory("export-edit");
    EvidenceExport.write(
        dir, EVENTS.iterator(), SampleChain.checkpoints(EVENTS), SampleChain.SIGNER.publicKey());
    original = Files.readAllBytes(dir.resolve(EvidenceExport.EVENTS));
  }

  @AfterContainer
  static void removeExport() throws IOException {
    for (String name :
        List.of(EvidenceExport.EVENTS, EvidenceExport.CHECKPOINTS, EvidenceExport.PUBLIC_KEY)) {
      Files.deleteIfExists(dir.resolve(name));
    }
    Files.deleteIfExists(dir);
  }

  @Property(tries = 1000)
  @Label("any one changed byte fails at its line, as the parsing reader fails")
  void oneChangedByte(
      @ForAll @IntRange(min = 0, max = 1_000_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int delta,
      @ForAll boolean printable) {
    int at = where % (original.length - 1); // the last newline ends the file; see below
    byte[] edited = original.clone();
    edited[at] = (byte) (printable ? 0x20 + (edited[at] - 0x20 + delta) % 95 : edited[at] + delta);
    if (edited[at] == original[at]) {
      edited[at] = (byte) (original[at] ^ 1);
    }
    long line = lineOf(at);

    VerificationResult fast = verify(edited);

    assertThat(fast.valid()).isFalse();
    assertThat(fast.firstBadSequence()).isEqualTo(line);
    assertThat(fast).isEqualTo(verifyParsed());
  }

  /** The 1-based line that byte {@code at} is on; a line's newline belongs to it. */
  private static long lineOf(int at) {
    long line = 1;
    for (int i = 0; i < at; i++) {
      if (original[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static VerificationResult verify(byte[] events) {
    try {
      Files.write(dir.resolve(EvidenceExport.EVENTS), events);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return EvidenceVerifier.verify(dir, SampleChain.SIGNER.publicKey());
  }

  private static VerificationResult verifyParsed() {
    try (EvidenceReader events = EvidenceExport.readEvents(dir)) {
      return EvidenceVerifier.verify(
          events, EvidenceExport.readCheckpoints(dir), Trusted.key(SampleChain.SIGNER.publicKey()));
    }
  }
}
