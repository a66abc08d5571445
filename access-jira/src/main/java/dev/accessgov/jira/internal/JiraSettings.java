package dev.accessgov.jira.internal;

import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where and how records become issues. Not API; validated by the builder.
 *
 * @param providerId the provider's id
 * @param project the project key for platform issues, or null in service-desk mode
 * @param issueType the issue type name (or numeric id) for platform issues, or null
 * @param serviceDeskId the JSM service desk id, or null in platform mode
 * @param requestTypeId the JSM request type id, or null in platform mode
 * @param transitions record state to the name of the transition that mirrors it
 * @param resolution the resolution set when a record ends, or null to leave it to the workflow
 * @param propertyKey the issue entity property holding the record id and state
 * @param lateAfter how long an update may wait before its comment says it arrived late
 */
public record JiraSettings(
    String providerId,
    @Nullable String project,
    @Nullable String issueType,
    @Nullable String serviceDeskId,
    @Nullable String requestTypeId,
    Map<RecordState, String> transitions,
    @Nullable String resolution,
    String propertyKey,
    Duration lateAfter) {

  /** The label that marks a record's issue, so it can be found again after a lost answer. */
  public static String label(String recordId) {
    return "accessgov-" + recordId;
  }
}
