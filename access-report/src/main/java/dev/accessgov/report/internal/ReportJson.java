package dev.accessgov.report.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.report.AccessReport;
import dev.accessgov.report.AccessRow;
import dev.accessgov.report.Provenance;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link AccessReport} as JSON. The tree is built by hand rather than by data binding so
 * that field names and order are fixed here, not by the records' accessor names. Not API.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER = Json.MAPPER;

  private ReportJson() {}

  /** The report as a JSON string. */
  public static String write(AccessReport report, @Nullable Provenance provenance) {
    return Json.text(tree(report, provenance));
  }

  /** Writes the report as UTF-8 JSON to {@code out}, leaving it open. */
  public static void write(AccessReport report, @Nullable Provenance provenance, OutputStream out) {
    Json.write(tree(report, provenance), out, "the access report");
  }

  private static ObjectNode tree(AccessReport report, @Nullable Provenance provenance) {
    ObjectNode root = Json.root(provenance);
    root.put("at", report.at().toString());
    root.put(
        "lastReconcile", report.lastReconcile() == null ? null : report.lastReconcile().toString());
    applications(root.putArray("applications"), report.byApplication());
    applications(root.putArray("unexplained"), report.unexplainedByApplication());
    return root;
  }

  private static void applications(ArrayNode applications, Map<String, List<AccessRow>> byApp) {
    for (Map.Entry<String, List<AccessRow>> app : byApp.entrySet()) {
      ObjectNode node = applications.addObject();
      node.put("application", app.getKey());
      node.put("name", app.getValue().get(0).applicationName());
      ArrayNode grants = node.putArray("grants");
      for (AccessRow row : app.getValue()) {
        ObjectNode g = grants.addObject();
        g.put("person", row.person());
        g.put("role", row.role());
        g.put("tier", row.tier());
        strings(g.putArray("groups"), row.groups());
        g.put("since", text(row.since()));
        g.put("recordId", row.recordId());
        strings(g.putArray("approvedBy"), row.approvedBy());
        g.put("expiresAt", text(row.expiresAt()));
        g.put("nextReviewAt", text(row.nextReviewAt()));
        g.put("lastLogin", row.lastLogin());
        g.put("unmanaged", row.unmanaged());
      }
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
