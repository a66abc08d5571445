package dev.accessgov.jira;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.jira.WebhookResult.Outcome;
import dev.accessgov.jira.internal.Comments;
import dev.accessgov.jira.internal.IntakeFields;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code jira:issue_created} delivery of a configured JSM request type into a {@code
 * grant}: reads the request's fields, maps the reporter (and the subject field, if any) to people
 * through the account mapping and the directory, and grants with the issue key as the ticket key
 * and an idempotency key of the issue's id, so a redelivery returns the first record. A request
 * that is refused is answered on the issue, once, and moved to the declined status; nothing is
 * granted, then or on a later delivery of the same issue (its declining comment, or this process's
 * memory of it, says it was declined).
 */
final class RequestIntake {
  /** The prefix of the idempotency key of a request raised in Jira. */
  static final String KEY_PREFIX = "jira-request:";

  /** How many declined issues are remembered until their comment is surely in Jira. */
  private static final int REMEMBER_DECLINED = 10_000;

  private final JiraTicketing jira;
  private final AccessService access;
  private final Catalog catalog;
  private final Function<String, Optional<PersonId>> accountToPerson;
  private final PeopleDirectory people;
  private final List<JiraRequestType> types;

  /** Issues declined lately by this process, whose comment may still wait in the outbox. */
  private final Set<String> declined =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<String, Boolean>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBER_DECLINED;
                }
              }));

  RequestIntake(
      JiraTicketing jira,
      AccessService access,
      Catalog catalog,
      Function<String, Optional<PersonId>> accountToPerson,
      PeopleDirectory people,
      List<JiraRequestType> types) {
    this.jira = jira;
    this.access = access;
    this.catalog = catalog;
    this.accountToPerson = accountToPerson;
    this.people = people;
    this.types = List.copyOf(types);
  }

  /** The configured request type the issue was raised with, or null when it is none of them. */
  @Nullable JiraRequestType typeOf(JsonNode issue) {
    JsonNode fields = issue.path("fields");
    for (JiraRequestType t : types) {
      String id = IntakeFields.requestTypeId(fields, t.requestTypeField());
      if (t.requestTypeIds().contains(id)) {
        return t;
      }
    }
    return null;
  }

  /** Handles the creation of an issue of request type {@code type}. */
  WebhookResult handle(JsonNode issue, JiraRequestType type) {
    String key = issue.path("key").asText("");
    String issueId = issue.path("id").asText("");
    if (key.isEmpty() || issueId.isEmpty()) {
      return JiraWebhookHandler.result(
          Outcome.MALFORMED, null, "the created issue has no key or id");
    }
    JsonNode fields = issue.path("fields");
    for (JsonNode label : fields.path("labels")) {
      if (label.asText().startsWith("accessgov-")) {
        // An issue this module created to mirror a record; it is no request.
        return JiraWebhookHandler.result(
            Outcome.IGNORED, null, "issue " + key + " mirrors a record; it is no request");
      }
    }
    if (declined.contains(issueId) || jira.ops().hasComment(key, Comments.declineKey(issueId))) {
      // Declined once, declined for good: a redelivery after the directory or catalog changed
      // must not grant what the issue already says was refused.
      return JiraWebhookHandler.result(
          Outcome.DECLINED, null, "request " + key + " was declined before; nothing to do");
    }
    IntakeFields.Request request =
        IntakeFields.read(
            catalog,
            fields,
            type.applicationField(),
            type.roleField(),
            type.durationField(),
            type.subjectField(),
            type.reasonField());
    if (request.problem() != null || request.role() == null) {
      return decline(key, issueId, type, String.valueOf(request.problem()));
    }
    String reporterAccount = fields.path("reporter").path("accountId").asText("");
    Optional<Person> reporter = person(reporterAccount);
    if (reporter.isEmpty()) {
      return decline(
          key,
          issueId,
          type,
          "the reporter (Jira account "
              + (reporterAccount.isEmpty() ? "unknown" : reporterAccount)
              + ") is not in the people directory");
    }
    Person subject = reporter.get();
    if (request.subjectAccount() != null) {
      Optional<Person> named = person(request.subjectAccount());
      if (named.isEmpty()) {
        return decline(
            key,
            issueId,
            type,
            "the person the access is for (Jira account "
                + request.subjectAccount()
                + ") is not in the people directory");
      }
      subject = named.get();
    }
    GrantRequest.Builder grant =
        GrantRequest.builder()
            .subject(subject.id().value())
            .requester(reporter.get().id().value())
            .role(request.role().id().value())
            .reason(request.reason())
            .ticketKey(key)
            .idempotencyKey(KEY_PREFIX + jira.id() + ":" + issueId);
    if (request.duration() != null) {
      grant.duration(request.duration());
    }
    AccessRecord record;
    try {
      record = access.grant(grant.build());
    } catch (NotFoundException
        | PolicyViolationException
        | StateConflictException
        | InvalidRequestException e) {
      return decline(key, issueId, type, String.valueOf(e.getMessage()));
    }
    return JiraWebhookHandler.result(
        Outcome.REQUESTED,
        record.id(),
        "request " + key + " is record " + record.id() + " (" + record.state() + ")");
  }

  /** The active or inactive person an Atlassian account maps to, if the directory knows them. */
  private Optional<Person> person(String accountId) {
    if (accountId.isBlank()) {
      return Optional.empty();
    }
    return accountToPerson.apply(accountId).flatMap(people::find);
  }

  private WebhookResult decline(String key, String issueId, JiraRequestType type, String why) {
    declined.add(issueId);
    jira.decline(key, issueId, why, type.declinedStatus());
    return JiraWebhookHandler.result(
        Outcome.DECLINED, null, "request " + key + " declined: " + why);
  }
}
