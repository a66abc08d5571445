package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One grant in an {@link AccessReport}: who holds which role of which application through which
 * identity-provider groups, since when, on whose approval, and until when.
 *
 * @param person the subject holding the access
 * @param application the application's id
 * @param applicationName the application's human-readable name
 * @param role the role's id
 * @param tier the role's risk tier, e.g. {@code PRIVILEGED}
 * @param groups the role's groups as {@code provider:group}, in catalog order
 * @param since when every membership was confirmed, or null if the record does not say
 * @param recordId the access record that explains the grant
 * @param approvedBy who approved, in order: a person's id, or {@code policy} for an automatic step;
 *     empty when nobody approved through the library (access discovered in the identity provider)
 * @param expiresAt when the access ends, or null for open-ended access
 * @param nextReviewAt when the access is next reviewed, or null
 */
public record AccessRow(
    String person,
    String application,
    String applicationName,
    String role,
    String tier,
    List<String> groups,
    @Nullable Instant since,
    String recordId,
    List<String> approvedBy,
    @Nullable Instant expiresAt,
    @Nullable Instant nextReviewAt) {

  /** The {@code approvedBy} entry of a step the approval policy satisfied automatically. */
  public static final String POLICY = "policy";

  private static final String PERSON_ACTOR = "person:";
  private static final String POLICY_ACTOR = "system:policy";

  /** Checks required fields and copies the lists. */
  public AccessRow {
    requireNonNull(person, "person");
    requireNonNull(application, "application");
    requireNonNull(applicationName, "applicationName");
    requireNonNull(role, "role");
    requireNonNull(tier, "tier");
    groups = List.copyOf(requireNonNull(groups, "groups"));
    requireNonNull(recordId, "recordId");
    approvedBy = List.copyOf(requireNonNull(approvedBy, "approvedBy"));
  }

  /** The row of {@code record}, a grant of {@code role} in {@code application}. */
  public static AccessRow of(AccessRecord record, Application application, Role role) {
    requireNonNull(record, "record");
    requireNonNull(application, "application");
    requireNonNull(role, "role");
    return new AccessRow(
        record.subject().value(),
        application.id(),
        application.name(),
        role.id().value(),
        role.tier().name(),
        role.groups().stream().map(GroupRef::toString).toList(),
        record.activatedAt(),
        record.id().value(),
        record.events(EvidenceType.APPROVED).stream().map(AccessRow::approver).toList(),
        record.expiresAt(),
        record.reviewDueAt());
  }

  private static String approver(EvidenceEvent approval) {
    String actor = approval.actor();
    if (actor.equals(POLICY_ACTOR)) {
      return POLICY;
    }
    // A person is named by id alone; any other system actor stays as recorded, so nothing is
    // hidden.
    return actor.startsWith(PERSON_ACTOR) ? actor.substring(PERSON_ACTOR.length()) : actor;
  }
}
