package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * One link of the append-only evidence chain. {@code hash} is the lower-case hex SHA-256 of the RFC
 * 8785 canonical JSON of every other field (see {@link CanonicalJson#eventBody}); {@code prevHash}
 * is the hash of the event with sequence {@code seq - 1}, or {@link #GENESIS_HASH} for the first
 * event. Sequences start at 1 and have no gaps.
 *
 * @param seq position in the chain, from 1
 * @param recordId the access record the event belongs to
 * @param type what the event attests
 * @param actor who caused it: {@code person:<id>} or {@code system:<component>}
 * @param time when it happened, in milliseconds
 * @param details flat facts (see {@link EvidenceDetails})
 * @param prevHash hash of the previous event
 * @param hash hash of this event
 */
public record EvidenceEvent(
    long seq,
    String recordId,
    EvidenceType type,
    String actor,
    Instant time,
    SortedMap<String, @Nullable Object> details,
    String prevHash,
    String hash) {

  /**
   * The longest an event may be as an exported line (its canonical JSON with the hash), in bytes:
   * stores refuse to seal a larger event ({@link EvidenceHasher#seal}) and readers accept every
   * line up to it, so nothing written can fail offline verification for its size.
   */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  /** The {@code prevHash} of the first event: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(64);

  /** Checks the fields' shape; it does not check the hash (that is {@link EvidenceVerifier}'s). */
  public EvidenceEvent {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, was " + seq);
    }
    requireNonNull(recordId, "recordId");
    requireNonNull(type, "type");
    requireNonNull(actor, "actor");
    time = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    details = EvidenceDetails.copyOf(requireNonNull(details, "details"));
    requireNonNull(prevHash, "prevHash");
    requireNonNull(hash, "hash");
  }

  /** The detail under {@code key}, or null when absent. */
  public @Nullable Object detail(String key) {
    return details.get(key);
  }

  /** The detail under {@code key} as text, or null when absent. */
  public @Nullable String detailText(String key) {
    Object value = details.get(key);
    return value == null ? null : value.toString();
  }

  /**
   * The detail under {@code key} as text, for a detail every event of this type carries.
   *
   * @throws IllegalStateException naming the event and the key when the detail is absent
   */
  public String requireDetailText(String key) {
    String text = detailText(key);
    if (text == null) {
      throw new IllegalStateException(
          "event " + seq + " (" + type + ") has no detail \"" + key + "\"");
    }
    return text;
  }
}
