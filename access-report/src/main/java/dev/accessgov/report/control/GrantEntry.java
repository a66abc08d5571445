package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request made in the report's period and what came of it.
 *
 * @param recordId the access record
 * @param person who the access is for
 * @param role the role asked for
 * @param requester who asked
 * @param reason why, in the requester's words
 * @param requestedAt when
 * @param state where the record stands now, e.g. {@code ACTIVE}, {@code DENIED}, {@code EXPIRED}
 * @param approvals every approval step satisfied, in order
 * @param denial the refusal, or null
 * @param activatedAt when the identity provider confirmed every membership, or null
 * @param expiresAt when time-bound access ends, or null
 */
public record GrantEntry(
    String recordId,
    String person,
    String role,
    String requester,
    String reason,
    Instant requestedAt,
    String state,
    List<Signoff> approvals,
    @Nullable Signoff denial,
    @Nullable Instant activatedAt,
    @Nullable Instant expiresAt) {

  /** Checks the required fields and copies the list. */
  public GrantEntry {
    requireNonNull(recordId, "recordId");
    requireNonNull(person, "person");
    requireNonNull(role, "role");
    requireNonNull(requester, "requester");
    requireNonNull(reason, "reason");
    requireNonNull(requestedAt, "requestedAt");
    requireNonNull(state, "state");
    approvals = List.copyOf(requireNonNull(approvals, "approvals"));
  }

  /** Whether every approval was given by policy alone, with no person involved. */
  public boolean automated() {
    return !approvals.isEmpty()
        && approvals.stream().allMatch(a -> a.by().equals(dev.accessgov.report.AccessRow.POLICY));
  }
}
