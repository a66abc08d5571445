package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fields of the configured JSM request type, read once from {@code GET
 * /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field} and kept
 * until JSM refuses a request built from them (an administrator may have changed the request type),
 * so that a request only names fields the request type has: JSM refuses any other. Not API;
 * thread-safe.
 */
final class RequestTypeFields {
  /** The fields this module can fill: what is requested, why, and the label it is found by. */
  static final Set<String> FILLED = Set.of("summary", "description", "labels");

  private final JiraHttp http;
  private final JiraSettings settings;
  private volatile @Nullable Fields cached;

  /**
   * A request type's fields.
   *
   * @param names field id to the name the portal shows
   * @param required ids of the fields a request must give
   */
  record Fields(Map<String, String> names, Set<String> required) {
    Fields {
      names = Map.copyOf(names);
      required = Set.copyOf(required);
    }

    boolean has(String fieldId) {
      return names.containsKey(fieldId);
    }

    /** Required fields this module cannot fill, as {@code id (name)}, sorted; empty when none. */
    Map<String, String> unfillable() {
      Map<String, String> out = new TreeMap<>();
      required.stream()
          .filter(f -> !FILLED.contains(f))
          .forEach(f -> out.put(f, names.getOrDefault(f, f)));
      return out;
    }
  }

  RequestTypeFields(JiraHttp http, JiraSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** The request type's fields, read from JSM the first time and after {@link #forget()}. */
  Fields get(int attempts, long deadline) {
    Fields f = cached;
    if (f != null) {
      return f;
    }
    JsonNode meta =
        http.call(
            "openOrLink",
            "GET",
            "/rest/servicedeskapi/servicedesk/"
                + IssueOps.enc(String.valueOf(settings.serviceDeskId()))
                + "/requesttype/"
                + IssueOps.enc(String.valueOf(settings.requestTypeId()))
                + "/field",
            null,
            attempts,
            deadline);
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> required = new java.util.HashSet<>();
    for (JsonNode field : meta.path("requestTypeFields")) {
      String id = field.path("fieldId").asText("");
      if (id.isEmpty()) {
        continue;
      }
      names.put(id, field.path("name").asText(id));
      if (field.path("required").asBoolean(false)) {
        required.add(id);
      }
    }
    f = new Fields(names, required);
    cached = f;
    return f;
  }

  /** Reads the fields again next time, after JSM refused a request built from them. */
  void forget() {
    cached = null;
  }
}
