package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A time-bound grant whose usage evidence is flagged for review: never used, or used after it
 * ended.
 *
 * @param recordId the grant's record
 * @param subject who held the access
 * @param role the role granted
 * @param flag {@code NEVER_USED} or {@code ACTIVITY_AFTER_END}
 * @param observedAt when the flagged evidence was recorded
 * @param events how many events the flagged window held
 * @param lastEventAt the latest of them, or null when there was none
 */
public record UsageFinding(
    String recordId,
    String subject,
    String role,
    String flag,
    Instant observedAt,
    long events,
    @Nullable Instant lastEventAt) {
  /** Checks the fields. */
  public UsageFinding {
    requireNonNull(recordId, "recordId");
    requireNonNull(subject, "subject");
    requireNonNull(role, "role");
    requireNonNull(flag, "flag");
    requireNonNull(observedAt, "observedAt");
  }
}
