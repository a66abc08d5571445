package dev.accessgov.jira.emulator;

import static dev.accessgov.jira.emulator.JiraEmulator.error;
import static dev.accessgov.jira.emulator.JiraEmulator.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The emulator's custom field contexts and select-list options, after the platform document's
 * {@code getContextsForField} ({@code GET /rest/api/3/field/{fieldId}/context}), {@code
 * getOptionsForContext} ({@code GET .../context/{contextId}/option}) and {@code
 * createCustomFieldOption} ({@code POST .../context/{contextId}/option}): pages of {@code
 * PageBeanCustomFieldContext} / {@code PageBeanCustomFieldContextOption}, small so paging is
 * exercised. Refused as Jira documents: an unknown field or a context of another field (404), a
 * request without options, with more than 1000, a blank value or a value the context already has
 * (400), and a caller who is not a Jira administrator (403). Not thread-safe: the emulator calls it
 * under its lock.
 */
final class FieldRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONTEXTS = Pattern.compile("/rest/api/3/field/([^/]+)/context");
  private static final Pattern OPTIONS =
      Pattern.compile("/rest/api/3/field/([^/]+)/context/([^/]+)/option");
  private static final int PAGE = 2;

  /** An option as Jira keeps it. */
  record Option(String id, String value, boolean disabled) {}

  /** A context of a field and its options. */
  static final class Context {
    final String id;
    final String name;
    final boolean global;
    final List<Option> options = new ArrayList<>();

    Context(String id, String name, boolean global) {
      this.id = id;
      this.name = name;
      this.global = global;
    }
  }

  private final Map<String, List<Context>> fields = new LinkedHashMap<>();
  private long nextId = 10100;
  private boolean admin = true;

  /** Adds a select-list field with one context (global or not), its options given. */
  Context field(String fieldId, boolean global, String... options) {
    Context c = new Context(Long.toString(nextId++), "Default context for " + fieldId, global);
    for (String o : options) {
      c.options.add(new Option(Long.toString(nextId++), o, false));
    }
    fields.computeIfAbsent(fieldId, k -> new ArrayList<>()).add(c);
    return c;
  }

  void admin(boolean isAdmin) {
    this.admin = isAdmin;
  }

  @Nullable List<Context> contexts(String fieldId) {
    return fields.get(fieldId);
  }

  @Nullable ResponseDefinitionBuilder route(
      String method, String path, Map<String, String> q, String body) throws IOException {
    Matcher options = OPTIONS.matcher(path);
    Matcher contexts = CONTEXTS.matcher(path);
    if (!options.matches() && !contexts.matches()) {
      return null;
    }
    if (!admin) {
      return error(403, "Only Jira administrators can manage custom field options.");
    }
    if (contexts.matches() && method.equals("GET")) {
      List<Context> list = fields.get(JiraEmulator.decode(contexts.group(1)));
      if (list == null) {
        return error(404, "The custom field was not found.");
      }
      List<JsonNode> values = new ArrayList<>();
      for (Context c : list) {
        values.add(
            JSON.createObjectNode()
                .put("id", c.id)
                .put("name", c.name)
                .put("description", "")
                .put("isGlobalContext", c.global)
                .put("isAnyIssueType", true));
      }
      return json(200, page(values, q));
    }
    if (!options.matches()) {
      return error(405, "Method not allowed.");
    }
    List<Context> list = fields.get(JiraEmulator.decode(options.group(1)));
    Context context = null;
    for (Context c : list == null ? List.<Context>of() : list) {
      if (c.id.equals(options.group(2))) {
        context = c;
      }
    }
    if (context == null) {
      return error(404, "The custom field was not found.");
    }
    if (method.equals("GET")) {
      List<JsonNode> values = new ArrayList<>();
      for (Option o : context.options) {
        values.add(
            JSON.createObjectNode()
                .put("id", o.id)
                .put("value", o.value)
                .put("disabled", o.disabled));
      }
      return json(200, page(values, q));
    }
    if (!method.equals("POST")) {
      return error(405, "Method not allowed.");
    }
    JsonNode wanted = JSON.readTree(body).path("options");
    if (!wanted.isArray() || wanted.isEmpty() || wanted.size() > 1000) {
      return error(400, null, "options", "Between 1 and 1000 options must be given.");
    }
    Set<String> have = new HashSet<>();
    context.options.forEach(o -> have.add(o.value.toLowerCase(Locale.ROOT)));
    for (JsonNode o : wanted) {
      String value = o.path("value").asText("");
      if (value.isBlank()) {
        return error(400, null, "value", "The option value must not be blank.");
      }
      if (!have.add(value.toLowerCase(Locale.ROOT))) {
        return error(400, "The option '" + value + "' already exists in this context.");
      }
    }
    ObjectNode created = JSON.createObjectNode();
    ArrayNode out = created.putArray("options");
    for (JsonNode o : wanted) {
      Option added =
          new Option(
              Long.toString(nextId++), o.path("value").asText(), o.path("disabled").asBoolean());
      context.options.add(added);
      out.addObject().put("id", added.id).put("value", added.value).put("disabled", added.disabled);
    }
    return json(200, created);
  }

  private static ObjectNode page(List<JsonNode> all, Map<String, String> q) {
    int startAt = Integer.parseInt(q.getOrDefault("startAt", "0"));
    int max = Math.min(PAGE, Integer.parseInt(q.getOrDefault("maxResults", "50")));
    ObjectNode page =
        JSON.createObjectNode()
            .put("startAt", startAt)
            .put("maxResults", max)
            .put("total", all.size());
    page.put("isLast", startAt + max >= all.size());
    ArrayNode values = page.putArray("values");
    for (int i = startAt; i < Math.min(all.size(), startAt + max); i++) {
      values.add(all.get(i));
    }
    return page;
  }
}
