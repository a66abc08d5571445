package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Access removed for inactivity in the report's period. Its removal lag is in the matching {@link
 * RemovalEntry}.
 *
 * @param recordId the access record
 * @param person whose access was reclaimed
 * @param role the role
 * @param at when the reclaim was decided
 * @param policy the reclaim policy's name
 * @param lastLogin the last sign-in the decision used: an instant, {@code NEVER} or {@code UNKNOWN}
 * @param threshold the inactivity the policy allows, ISO-8601 (e.g. {@code PT2160H})
 * @param noticeGivenAt when the person was told, or null if no notice was given
 */
public record ReclaimEntry(
    String recordId,
    String person,
    String role,
    Instant at,
    String policy,
    String lastLogin,
    String threshold,
    @Nullable Instant noticeGivenAt) {

  /** Checks the required fields. */
  public ReclaimEntry {
    requireNonNull(recordId, "recordId");
    requireNonNull(person, "person");
    requireNonNull(role, "role");
    requireNonNull(at, "at");
    requireNonNull(policy, "policy");
    requireNonNull(lastLogin, "lastLogin");
    requireNonNull(threshold, "threshold");
  }
}
