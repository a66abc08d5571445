package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One size limit for writer and verifier: the store refuses to seal an event whose exported line
 * would be longer than {@link EvidenceEvent#MAX_LINE_BYTES}, and an event just under it exports and
 * verifies offline. Before, a 17 MiB reason was sealed and then broke every export.
 */
@DisplayName("the evidence size limit is shared by writer and verifier")
class EvidenceSizeLimitTest {
  private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");

  private static EvidenceDraft withReason(int length) {
    return EvidenceDraft.of(
        "ar-big", EvidenceType.NOTED, "system:test", AT, Map.of("reason", "x".repeat(length)));
  }

  @Test
  @DisplayName("an event over the limit is refused when sealed, with a typed exception")
  void refusedWhenSealed() {
    assertThatThrownBy(
            () ->
                EvidenceHasher.seal(
                    withReason(EvidenceEvent.MAX_LINE_BYTES), 1, EvidenceEvent.GENESIS_HASH))
        .isInstanceOf(EventTooLargeException.class)
        .hasMessageContaining(String.valueOf(EvidenceEvent.MAX_LINE_BYTES));
  }

  @Test
  @DisplayName("the largest event a writer accepts exports and verifies")
  void largestVerifies(@TempDir Path dir) {
    // Find the longest reason the writer accepts: the line is the reason plus a fixed overhead.
    EvidenceEvent small = EvidenceHasher.seal(withReason(1), 1, EvidenceEvent.GENESIS_HASH);
    int overhead = CanonicalJson.eventLine(small).length - 1;
    EvidenceEvent largest =
        EvidenceHasher.seal(
            withReason(EvidenceEvent.MAX_LINE_BYTES - overhead), 1, EvidenceEvent.GENESIS_HASH);
    assertThat(CanonicalJson.eventLine(largest)).hasSize(EvidenceEvent.MAX_LINE_BYTES);
    assertThatThrownBy(
            () ->
                EvidenceHasher.seal(
                    withReason(EvidenceEvent.MAX_LINE_BYTES - overhead + 1),
                    1,
                    EvidenceEvent.GENESIS_HASH))
        .isInstanceOf(EventTooLargeException.class);

    List<Checkpoint> checkpoints =
        List.of(SampleChain.SIGNER.sign(1, Merkle.leafHash(largest), AT));
    EvidenceExport.write(
        dir, List.of(largest).iterator(), checkpoints, SampleChain.SIGNER.publicKey());
    VerificationResult result = EvidenceVerifier.verify(dir, SampleChain.SIGNER.publicKey());
    assertThat(result.valid()).as("%s", result).isTrue();
  }
}
