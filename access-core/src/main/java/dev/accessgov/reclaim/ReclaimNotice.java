package dev.accessgov.reclaim;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import java.time.Instant;

/**
 * Notice that a grant will be removed for inactivity unless its holder signs in: given once per
 * policy and record and kept in the store, so the grace period ends at {@code removeAfter} however
 * often the service restarts. Delivered through a {@link dev.accessgov.spi.Notifier}.
 *
 * @param policy the reclaim policy's name
 * @param recordId the grant
 * @param subject whose access
 * @param roleId the role
 * @param givenAt when the notice was given
 * @param removeAfter when the grace period ends and the grant is removed
 */
public record ReclaimNotice(
    String policy,
    RecordId recordId,
    PersonId subject,
    RoleId roleId,
    Instant givenAt,
    Instant removeAfter) {
  /** Checks required fields and that the grace period does not end before the notice. */
  public ReclaimNotice {
    requireNonNull(policy, "policy");
    requireNonNull(recordId, "recordId");
    requireNonNull(subject, "subject");
    requireNonNull(roleId, "roleId");
    requireNonNull(givenAt, "givenAt");
    requireNonNull(removeAfter, "removeAfter");
    if (removeAfter.isBefore(givenAt)) {
      throw new IllegalArgumentException("removeAfter " + removeAfter + " is before " + givenAt);
    }
  }

  /** The key a notifier delivers it once by: policy and record. */
  public String id() {
    return policy + "|" + recordId;
  }
}
