package dev.accessgov.jira.emulator;

import static dev.accessgov.jira.emulator.JiraEmulator.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The emulator's Jira Service Management answers, after the JSM Cloud REST API (Atlassian's OpenAPI
 * document, {@code src/test/resources/specs/jsm-servicedesk.trimmed.json}):
 *
 * <ul>
 *   <li>{@code GET
 *       /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field}
 *       (getRequestTypeFields): the request type's fields as {@code CustomerRequestCreateMetaDTO};
 *       404 when the desk or request type does not exist.
 *   <li>{@code POST /rest/servicedeskapi/request} (createCustomerRequest): "The JSON request must
 *       include the service desk and customer request type, as well as any fields that are required
 *       for the request type"; {@code requestFieldValues} is "a map of Jira field IDs". A field the
 *       request type does not have, or a required one missing, is answered 400.
 *   <li>{@code GET /rest/servicedeskapi/request/{issueIdOrKey}/approval} (getApprovals).
 * </ul>
 *
 * Every error is the documented {@code ErrorResponse}: {@code {"errorMessage", "i18nErrorMessage":
 * {"i18nKey", "parameters"}}}; the wording of the messages is the emulator's own.
 */
final class ServiceDeskRoutes {
  /** The service desk the emulator serves, over {@link JiraEmulator#PROJECT}. */
  static final String DESK = "4";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FIELDS =
      Pattern.compile("/rest/servicedeskapi/servicedesk/([^/]+)/requesttype/([^/]+)/field");
  private static final Pattern APPROVALS =
      Pattern.compile("/rest/servicedeskapi/request/([^/]+)/approval");

  /** Request type id to its fields ({@code RequestTypeFieldDTO}), in portal order. */
  private final Map<String, List<ObjectNode>> requestTypes = new LinkedHashMap<>();

  ServiceDeskRoutes() {
    // The common portal request type: what the customer needs and why, no labels.
    requestType(
        JiraEmulator.REQUEST_TYPE,
        field("summary", "What do you need?", true, "string", "summary"),
        field("description", "Why do you need this?", false, "string", "description"));
    requestType(
        JiraEmulator.LABELLED_REQUEST_TYPE,
        field("summary", "Summary", true, "string", "summary"),
        field("description", "Description", false, "string", "description"),
        field("labels", "Labels", false, "array", "labels"));
    requestType(
        JiraEmulator.MANAGER_REQUEST_TYPE,
        field("summary", "Summary", true, "string", "summary"),
        field("customfield_10050", "Your manager", true, "user", null));
  }

  /** Defines (or replaces) a request type of the emulator's desk. */
  void requestType(String id, ObjectNode... fields) {
    requestTypes.put(id, new ArrayList<>(List.of(fields)));
  }

  /** A {@code RequestTypeFieldDTO}. */
  static ObjectNode field(
      String fieldId, String name, boolean required, String type, @Nullable String system) {
    ObjectNode f =
        JSON.createObjectNode()
            .put("fieldId", fieldId)
            .put("name", name)
            .put("required", required)
            .put("visible", true);
    f.putArray("validValues");
    ObjectNode schema = f.putObject("jiraSchema").put("type", type);
    if (system != null) {
      schema.put("system", system);
    }
    if (type.equals("array")) {
      schema.put("items", "string");
    }
    return f;
  }

  /** The answer to a request below {@code /rest/servicedeskapi/}, or null when not one of these. */
  @Nullable ResponseDefinitionBuilder route(
      JiraEmulator emu, String method, String path, String body) throws java.io.IOException {
    Matcher fields = FIELDS.matcher(path);
    if (fields.matches() && method.equals("GET")) {
      List<ObjectNode> type = type(JiraEmulator.decode(fields.group(1)), fields.group(2));
      if (type == null) {
        return error(
            404,
            "The service desk or request type does not exist.",
            "sd.requesttype.error.notfound");
      }
      ObjectNode meta =
          JSON.createObjectNode()
              .put("canRaiseOnBehalfOf", true)
              .put("canAddRequestParticipants", true);
      meta.putArray("requestTypeFields").addAll(type);
      return json(200, meta);
    }
    if (path.equals("/rest/servicedeskapi/request") && method.equals("POST")) {
      return create(emu, JSON.readTree(body));
    }
    Matcher approvals = APPROVALS.matcher(path);
    if (approvals.matches() && method.equals("GET")) {
      JiraEmulator.EmuIssue issue = emu.findIssue(JiraEmulator.decode(approvals.group(1)));
      if (issue == null) {
        return error(404, "Request does not exist.", "sd.customer.request.error.notfound");
      }
      ObjectNode page =
          JSON.createObjectNode()
              .put("size", issue.approvals.size())
              .put("start", 0)
              .put("limit", 50)
              .put("isLastPage", true);
      page.putArray("values").addAll(issue.approvals);
      return json(200, page);
    }
    return null;
  }

  private ResponseDefinitionBuilder create(JiraEmulator emu, JsonNode body) {
    List<ObjectNode> type =
        type(body.path("serviceDeskId").asText(), body.path("requestTypeId").asText());
    if (type == null) {
      return error(
          400,
          "The request type "
              + body.path("requestTypeId").asText()
              + " does not exist in service desk "
              + body.path("serviceDeskId").asText()
              + ".",
          "sd.requesttype.error.notfound");
    }
    JsonNode values = body.path("requestFieldValues");
    List<String> known = new ArrayList<>();
    type.forEach(f -> known.add(f.path("fieldId").asText()));
    for (var it = values.fieldNames(); it.hasNext(); ) {
      String fieldId = it.next();
      if (!known.contains(fieldId)) {
        return error(
            400,
            "Field '" + fieldId + "' is not valid for this request type.",
            "sd.request.create.field.invalid",
            fieldId);
      }
    }
    for (ObjectNode f : type) {
      JsonNode v = values.path(f.path("fieldId").asText());
      if (f.path("required").asBoolean()
          && (v.isMissingNode() || v.asText().isBlank() && !v.isArray())) {
        return error(
            400,
            "Field '" + f.path("name").asText() + "' is required.",
            "sd.request.create.field.required",
            f.path("fieldId").asText());
      }
    }
    ObjectNode issueFields =
        JSON.createObjectNode().put("summary", values.path("summary").asText());
    issueFields.set(
        "labels", values.path("labels").isArray() ? values.path("labels") : JSON.createArrayNode());
    JiraEmulator.EmuIssue issue = emu.addIssue(issueFields);
    ObjectNode created =
        JSON.createObjectNode()
            .put("issueId", issue.id)
            .put("issueKey", issue.key)
            .put("requestTypeId", body.path("requestTypeId").asText())
            .put("serviceDeskId", DESK);
    ArrayNode shown = created.putArray("requestFieldValues");
    values
        .fields()
        .forEachRemaining(
            e -> shown.addObject().put("fieldId", e.getKey()).set("value", e.getValue()));
    created.putObject("currentStatus").put("status", issue.status).put("statusCategory", "NEW");
    return json(201, created);
  }

  private @Nullable List<ObjectNode> type(String desk, String requestType) {
    if (!desk.equals(DESK) && !desk.equals(JiraEmulator.PROJECT)) {
      return null;
    }
    return requestTypes.get(requestType);
  }

  /** The documented JSM {@code ErrorResponse}. */
  static ResponseDefinitionBuilder error(
      int status, String message, String i18nKey, String... parameters) {
    ObjectNode e = JSON.createObjectNode().put("errorMessage", message);
    ObjectNode i18n = e.putObject("i18nErrorMessage").put("i18nKey", i18nKey);
    ArrayNode p = i18n.putArray("parameters");
    for (String s : parameters) {
      p.add(s);
    }
    return json(status, e);
  }
}
