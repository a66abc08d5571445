package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One approval or denial of a request.
 *
 * @param by who: a person's id, or {@code policy} for a step the approval policy satisfied by
 *     itself
 * @param step the approval step, e.g. {@code manager}, or null for a denial
 * @param at when
 * @param comment what they wrote, or null
 * @param evidenceSeq the sequence number of the evidence event that records it
 */
public record Signoff(
    String by, @Nullable String step, Instant at, @Nullable String comment, long evidenceSeq) {
  /** Checks the required fields. */
  public Signoff {
    requireNonNull(by, "by");
    requireNonNull(at, "at");
  }
}
