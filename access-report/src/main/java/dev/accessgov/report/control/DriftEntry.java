package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A disagreement between an identity provider and the records, found in the report's period.
 *
 * @param recordId the record the finding was written to (opened for access no record explained)
 * @param person whose membership it is
 * @param role the role the group belongs to
 * @param kind {@code MISSING}, {@code UNEXPLAINED} or {@code EXPIRED_PRESENT}
 * @param action what reconcile did: e.g. {@code FLAGGED}, {@code REPROVISIONED}, {@code REMOVED}
 * @param group the group, as {@code provider:group}
 * @param at when it was found
 * @param reason the finding in words
 */
public record DriftEntry(
    String recordId,
    String person,
    String role,
    String kind,
    String action,
    String group,
    Instant at,
    @Nullable String reason) {

  /** Checks the required fields. */
  public DriftEntry {
    requireNonNull(recordId, "recordId");
    requireNonNull(person, "person");
    requireNonNull(role, "role");
    requireNonNull(kind, "kind");
    requireNonNull(action, "action");
    requireNonNull(group, "group");
    requireNonNull(at, "at");
  }
}
