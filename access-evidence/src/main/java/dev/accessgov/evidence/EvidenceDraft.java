package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * An evidence event before the store has placed it in the chain: everything but its sequence number
 * and hashes. Times are truncated to milliseconds so every store keeps them exactly.
 *
 * @param recordId the access record the event belongs to
 * @param type what the event attests
 * @param actor who caused it: {@code person:<id>} or {@code system:<component>}
 * @param time when it happened
 * @param details flat facts; values are strings, integers, booleans or null (see {@link
 *     EvidenceDetails})
 */
public record EvidenceDraft(
    String recordId,
    EvidenceType type,
    String actor,
    Instant time,
    SortedMap<String, @Nullable Object> details) {

  /** Validates and copies; see the record description for the rules. */
  public EvidenceDraft {
    requireNonNull(recordId, "recordId");
    requireNonNull(type, "type");
    requireNonNull(actor, "actor");
    time = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    details = EvidenceDetails.copyOf(requireNonNull(details, "details"));
  }

  /** A draft with the given details, copied and checked. */
  public static EvidenceDraft of(
      String recordId,
      EvidenceType type,
      String actor,
      Instant time,
      Map<String, ? extends @Nullable Object> details) {
    return new EvidenceDraft(recordId, type, actor, time, EvidenceDetails.copyOf(details));
  }
}
