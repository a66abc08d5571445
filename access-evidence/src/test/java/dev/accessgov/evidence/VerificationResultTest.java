package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("VerificationResult")
class VerificationResultTest {
  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

  private static Checkpoint at(long size) {
    return SampleChain.SIGNER.sign(size, Merkle.emptyRoot(), AT);
  }

  @Test
  @DisplayName("a success has no bad sequence and the reason \"ok\"")
  void ok() {
    VerificationResult result = VerificationResult.ok(42, 3, at(42));

    assertThat(result.valid()).isTrue();
    assertThat(result.firstBadSequence()).isZero();
    assertThat(result.reason()).isEqualTo("ok");
    assertThat(result)
        .hasToString(
            "evidence log verified: 42 events, 3 checkpoints; signed up to 42 by"
                + " example.com/test-log at 2026-12-06T10:00:00Z");
  }

  @Test
  @DisplayName("counts read naturally in the singular")
  void singular() {
    assertThat(VerificationResult.ok(1, 1, at(1)).toString())
        .startsWith("evidence log verified: 1 event, 1 checkpoint;");
  }

  @Test
  @DisplayName("a failure names the sequence and the reason")
  void failed() {
    VerificationResult result =
        VerificationResult.failed(16, 2, 17, "hash does not match contents");

    assertThat(result.valid()).isFalse();
    assertThat(result)
        .hasToString("evidence chain broken at sequence 17: hash does not match contents");
  }

  @Test
  @DisplayName("refuses contradictory fields")
  void contradictions() {
    assertThatThrownBy(() -> new VerificationResult(true, 1, 0, 5, "ok", at(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerificationResult(true, 1, 0, 0, "fine", at(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerificationResult(true, 1, 1, 0, "ok", null))
        .as("valid, but no checkpoint covers the events")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerificationResult.ok(2, 1, at(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerificationResult.failed(1, 0, 0, "bad"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerificationResult.failed(1, 0, 2, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerificationResult.ok(-1, 0, at(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
