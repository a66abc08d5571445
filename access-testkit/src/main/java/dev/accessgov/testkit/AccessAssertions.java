package dev.accessgov.testkit;

import dev.accessgov.EvidenceLog;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.record.AccessRecord;
import org.assertj.core.api.Assertions;

/** Entry point for the kit's AssertJ assertions. */
public final class AccessAssertions {
  private AccessAssertions() {}

  /** Assertions on an access record. */
  public static AccessRecordAssert assertThat(AccessRecord record) {
    return new AccessRecordAssert(record);
  }

  /**
   * Fails unless the whole chain and its checkpoints verify; returns the result for more checks.
   */
  public static VerificationResult assertChainVerifies(EvidenceLog evidence) {
    VerificationResult result = evidence.verify();
    Assertions.assertThat(result.valid()).as("evidence chain verifies: %s", result).isTrue();
    return result;
  }
}
