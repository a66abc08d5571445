package dev.accessgov.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.jira.internal.CatalogOptions;
import dev.accessgov.jira.internal.JiraHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The select-list options a {@link JiraRequestType} should offer, from the {@link Catalog}: the
 * applications (by id), the roles as {@code "app / role"}, and the durations some role's window
 * allows ({@code "8 hours"}, {@code "7 days"}); exactly the values the intake reads back. {@link
 * #describe} prints them for an administrator to enter by hand; {@link #plan} compares them with
 * the options a Jira field has; {@link #create} adds the missing ones through Jira's API (which
 * needs the <em>Administer Jira</em> global permission). Creating is idempotent: options already
 * there are not added again, and options no longer in the catalog (retired roles) are reported,
 * never deleted, since issues may still name them. Thread-safe; immutable.
 */
public final class JiraRequestTypeOptions {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int PAGE = 100;
  private static final int MAX_PER_CREATE = 1000;

  private final Catalog catalog;

  private JiraRequestTypeOptions(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The options for {@code catalog}. */
  public static JiraRequestTypeOptions of(Catalog catalog) {
    return new JiraRequestTypeOptions(requireNonNull(catalog, "catalog"));
  }

  /** The application options: each application's id, in catalog order. */
  public List<String> applications() {
    return catalog.applications().stream().map(Application::id).toList();
  }

  /** The role options, {@code "app / role"}, in catalog order. */
  public List<String> roles() {
    return CatalogOptions.roleLabels(catalog);
  }

  /** The duration options: every duration some role's window allows, shortest first. */
  public List<String> durations() {
    return CatalogOptions.durationLabels(CatalogOptions.durations(catalog));
  }

  /** The durations one role accepts among the options, shortest first. */
  public List<String> durations(Role role) {
    return CatalogOptions.durationLabels(CatalogOptions.durations(requireNonNull(role, "role")));
  }

  /**
   * The options per field of {@code type}, for an administrator to enter: one block per select
   * list, then each role's window, so the portal's help text can say which durations a role takes.
   */
  public String describe(JiraRequestType type) {
    requireNonNull(type, "type");
    StringBuilder out = new StringBuilder();
    out.append("Select-list options for JSM request type(s) ")
        .append(String.join(", ", new java.util.TreeSet<>(type.requestTypeIds())))
        .append(", from the catalog:\n");
    wanted(type)
        .forEach(
            (field, values) -> {
              out.append(field).append(":\n");
              values.forEach(v -> out.append("  ").append(v).append('\n'));
            });
    out.append("Durations each role accepts:\n");
    for (Role r : catalog.roles()) {
      out.append("  ")
          .append(CatalogOptions.roleLabel(r))
          .append(": ")
          .append(r.expiryPolicy().bounds())
          .append(r.expiryPolicy().allowsOpenEnded() ? ", may be open-ended" : "")
          .append(
              r.expiryPolicy().defaultDuration() == null
                  ? ""
                  : ", default " + CatalogOptions.durationLabel(r.expiryPolicy().defaultDuration()))
          .append("; offered: ")
          .append(String.join(", ", durations(r)))
          .append('\n');
    }
    return out.toString();
  }

  /**
   * What {@link #create} would do, read from Jira without changing it.
   *
   * @throws ProviderException when Jira refuses (403 without <em>Administer Jira</em>, 404 for an
   *     unknown field) or cannot be reached
   * @throws AccessConfigurationException when a field has several contexts and none is global
   */
  public List<FieldOptions> plan(JiraTicketing jira, JiraRequestType type) {
    return sync(requireNonNull(jira, "jira"), requireNonNull(type, "type"), false);
  }

  /**
   * Adds the options each select list of {@code type} lacks to the field's context (its global
   * context, or its only one), and reports what it added, found and found retired. Safe to repeat:
   * a second run adds nothing.
   *
   * @throws ProviderException when Jira refuses (403 without <em>Administer Jira</em>, 404 for an
   *     unknown field) or cannot be reached; options added before stay
   * @throws AccessConfigurationException when a field has several contexts and none is global
   */
  public List<FieldOptions> create(JiraTicketing jira, JiraRequestType type) {
    return sync(requireNonNull(jira, "jira"), requireNonNull(type, "type"), true);
  }

  /**
   * The options of one field after {@link #plan} or {@link #create}.
   *
   * @param fieldId the custom field
   * @param contextId the field context the options live in
   * @param added options the catalog has and the field lacked: created by {@link #create}, to be
   *     created after {@link #plan}
   * @param present options the catalog has and the field already had
   * @param retired options the field has that the catalog no longer offers; left in place
   */
  public record FieldOptions(
      String fieldId,
      String contextId,
      List<String> added,
      List<String> present,
      List<String> retired) {
    /** Copies the lists. */
    public FieldOptions {
      requireNonNull(fieldId, "fieldId");
      requireNonNull(contextId, "contextId");
      added = List.copyOf(added);
      present = List.copyOf(present);
      retired = List.copyOf(retired);
    }
  }

  /** Field id (with what it holds) to the option values it should offer. */
  private Map<String, List<String>> wanted(JiraRequestType type) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (type.applicationField() != null) {
      out.put("Application (" + type.applicationField() + ")", applications());
    }
    out.put("Role (" + type.roleField() + "), as \"app / role\"", roles());
    if (type.durationField() != null) {
      out.put("Duration (" + type.durationField() + ")", durations());
    }
    return out;
  }

  private List<FieldOptions> sync(JiraTicketing jira, JiraRequestType type, boolean create) {
    JiraHttp http = jira.ops().http();
    List<FieldOptions> out = new ArrayList<>();
    if (type.applicationField() != null) {
      out.add(sync(http, type.applicationField(), applications(), create));
    }
    out.add(sync(http, type.roleField(), roles(), create));
    if (type.durationField() != null) {
      out.add(sync(http, type.durationField(), durations(), create));
    }
    return out;
  }

  private FieldOptions sync(JiraHttp http, String fieldId, List<String> wanted, boolean create) {
    String context = context(http, fieldId);
    String base = "/rest/api/3/field/" + enc(fieldId) + "/context/" + enc(context) + "/option";
    Map<String, String> existing = new LinkedHashMap<>(); // normalised -> as Jira has it
    for (JsonNode o : pages(http, base)) {
      String value = o.path("value").asText("");
      if (!value.isEmpty() && !o.hasNonNull("optionId")) { // cascading children are not ours
        existing.put(norm(value), value);
      }
    }
    List<String> added = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (String w : wanted) {
      (existing.containsKey(norm(w)) ? present : added).add(w);
    }
    List<String> retired = new ArrayList<>();
    List<String> wantedNorm = wanted.stream().map(JiraRequestTypeOptions::norm).toList();
    existing.forEach(
        (n, value) -> {
          if (!wantedNorm.contains(n)) {
            retired.add(value);
          }
        });
    if (create) {
      for (int i = 0; i < added.size(); i += MAX_PER_CREATE) {
        ObjectNode body = F.objectNode();
        ArrayNode options = body.putArray("options");
        added
            .subList(i, Math.min(added.size(), i + MAX_PER_CREATE))
            .forEach(v -> options.addObject().put("value", v).put("disabled", false));
        http.call("createOptions", "POST", base, body);
      }
    }
    return new FieldOptions(fieldId, context, added, present, retired);
  }

  /** The field's global context, or its only context. */
  private static String context(JiraHttp http, String fieldId) {
    List<JsonNode> contexts = pages(http, "/rest/api/3/field/" + enc(fieldId) + "/context");
    List<JsonNode> global =
        contexts.stream().filter(c -> c.path("isGlobalContext").asBoolean(false)).toList();
    List<JsonNode> pick = global.size() == 1 ? global : contexts.size() == 1 ? contexts : List.of();
    if (pick.isEmpty()) {
      throw new AccessConfigurationException(
          "Jira field "
              + fieldId
              + " has "
              + contexts.size()
              + " contexts ("
              + String.join(", ", contexts.stream().map(c -> c.path("id").asText()).toList())
              + ") and no single global one; give it one context that covers the service"
              + " desk's project, or add the options by hand");
    }
    return pick.get(0).path("id").asText();
  }

  private static List<JsonNode> pages(JiraHttp http, String path) {
    List<JsonNode> out = new ArrayList<>();
    long startAt = 0;
    while (true) {
      JsonNode page =
          http.call("options", "GET", path + "?startAt=" + startAt + "&maxResults=" + PAGE, null);
      int size = 0;
      for (JsonNode v : page.path("values")) {
        out.add(v);
        size++;
      }
      startAt += size;
      if (size == 0 || page.path("isLast").asBoolean(true)) {
        return out;
      }
    }
  }

  private static String norm(String value) {
    return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
