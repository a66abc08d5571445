package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.report.internal.Actors;
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
 * @param tier the role's risk tier, e.g. {@code PRIVILEGED}; null when unknown, in a report built
 *     without a catalog ({@link #of(AccessRecord)})
 * @param groups the role's groups as {@code provider:group}, in catalog order; without a catalog,
 *     the groups the record's {@code PROVISIONED} events name, in the order they were confirmed
 * @param since when every membership was confirmed, or null if the record does not say
 * @param recordId the access record that explains the grant
 * @param approvedBy who approved, in order: a person's id, or {@code policy} for an automatic step;
 *     empty when nobody approved through the library (access discovered in the identity provider)
 * @param expiresAt when the access ends, or null for open-ended access
 * @param nextReviewAt when the access is next reviewed, or null
 * @param lastLogin when the person last signed in, as the identity provider said when the report
 *     was made: an ISO-8601 instant, or {@code NEVER}; null when unknown, or when the report was
 *     made without the providers (see {@link AccessReport#withLastLogins})
 * @param unmanaged whether {@code person} lies outside the organisation's verified domains, as
 *     {@link AccessReport#withUnmanaged} judged it; false in a report not so judged
 */
public record AccessRow(
    String person,
    String application,
    String applicationName,
    String role,
    @Nullable String tier,
    List<String> groups,
    @Nullable Instant since,
    String recordId,
    List<String> approvedBy,
    @Nullable Instant expiresAt,
    @Nullable Instant nextReviewAt,
    @Nullable String lastLogin,
    boolean unmanaged) {

  /** The {@code approvedBy} entry of a step the approval policy satisfied automatically. */
  public static final String POLICY = Actors.POLICY;

  /** Checks required fields and copies the lists. */
  public AccessRow {
    requireNonNull(person, "person");
    requireNonNull(application, "application");
    requireNonNull(applicationName, "applicationName");
    requireNonNull(role, "role");
    groups = List.copyOf(requireNonNull(groups, "groups"));
    requireNonNull(recordId, "recordId");
    approvedBy = List.copyOf(requireNonNull(approvedBy, "approvedBy"));
  }

  /** A row not marked unmanaged: the shape before the mark existed. */
  public AccessRow(
      String person,
      String application,
      String applicationName,
      String role,
      @Nullable String tier,
      List<String> groups,
      @Nullable Instant since,
      String recordId,
      List<String> approvedBy,
      @Nullable Instant expiresAt,
      @Nullable Instant nextReviewAt,
      @Nullable String lastLogin) {
    this(
        person,
        application,
        applicationName,
        role,
        tier,
        groups,
        since,
        recordId,
        approvedBy,
        expiresAt,
        nextReviewAt,
        lastLogin,
        false);
  }

  /** The row of {@code record}, a grant of {@code role} in {@code application}. */
  public static AccessRow of(AccessRecord record, Application application, Role role) {
    requireNonNull(record, "record");
    requireNonNull(application, "application");
    requireNonNull(role, "role");
    return row(
        record,
        application.id(),
        application.name(),
        role.tier().name(),
        role.groups().stream().map(GroupRef::toString).toList());
  }

  /**
   * The row of {@code record} from the record alone, for a report made without the application's
   * catalog (by a command-line tool, for example): the application is the part of the role id
   * before the first {@code /} (role ids are conventionally {@code application/role}, such as
   * {@code github/read}; an id without {@code /} is its own application), the application's name is
   * its id, the tier is unknown (null), and the groups are those the record's {@code PROVISIONED}
   * events name, as {@code provider:group}, each once.
   */
  public static AccessRow of(AccessRecord record) {
    requireNonNull(record, "record");
    String application = applicationOf(record.roleId().value());
    List<String> groups =
        record.events(EvidenceType.PROVISIONED).stream()
            .map(e -> e.detailText(EvidenceKeys.PROVIDER) + ":" + e.detailText(EvidenceKeys.GROUP))
            .distinct()
            .toList();
    return row(record, application, application, null, groups);
  }

  /** The application part of {@code roleId}: everything before the first {@code /}. */
  static String applicationOf(String roleId) {
    int slash = roleId.indexOf('/');
    return slash < 0 ? roleId : roleId.substring(0, slash);
  }

  private static AccessRow row(
      AccessRecord record,
      String application,
      String applicationName,
      @Nullable String tier,
      List<String> groups) {
    return new AccessRow(
        record.subject().value(),
        application,
        applicationName,
        record.roleId().value(),
        tier,
        groups,
        record.activatedAt(),
        record.id().value(),
        record.events(EvidenceType.APPROVED).stream().map(AccessRow::approver).toList(),
        record.expiresAt(),
        record.reviewDueAt(),
        null);
  }

  /** This row with {@code lastLogin} as its last sign-in. */
  public AccessRow withLastLogin(@Nullable String lastLogin) {
    return new AccessRow(
        person,
        application,
        applicationName,
        role,
        tier,
        groups,
        since,
        recordId,
        approvedBy,
        expiresAt,
        nextReviewAt,
        lastLogin,
        unmanaged);
  }

  /** This row marked unmanaged, or not. */
  public AccessRow withUnmanaged(boolean isUnmanaged) {
    return new AccessRow(
        person,
        application,
        applicationName,
        role,
        tier,
        groups,
        since,
        recordId,
        approvedBy,
        expiresAt,
        nextReviewAt,
        lastLogin,
        isUnmanaged);
  }

  private static String approver(EvidenceEvent approval) {
    return Actors.name(approval.actor());
  }
}
