package dev.accessgov.reconcile;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.GroupRef;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import org.jspecify.annotations.Nullable;

/**
 * One disagreement between the records and an identity provider, and what was done about it.
 *
 * @param kind the disagreement
 * @param action what reconciliation did
 * @param group the group concerned
 * @param subject the person concerned
 * @param idpUserId the provider's user id, or null when the provider knows no such user
 * @param recordId the record the finding was written to (opened for it when the access had none)
 * @param evidenceHash the hash of the {@code DRIFT_DETECTED} event that records the finding; null
 *     only when another worker acted on the same record at the same moment and its evidence stands
 * @param detail one line for people, e.g. {@code no active record explains this membership}
 * @param unmanaged whether the account lies outside the organisation's verified domains (see {@link
 *     dev.accessgov.policy.VerifiedDomains}): for a member the provider lists, its login (or the
 *     person behind it); for a membership missing from the provider, the record's subject. Always
 *     false when no domain is configured
 */
public record DriftFinding(
    DriftKind kind,
    DriftAction action,
    GroupRef group,
    PersonId subject,
    @Nullable String idpUserId,
    RecordId recordId,
    @Nullable String evidenceHash,
    String detail,
    boolean unmanaged) {

  /** Checks required fields. */
  public DriftFinding {
    requireNonNull(kind, "kind");
    requireNonNull(action, "action");
    requireNonNull(group, "group");
    requireNonNull(subject, "subject");
    requireNonNull(recordId, "recordId");
    requireNonNull(detail, "detail");
  }

  /** A finding about an account not marked unmanaged: the shape before the mark existed. */
  public DriftFinding(
      DriftKind kind,
      DriftAction action,
      GroupRef group,
      PersonId subject,
      @Nullable String idpUserId,
      RecordId recordId,
      @Nullable String evidenceHash,
      String detail) {
    this(kind, action, group, subject, idpUserId, recordId, evidenceHash, detail, false);
  }

  /** This finding marked unmanaged, or not. */
  public DriftFinding withUnmanaged(boolean isUnmanaged) {
    return new DriftFinding(
        kind, action, group, subject, idpUserId, recordId, evidenceHash, detail, isUnmanaged);
  }

  @Override
  public String toString() {
    return kind
        + " "
        + group
        + " "
        + subject
        + (unmanaged ? " UNMANAGED" : "")
        + " → "
        + action
        + " ("
        + detail
        + ")";
  }
}
