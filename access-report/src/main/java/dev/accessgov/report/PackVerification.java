package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.evidence.VerificationResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link EvidencePack#verify}: whether the pack's chain verified and its records'
 * events are all listed, and all in the signed part of it.
 *
 * @param valid whether every check passed
 * @param recordId the record a grant's pack names; null for a campaign pack, or when the manifest
 *     could not be read
 * @param campaignId the campaign a campaign pack names; otherwise null
 * @param chain what {@link dev.accessgov.evidence.EvidenceVerifier} said about the chain, or null
 *     when the pack was refused before the chain was checked
 * @param reason what was wrong, naming the file, event or sequence; {@code "ok"} when valid
 * @param facts when valid, one line per record of what its verified events say: subject, role, and
 *     each event's sequence, type, time and actor; nothing in it comes from the manifest
 */
public record PackVerification(
    boolean valid,
    @Nullable String recordId,
    @Nullable String campaignId,
    @Nullable VerificationResult chain,
    String reason,
    List<String> facts) {

  /** Checks the reason is present and copies the facts. */
  public PackVerification {
    requireNonNull(reason, "reason");
    facts = List.copyOf(requireNonNull(facts, "facts"));
  }

  /** A pack whose chain and record events all passed. */
  static PackVerification ok(
      @Nullable String recordId,
      @Nullable String campaignId,
      VerificationResult chain,
      List<String> facts) {
    return new PackVerification(true, recordId, campaignId, chain, "ok", facts);
  }

  /** A pack that failed for {@code reason}. */
  static PackVerification failed(
      @Nullable String recordId,
      @Nullable String campaignId,
      @Nullable VerificationResult chain,
      String reason) {
    return new PackVerification(false, recordId, campaignId, chain, reason, List.of());
  }

  /** What the pack is of: {@code record <id>}, {@code campaign <id>}, or {@code unknown}. */
  public String subject() {
    if (campaignId != null) {
      return "campaign " + campaignId;
    }
    return recordId != null ? "record " + recordId : "unknown";
  }

  /** One sentence for logs, such as {@code evidence pack of record r-1 verified: ...}. */
  @Override
  public String toString() {
    return "evidence pack of " + subject() + (valid ? " verified: " + chain : " failed: " + reason);
  }
}
