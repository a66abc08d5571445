package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.evidence.VerificationResult;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link EvidencePack#verify}: whether the pack's chain verified and its record's
 * events are all in the signed part of it.
 *
 * @param valid whether every check passed
 * @param recordId the record the pack names, or null when its manifest could not be read
 * @param chain what {@link dev.accessgov.evidence.EvidenceVerifier} said about the chain, or null
 *     when the pack was refused before the chain was checked
 * @param reason what was wrong, naming the file, event or sequence; {@code "ok"} when valid
 */
public record PackVerification(
    boolean valid, @Nullable String recordId, @Nullable VerificationResult chain, String reason) {

  /** Checks the reason is present. */
  public PackVerification {
    requireNonNull(reason, "reason");
  }

  /** A pack whose chain and record events all passed. */
  static PackVerification ok(String recordId, VerificationResult chain) {
    return new PackVerification(true, recordId, chain, "ok");
  }

  /** A pack that failed for {@code reason}. */
  static PackVerification failed(
      @Nullable String recordId, @Nullable VerificationResult chain, String reason) {
    return new PackVerification(false, recordId, chain, reason);
  }

  /** One sentence for logs, such as {@code evidence pack of record r-1 verified: ...}. */
  @Override
  public String toString() {
    return "evidence pack of record "
        + recordId
        + (valid ? " verified: " + chain : " failed: " + reason);
  }
}
