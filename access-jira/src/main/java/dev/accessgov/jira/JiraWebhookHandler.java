package dev.accessgov.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.ProviderException;
import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.jira.WebhookResult.Outcome;
import dev.accessgov.jira.internal.JsmApprovals;
import dev.accessgov.jira.internal.Signatures;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Jira admin webhooks into approvals. A delivery is accepted only with a valid {@code
 * X-Hub-Signature} (HMAC-SHA256 of the raw body under the webhook's secret, compared in constant
 * time); a repeated {@code X-Atlassian-Webhook-Identifier} is dropped. The payload is only a
 * trigger: the handler reads the issue's record property and the request's JSM approvals back from
 * Jira, maps each deciding Jira account to a person, and calls {@link AccessService#approve} or
 * {@link AccessService#deny}, so the role's approval policy decides (a requester approving their
 * own request in Jira is refused like anywhere else). Each applied decision's {@code APPROVED} or
 * {@code DENIED} event carries its JSM approval id and deciding account as a structured {@link
 * DecisionSource}; a later delivery skips a decision by that source alone, never by any text in the
 * record (reasons, comments and notes are free text that anyone may write), so free text cannot
 * hide a decline and a redelivered approval is applied once. A status moved by hand, with no JSM
 * approval behind it, approves nothing; the issue gets a comment saying so.
 *
 * <p>With {@link JiraWebhookHandlerBuilder#requestType request types} configured, it is also the
 * catalog's front door: a {@code jira:issue_created} delivery of such a request type becomes a
 * {@link AccessService#grant grant} whose record is linked to that issue (the issue key is the
 * ticket key; the issue id makes the idempotency key, so a redelivery makes no second record). A
 * refused request is answered on the issue with a comment saying why, once, and the issue moves to
 * the type's declined status; nothing is granted ({@link WebhookResult.Outcome#DECLINED}). The
 * signature check comes first for these deliveries too. Thread-safe.
 */
public final class JiraWebhookHandler {
  /** How Jira appears in evidence: {@code system:jira}. */
  private static final Actor JIRA = Actor.service("jira");

  private static final Logger LOG = LoggerFactory.getLogger(JiraWebhookHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JiraTicketing jira;
  private final AccessService access;
  private final Supplier<String> secret;
  private final Function<String, Optional<PersonId>> accountToPerson;
  private final PeopleDirectory people;
  private final Set<String> approvedStatuses;
  private final Map<String, Boolean> seen;
  private final @Nullable RequestIntake intake;

  JiraWebhookHandler(
      JiraTicketing jira,
      AccessService access,
      Supplier<String> secret,
      Function<String, Optional<PersonId>> accountToPerson,
      PeopleDirectory people,
      Set<String> approvedStatuses,
      int capacity,
      @Nullable RequestIntake intake) {
    this.intake = intake;
    this.jira = jira;
    this.access = access;
    this.secret = secret;
    this.accountToPerson = accountToPerson;
    this.people = people;
    this.approvedStatuses =
        approvedStatuses.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    this.seen =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              private static final long serialVersionUID = 1L;

              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
              }
            });
  }

  /** A builder; see {@link JiraWebhookHandlerBuilder} for what is required and the defaults. */
  public static JiraWebhookHandlerBuilder builder() {
    return new JiraWebhookHandlerBuilder();
  }

  /**
   * Handles one delivery. Never throws for what Jira sent or for Jira being unavailable; answer
   * Jira with {@link WebhookResult#httpStatus()}.
   *
   * @param headers the request headers (names in any case)
   * @param rawBody the body exactly as received; the signature covers these bytes
   */
  public WebhookResult handle(Map<String, List<String>> headers, byte[] rawBody) {
    requireNonNull(headers, "headers");
    requireNonNull(rawBody, "rawBody");
    String signature = header(headers, "X-Hub-Signature");
    if (signature == null) {
      return result(
          Outcome.UNAUTHORIZED,
          null,
          "no X-Hub-Signature header; register the webhook with a secret");
    }
    if (!Signatures.valid(secret.get(), rawBody, signature)) {
      return result(
          Outcome.UNAUTHORIZED, null, "X-Hub-Signature does not match the body; not read");
    }
    String delivery = header(headers, "X-Atlassian-Webhook-Identifier");
    if (delivery != null && seen.putIfAbsent(delivery, Boolean.TRUE) != null) {
      return result(Outcome.DUPLICATE, null, "delivery " + delivery + " was handled before");
    }
    WebhookResult result;
    try {
      result = process(rawBody);
    } catch (ProviderException e) {
      result =
          result(
              e.retryable() ? Outcome.UNAVAILABLE : Outcome.IGNORED,
              null,
              "reading back from Jira failed: " + e.getMessage());
    }
    if (delivery != null && result.outcome() == Outcome.UNAVAILABLE) {
      seen.remove(delivery); // Jira's redelivery must be handled, not dropped as a duplicate
    }
    return result;
  }

  private WebhookResult process(byte[] rawBody) {
    JsonNode payload;
    try {
      payload = JSON.readTree(rawBody);
    } catch (IOException e) {
      return result(Outcome.MALFORMED, null, "the body is not JSON");
    }
    if (payload == null || !payload.isObject()) {
      return result(Outcome.MALFORMED, null, "the body is not a JSON object");
    }
    JsonNode issue = payload.path("issue");
    if (intake != null && "jira:issue_created".equals(payload.path("webhookEvent").asText())) {
      JiraRequestType type = intake.typeOf(issue);
      if (type != null) {
        return intake.handle(issue, type);
      }
    }
    String key = issue.path("key").asText(issue.path("id").asText(""));
    if (key.isEmpty()) {
      return result(Outcome.IGNORED, null, "not an issue event");
    }
    Optional<JsonNode> property = jira.ops().property(key);
    String recordId = property.map(p -> p.path("recordId").asText("")).orElse("");
    if (recordId.isEmpty()) {
      return result(Outcome.UNKNOWN_ISSUE, null, "issue " + key + " is not an access record's");
    }
    AccessRecord record;
    try {
      record = access.record(RecordId.of(recordId));
    } catch (NotFoundException e) {
      return result(
          Outcome.UNKNOWN_ISSUE, null, "issue " + key + " names unknown record " + recordId);
    }
    if (!key.equals(record.ticketKey())
        && !jira.issueKeyOf(record.id()).map(key::equals).orElse(false)) {
      return result(
          Outcome.UNKNOWN_ISSUE,
          record.id(),
          "record " + recordId + " is linked to another ticket, not " + key);
    }
    if (record.state() != RecordState.PENDING_APPROVAL) {
      return result(
          Outcome.IGNORED, record.id(), "record is " + record.state() + "; nothing to decide");
    }
    List<JsmApprovals.Decision> decisions = JsmApprovals.decisions(jira.ops().http(), key);
    if (decisions.isEmpty()) {
      String moved = statusMovedTo(payload);
      if (moved != null && approvedStatuses.contains(moved.toLowerCase(Locale.ROOT))) {
        String actor = payload.path("user").path("accountId").asText("an unknown account");
        jira.note(
            key,
            recordId,
            "the status was moved to '"
                + moved
                + "' by Jira account "
                + actor
                + " with no JSM approval behind it. This approves nothing; the record stays "
                + record.state()
                + ".");
        // The evidence chain, not only the issue, shows that the move was seen and changed nothing.
        access.note(
            record.id(),
            JIRA,
            "status of "
                + key
                + " moved to '"
                + moved
                + "' by Jira account "
                + actor
                + " with no JSM approval behind it; nothing approved");
        return result(
            Outcome.NOT_APPROVED,
            record.id(),
            "status moved to " + moved + " by " + actor + " without a JSM approval");
      }
      return result(Outcome.IGNORED, record.id(), "no decided JSM approval on " + key);
    }
    return decide(key, record, decisions);
  }

  private WebhookResult decide(
      String key, AccessRecord start, List<JsmApprovals.Decision> decisions) {
    AccessRecord record = start;
    int applied = 0;
    String refused = null;
    for (JsmApprovals.Decision d : decisions) {
      DecisionSource source = new DecisionSource(jira.id(), d.approvalId(), d.accountId());
      if (applied(record, d, source)) {
        continue;
      }
      Optional<PersonId> person =
          accountToPerson
              .apply(d.accountId())
              .filter(p -> people.find(p).map(Person::active).orElse(false));
      if (person.isEmpty()) {
        refused = "Jira account " + d.accountId() + " is no active person in the directory";
        jira.note(
            key,
            record.id().value(),
            "the decision of Jira account " + d.accountId() + " was not applied: " + refused + ".");
        continue;
      }
      try {
        // The text is for people; the source is what a repeat is recognised by.
        String why =
            (d.approved() ? "approved" : "declined")
                + " in Jira "
                + key
                + ": JSM approval "
                + d.approvalId()
                + " by Jira account "
                + d.accountId();
        record =
            d.approved()
                ? access.approve(record.id(), person.get(), why, source)
                : access.deny(record.id(), person.get(), why, source);
        applied++;
      } catch (PolicyViolationException e) {
        refused = e.getMessage();
        LOG.warn("Jira approval on {} refused by policy: {}", key, e.getMessage());
        jira.note(
            key,
            record.id().value(),
            "the decision of " + person.get() + " in Jira was refused: " + e.getMessage());
      } catch (StateConflictException e) {
        break; // decided meanwhile; nothing left to apply
      }
      if (record.state() != RecordState.PENDING_APPROVAL) {
        break;
      }
    }
    if (applied > 0) {
      return result(
          Outcome.APPLIED,
          record.id(),
          applied + " decision(s) applied; record is " + record.state());
    }
    if (refused != null) {
      return result(Outcome.REFUSED, record.id(), refused);
    }
    return result(
        Outcome.IGNORED, record.id(), "every JSM decision on " + key + " was applied before");
  }

  /**
   * Whether this JSM decision is already in the record's evidence: an {@code APPROVED} or {@code
   * DENIED} event (as the decision was) whose structured source is this approval and account. Free
   * text such as the requester's reason is never read, since anyone may write anything there.
   */
  private static boolean applied(
      AccessRecord record, JsmApprovals.Decision d, DecisionSource source) {
    EvidenceType type = d.approved() ? EvidenceType.APPROVED : EvidenceType.DENIED;
    return record.events(type).stream().anyMatch(source::wrote);
  }

  private static @Nullable String statusMovedTo(JsonNode payload) {
    for (JsonNode item : payload.path("changelog").path("items")) {
      if ("status".equalsIgnoreCase(item.path("field").asText())) {
        return item.path("toString").asText(null);
      }
    }
    return null;
  }

  private static @Nullable String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey() != null
          && h.getKey().equalsIgnoreCase(name)
          && h.getValue() != null
          && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }

  static WebhookResult result(Outcome outcome, @Nullable RecordId record, String detail) {
    LOG.info("Jira webhook: {} {}", outcome, detail);
    return new WebhookResult(outcome, record, detail);
  }
}
