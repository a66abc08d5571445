package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.ProviderException;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.TicketState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jira operations behind the ticketing provider, each safe to repeat: creating an issue (found
 * by its label first when a create may already have happened), the record property, the remote link
 * (idempotent by global id), event comments (deduplicated by their marker line), transitions
 * (skipped when the issue already went through the same one). Not API.
 */
public final class IssueOps {
  private static final Logger LOG = LoggerFactory.getLogger(IssueOps.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int PAGE = 100;

  private final JiraHttp http;
  private final JiraSettings settings;
  private final Map<String, Set<String>> delivered = new ConcurrentHashMap<>();
  private final Map<String, String> lastTransition = new ConcurrentHashMap<>();
  private final Map<String, String> recordOfIssue = new ConcurrentHashMap<>();
  private final RequestTypeFields requestType;

  /** Operations on one site with one configuration. */
  public IssueOps(JiraHttp http, JiraSettings settings) {
    this.http = http;
    this.settings = settings;
    this.requestType = new RequestTypeFields(http, settings);
  }

  /** The configuration, for the webhook handler's checks. */
  public JiraSettings settings() {
    return settings;
  }

  /** The transport, for the webhook handler's reads. */
  public JiraHttp http() {
    return http;
  }

  /**
   * Creates the record's issue and returns its key.
   *
   * @param facts the record's facts (see {@code RecordFacts})
   */
  public String create(ObjectNode facts, int attempts, long deadline) {
    String recordId = facts.path("recordId").asText();
    ObjectNode property = propertyValue(recordId, facts.path("state").asText(), null);
    if (settings.serviceDeskId() != null) {
      String key = createRequest(facts, recordId, attempts, deadline);
      setProperty(key, property);
      return key;
    }
    ObjectNode body = F.objectNode();
    ObjectNode fields = body.putObject("fields");
    fields.putObject("project").put("key", settings.project());
    String type = settings.issueType();
    fields
        .putObject("issuetype")
        .put(type != null && type.chars().allMatch(Character::isDigit) ? "id" : "name", type);
    fields.put("summary", RecordFacts.summary(facts));
    fields.set("description", RecordFacts.description(facts));
    fields.putArray("labels").add(JiraSettings.label(recordId));
    body.putArray("properties")
        .addObject()
        .put("key", settings.propertyKey())
        .set("value", property);
    JsonNode created =
        http.call("openOrLink", "POST", "/rest/api/3/issue", body, attempts, deadline);
    return createdKey(created, "key", "Jira created an issue but named no key");
  }

  /**
   * Creates a JSM request naming only fields its request type has (JSM refuses any other): the
   * summary, the description when the type has one, and the record's label when it has a Labels
   * field (without one, the look-up by label cannot find the request again after a lost answer).
   */
  private String createRequest(ObjectNode facts, String recordId, int attempts, long deadline) {
    RequestTypeFields.Fields fields = requestType.get(attempts, deadline);
    Map<String, String> unfillable = fields.unfillable();
    if (!unfillable.isEmpty() || !fields.has("summary")) {
      requestType.forget(); // an administrator may fix the request type; read it again next time
      throw new ProviderException(
          settings.providerId(),
          "openOrLink",
          0,
          null,
          null,
          false,
          "JSM request type "
              + settings.requestTypeId()
              + " of service desk "
              + settings.serviceDeskId()
              + (fields.has("summary")
                  ? " requires fields this module cannot fill: " + unfillable
                  : " has no summary field")
              + ". Use a request type whose only required fields are summary and description"
              + " (optionally with Labels), or make the others optional",
          null);
    }
    ObjectNode body = F.objectNode();
    body.put("serviceDeskId", settings.serviceDeskId());
    body.put("requestTypeId", settings.requestTypeId());
    ObjectNode values = body.putObject("requestFieldValues");
    values.put("summary", RecordFacts.summary(facts));
    if (fields.has("description")) {
      values.put("description", Adf.plainText(RecordFacts.description(facts)).trim());
    }
    if (fields.has("labels")) {
      values.putArray("labels").add(JiraSettings.label(recordId));
    }
    JsonNode created;
    try {
      created =
          http.call("openOrLink", "POST", "/rest/servicedeskapi/request", body, attempts, deadline);
    } catch (ProviderException e) {
      if (e.status() == 400) {
        requestType.forget(); // the request type may have changed since it was read
      }
      throw e;
    }
    String key = createdKey(created, "issueKey", "JSM created a request but named no issue key");
    return key;
  }

  /**
   * The issue a lost or interrupted create may already have made, found by the record's label. Uses
   * {@code GET /rest/api/3/search/jql}, which is not in the trimmed spec (see README).
   */
  public Optional<String> findByLabel(String recordId, int attempts, long deadline) {
    String jql = "labels = \"" + JiraSettings.label(recordId) + "\" ORDER BY created ASC";
    JsonNode page =
        http.call(
            "openOrLink",
            "GET",
            "/rest/api/3/search/jql?jql=" + enc(jql) + "&fields=summary&maxResults=1",
            null,
            attempts,
            deadline);
    for (JsonNode issue : page.path("issues")) {
      String key = issue.path("key").asText(issue.path("id").asText());
      if (!key.isEmpty()) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** Marks an issue as the record's: record property, and the remote link when there is a URL. */
  public void link(String key, ObjectNode facts) {
    String recordId = facts.path("recordId").asText();
    recordOfIssue.put(key, recordId);
    setProperty(
        key, propertyValue(recordId, facts.path("state").asText(), lastTransition.get(key)));
    String url = facts.path("url").asText(null);
    if (url != null) {
      ObjectNode link = F.objectNode();
      // The global id makes Jira update the one link instead of adding another on a repeat.
      link.put("globalId", "accessgov:record=" + recordId);
      link.putObject("application").put("name", "access-governance").put("type", "dev.accessgov");
      link.put("relationship", "access record");
      ObjectNode object = link.putObject("object");
      object.put("url", url);
      object.put("title", "Access record " + recordId);
      object.put("summary", RecordFacts.summary(facts));
      http.call("link", "POST", "/rest/api/3/issue/" + enc(key) + "/remotelink", link);
    }
  }

  /** Adds an event comment unless the issue already shows that event. */
  public void comment(String key, String recordId, long seq, JsonNode body) {
    Set<String> seen = delivered(key);
    String event = Comments.eventKey(recordId, seq);
    if (seen.contains(event)) {
      return;
    }
    ObjectNode comment = F.objectNode();
    comment.set("body", body);
    http.call("append", "POST", "/rest/api/3/issue/" + enc(key) + "/comment", comment);
    seen.add(event);
  }

  /** Adds a comment that is not an event. */
  public void note(String key, JsonNode body) {
    ObjectNode comment = F.objectNode();
    comment.set("body", body);
    http.call("note", "POST", "/rest/api/3/issue/" + enc(key) + "/comment", comment);
  }

  /**
   * Whether the issue has a comment remembered under {@code marker} (an event or a declined
   * request), read from the issue's comments the first time this process touches it.
   */
  public boolean hasComment(String key, String marker) {
    return delivered(key).contains(marker);
  }

  /**
   * Adds a comment that is not an event unless the issue already has one remembered under {@code
   * once} (the comment's body carries the marker that key is read back from).
   */
  public void noteOnce(String key, String once, JsonNode body) {
    Set<String> seen = delivered(key);
    if (seen.contains(once)) {
      return;
    }
    note(key, body);
    seen.add(once);
  }

  /**
   * Moves the issue through the transition named {@code nameOrId}: a transition's id or name, or
   * the name of the status it leads to (case-insensitive). When the workflow offers none (the issue
   * is already there, or the workflow lacks it) the status stays, with a warning.
   */
  public void moveTo(String key, String nameOrId) {
    JsonNode offered =
        http.call("transition", "GET", "/rest/api/3/issue/" + enc(key) + "/transitions", null);
    String id = null;
    for (JsonNode t : offered.path("transitions")) {
      if (nameOrId.equals(t.path("id").asText())
          || nameOrId.equalsIgnoreCase(t.path("name").asText())
          || nameOrId.equalsIgnoreCase(t.path("to").path("name").asText())) {
        id = t.path("id").asText();
        break;
      }
    }
    if (id == null) {
      LOG.warn(
          "Jira issue {} offers no transition to '{}' (already there, or not in the workflow)",
          key,
          nameOrId);
      return;
    }
    ObjectNode body = F.objectNode();
    body.putObject("transition").put("id", id);
    http.call("transition", "POST", "/rest/api/3/issue/" + enc(key) + "/transitions", body);
  }

  /**
   * Moves the issue through the transition mapped to {@code state}, unless it already went through
   * it, and records the state in the property. A transition the workflow does not offer from the
   * current status is skipped with a warning: the property still records the state.
   */
  public void transition(String key, String givenRecordId, RecordState state) {
    // A transition names only the ticket; the record is the one the issue was linked to.
    String recordId =
        !givenRecordId.isEmpty()
            ? givenRecordId
            : recordOfIssue.computeIfAbsent(
                key, k -> property(k).map(p -> p.path("recordId").asText("")).orElse(""));
    String name = settings.transitions().get(state);
    String last = lastTransition.computeIfAbsent(key, this::transitionInProperty);
    if (name == null || name.equalsIgnoreCase(last)) {
      setProperty(key, propertyValue(recordId, state.name(), last.isEmpty() ? null : last));
      return;
    }
    JsonNode offered =
        http.call("transition", "GET", "/rest/api/3/issue/" + enc(key) + "/transitions", null);
    String id = null;
    for (JsonNode t : offered.path("transitions")) {
      if (name.equalsIgnoreCase(t.path("name").asText())) {
        id = t.path("id").asText();
      }
    }
    if (id == null) {
      LOG.warn(
          "Jira issue {} offers no transition named '{}' for state {}; its status stays",
          key,
          name,
          state);
    } else {
      ObjectNode body = F.objectNode();
      body.putObject("transition").put("id", id);
      if (state.isFinal() && settings.resolution() != null) {
        body.putObject("fields").putObject("resolution").put("name", settings.resolution());
      }
      http.call("transition", "POST", "/rest/api/3/issue/" + enc(key) + "/transitions", body);
      lastTransition.put(key, name);
    }
    setProperty(key, propertyValue(recordId, state.name(), id == null ? null : name));
  }

  /**
   * Whether the issue exists and is open: {@code GET /rest/api/3/issue/{key}?fields=status}, an
   * issue whose status category is {@code done} being closed. A 404 (no such issue, or one the
   * account may not see) is {@link TicketState#NOT_FOUND}; other failures are thrown.
   */
  public TicketState state(String key) {
    try {
      JsonNode issue =
          http.call("ticketState", "GET", "/rest/api/3/issue/" + enc(key) + "?fields=status", null);
      String category =
          issue.path("fields").path("status").path("statusCategory").path("key").asText();
      return "done".equals(category) ? TicketState.CLOSED : TicketState.EXISTS_OPEN;
    } catch (ProviderException e) {
      if (e.status() == 404) {
        return TicketState.NOT_FOUND;
      }
      throw e;
    }
  }

  /** The record property of an issue, or empty when the issue has none (or does not exist). */
  public Optional<JsonNode> property(String key) {
    try {
      JsonNode p =
          http.call(
              "property",
              "GET",
              "/rest/api/3/issue/" + enc(key) + "/properties/" + enc(settings.propertyKey()),
              null);
      return Optional.of(p.path("value"));
    } catch (ProviderException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void setProperty(String key, ObjectNode value) {
    http.call(
        "property",
        "PUT",
        "/rest/api/3/issue/" + enc(key) + "/properties/" + enc(settings.propertyKey()),
        value);
  }

  private ObjectNode propertyValue(String recordId, String state, @Nullable String transition) {
    ObjectNode v =
        F.objectNode()
            .put("recordId", recordId)
            .put("state", state)
            .put("provider", settings.providerId());
    if (transition != null) {
      v.put("transition", transition);
    }
    return v;
  }

  private String transitionInProperty(String key) {
    return property(key).map(p -> p.path("transition").asText("")).orElse("");
  }

  private Set<String> delivered(String key) {
    Set<String> seen = delivered.get(key);
    if (seen != null) {
      return seen;
    }
    // First touch of this issue in this process: what did earlier runs already post?
    Set<String> found = ConcurrentHashMap.newKeySet();
    long startAt = 0;
    while (true) {
      JsonNode page =
          http.call(
              "append",
              "GET",
              "/rest/api/3/issue/"
                  + enc(key)
                  + "/comment?startAt="
                  + startAt
                  + "&maxResults="
                  + PAGE
                  + "&orderBy=created",
              null);
      List<JsonNode> comments = new java.util.ArrayList<>();
      page.path("comments").forEach(comments::add);
      comments.forEach(c -> Comments.eventOf(c.path("body")).ifPresent(found::add));
      comments.forEach(c -> Comments.declineOf(c.path("body")).ifPresent(found::add));
      startAt += comments.size();
      if (comments.isEmpty() || startAt >= page.path("total").asLong(0)) {
        break;
      }
    }
    delivered.put(key, found);
    return found;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The issue key a create answered with, in {@code field}; an answer without one is retryable. */
  private String createdKey(JsonNode created, String field, String missing) {
    String key = created.path(field).asText();
    if (key.isEmpty()) {
      throw new ProviderException(
          settings.providerId(), "openOrLink", 201, null, null, true, missing, null);
    }
    return key;
  }
}
