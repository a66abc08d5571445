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
 */
public record DriftFinding(
    DriftKind kind,
    DriftAction action,
    GroupRef group,
    PersonId subject,
    @Nullable String idpUserId,
    RecordId recordId,
    @Nullable String evidenceHash,
    String detail) {

  /** Checks required fields. */
  public DriftFinding {
    requireNonNull(kind, "kind");
    requireNonNull(action, "action");
    requireNonNull(group, "group");
    requireNonNull(subject, "subject");
    requireNonNull(recordId, "recordId");
    requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return kind + " " + group + " " + subject + " → " + action + " (" + detail + ")";
  }
}
