package dev.accessgov.jira.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.accessgov.jira.emulator.JiraEmulator.error;
import static dev.accessgov.jira.emulator.JiraEmulator.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.accessgov.jira.emulator.JiraEmulator.EmuIssue;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The emulator's answers at and below {@code /rest/api/3/issue/{key}}: the issue itself (its
 * status, as {@code getIssue} with {@code fields=status} returns it), comments, properties,
 * transitions, remote links.
 */
final class IssueRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_PAGE = 2; // small pages, so paging is exercised

  private IssueRoutes() {}

  /**
   * The issue as {@code getIssue} returns it. Only {@code status} is served among the fields, in
   * Jira's StatusDetails shape with its category: {@code done} for Done and Declined, {@code new}
   * for To Do, {@code indeterminate} otherwise.
   */
  private static ObjectNode issueBean(JiraEmulator emu, EmuIssue issue, String fields) {
    ObjectNode bean =
        JSON.createObjectNode()
            .put("id", issue.id)
            .put("key", issue.key)
            .put("self", emu.baseUrl() + "/rest/api/3/issue/" + issue.id);
    ObjectNode f = bean.putObject("fields");
    if (List.of(fields.split(",")).contains("status") || fields.equals("*navigable")) {
      String category =
          switch (issue.status) {
            case "Done", "Declined" -> "done";
            case "To Do" -> "new";
            default -> "indeterminate";
          };
      int categoryId =
          switch (category) {
            case "done" -> 3;
            case "new" -> 2;
            default -> 4;
          };
      ObjectNode status =
          f.putObject("status")
              .put("self", emu.baseUrl() + "/rest/api/3/status/" + issue.status.hashCode())
              .put("name", issue.status)
              .put("id", Integer.toString(Math.abs(issue.status.hashCode())));
      status
          .putObject("statusCategory")
          .put("self", emu.baseUrl() + "/rest/api/3/statuscategory/" + categoryId)
          .put("id", categoryId)
          .put("key", category)
          .put("name", category.equals("done") ? "Done" : category);
    }
    return bean;
  }

  static ResponseDefinitionBuilder route(
      JiraEmulator emu,
      EmuIssue issue,
      String method,
      String rest,
      Map<String, String> q,
      String body)
      throws IOException {
    if (rest.isEmpty() && method.equals("GET")) {
      return json(200, issueBean(emu, issue, q.getOrDefault("fields", "*navigable")));
    }
    if (rest.equals("/comment")) {
      if (method.equals("POST")) {
        JsonNode b = JSON.readTree(body);
        if (!b.path("body").isObject()) {
          return error(400, "Comment body can not be empty!");
        }
        ObjectNode c = emu.newComment(b.path("body"));
        issue.comments.add(c);
        return json(201, c);
      }
      long startAt = Long.parseLong(q.getOrDefault("startAt", "0"));
      long max = Math.min(MAX_PAGE, Long.parseLong(q.getOrDefault("maxResults", "100")));
      ObjectNode page =
          JSON.createObjectNode()
              .put("startAt", startAt)
              .put("maxResults", max)
              .put("total", issue.comments.size());
      ArrayNode comments = page.putArray("comments");
      for (long i = startAt; i < Math.min(issue.comments.size(), startAt + max); i++) {
        comments.add(issue.comments.get((int) i));
      }
      return json(200, page);
    }
    if (rest.startsWith("/properties/")) {
      String key = JiraEmulator.propertyKey(rest);
      switch (method) {
        case "PUT" -> {
          boolean created = !issue.properties.containsKey(key);
          issue.properties.put(key, JSON.readTree(body));
          return aResponse().withStatus(created ? 201 : 200);
        }
        case "GET" -> {
          JsonNode v = issue.properties.get(key);
          if (v == null) {
            return error(404, "The property with key " + key + " does not exist.");
          }
          ObjectNode p = JSON.createObjectNode().put("key", key);
          p.set("value", v);
          return json(200, p);
        }
        default -> {
          issue.properties.remove(key);
          return aResponse().withStatus(204);
        }
      }
    }
    if (rest.equals("/transitions")) {
      if (method.equals("GET")) {
        ObjectNode t = JSON.createObjectNode();
        ArrayNode list = t.putArray("transitions");
        for (String id : List.of("11", "21", "31", "41")) {
          String to = JiraEmulator.transitions().get(id);
          // Like Jira, a transition to the current status is not offered.
          if (!to.equals(issue.status)) {
            ObjectNode tr =
                list.addObject()
                    .put("id", id)
                    .put("name", to)
                    .put("hasScreen", false)
                    .put("isGlobal", true);
            tr.putObject("to").put("id", "1" + id).put("name", to);
          }
        }
        return json(200, t);
      }
      JsonNode b = JSON.readTree(body);
      String to = JiraEmulator.transitions().get(b.path("transition").path("id").asText());
      if (to == null || to.equals(issue.status)) {
        return error(
            400,
            "Transition id '"
                + b.path("transition").path("id").asText()
                + "' is not valid for this issue.");
      }
      issue.status = to;
      JsonNode resolution = b.path("fields").path("resolution").path("name");
      issue.resolution =
          to.equals("Done") || to.equals("Declined")
              ? (resolution.isMissingNode() ? to : resolution.asText())
              : null;
      return aResponse().withStatus(204);
    }
    if (rest.equals("/remotelink") && method.equals("POST")) {
      JsonNode b = JSON.readTree(body);
      String globalId = b.path("globalId").asText("link-" + issue.remoteLinks.size());
      boolean created = !issue.remoteLinks.containsKey(globalId);
      issue.remoteLinks.put(globalId, b);
      long id = 30000 + List.copyOf(issue.remoteLinks.keySet()).indexOf(globalId);
      return json(
          created ? 201 : 200,
          JSON.createObjectNode()
              .put("id", id)
              .put("self", emu.baseUrl() + "/rest/api/3/issue/" + issue.key + "/remotelink/" + id));
    }
    return error(404, "No such endpoint in the emulator: " + method + " " + rest);
  }
}
