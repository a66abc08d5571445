package dev.accessgov.reclaim;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.spi.LastLogin;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One inactive grant a reclaim run found, and what happened to it.
 *
 * @param recordId the grant
 * @param subject whose access
 * @param roleId the role
 * @param group the group the inactivity was read from
 * @param lastLogin what the provider said
 * @param inactiveFor how long since the later of the last sign-in and the activation
 * @param threshold the tier's threshold
 * @param status what happened
 * @param removeAfter when the grant is (or would be) removed; null when exempt
 * @param exemption the exemption's reason, when exempt
 * @param evidenceHash the hash of the {@code RECLAIMED} event, when removed
 */
public record ReclaimCandidate(
    RecordId recordId,
    PersonId subject,
    RoleId roleId,
    GroupRef group,
    LastLogin lastLogin,
    Duration inactiveFor,
    Duration threshold,
    Status status,
    @Nullable Instant removeAfter,
    @Nullable String exemption,
    @Nullable String evidenceHash) {

  /** What a reclaim run did with an inactive grant. */
  public enum Status {
    /** Dry run: it would be given notice, or removed once the grace period is over. */
    WOULD_REMOVE,
    /** Notice given on this run; the host delivers it. Removal after {@code removeAfter}. */
    NOTICE,
    /** Notice given earlier; the grace period runs until {@code removeAfter}. */
    IN_GRACE,
    /** Removed through the identity provider, with {@code RECLAIMED} evidence. */
    REMOVED,
    /** Removal started but a provider failed; {@code recover()} finishes it. */
    REMOVING,
    /** Inactive but exempt. */
    EXEMPT
  }

  /** Checks required fields. */
  public ReclaimCandidate {
    requireNonNull(recordId, "recordId");
    requireNonNull(subject, "subject");
    requireNonNull(roleId, "roleId");
    requireNonNull(group, "group");
    requireNonNull(lastLogin, "lastLogin");
    requireNonNull(inactiveFor, "inactiveFor");
    requireNonNull(threshold, "threshold");
    requireNonNull(status, "status");
  }
}
