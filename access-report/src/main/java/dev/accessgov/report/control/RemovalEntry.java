package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Access whose end was decided in the report's period, and how long the identity provider took to
 * confirm it.
 *
 * @param recordId the access record
 * @param person whose access ended
 * @param role the role
 * @param trigger what ended it: {@code EXPIRED}, {@code REVOKED} (by a person, e.g. at
 *     offboarding), {@code REVIEW_REVOKED} or {@code RECLAIMED}
 * @param triggeredBy who or what decided: a person's id or a system actor such as {@code
 *     system:expiry}
 * @param reason the reason recorded with the trigger, or null
 * @param dueAt when access should have ended: the expiry time for expired access, the decision
 *     otherwise; lags are measured from here
 * @param confirmedAt when the identity provider confirmed the last membership gone, or null
 * @param lag from {@code dueAt} to {@code confirmedAt}, or null while unconfirmed
 * @param state where the record stands now; {@code DEPROVISIONING} means still waiting on the
 *     provider
 */
public record RemovalEntry(
    String recordId,
    String person,
    String role,
    String trigger,
    String triggeredBy,
    @Nullable String reason,
    Instant dueAt,
    @Nullable Instant confirmedAt,
    @Nullable Duration lag,
    String state) {

  /** Checks the required fields. */
  public RemovalEntry {
    requireNonNull(recordId, "recordId");
    requireNonNull(person, "person");
    requireNonNull(role, "role");
    requireNonNull(trigger, "trigger");
    requireNonNull(triggeredBy, "triggeredBy");
    requireNonNull(dueAt, "dueAt");
    requireNonNull(state, "state");
  }
}
