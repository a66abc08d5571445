package dev.accessgov.report.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.report.ApplicationMetrics;
import dev.accessgov.report.OperationalMetrics;
import dev.accessgov.report.Provenance;
import org.jspecify.annotations.Nullable;

/** Writes {@link OperationalMetrics} as JSON, field names fixed here. Not API. */
public final class MetricsJson {
  private static final ObjectMapper MAPPER = Json.MAPPER;

  private MetricsJson() {}

  /** The metrics as a JSON string. */
  public static String write(OperationalMetrics metrics, @Nullable Provenance provenance) {
    ObjectNode root = Json.root(provenance);
    root.put("from", metrics.from() == null ? null : metrics.from().toString());
    root.put("at", metrics.at().toString());
    ArrayNode apps = root.putArray("applications");
    for (ApplicationMetrics app : metrics.applications()) {
      ObjectNode node = apps.addObject();
      node.put("application", app.application());
      node.put("records", app.records());
      node.set("approvalLag", MAPPER.valueToTree(app.approval()));
      node.set("provisioningLag", MAPPER.valueToTree(app.provisioning()));
      node.set("removalLag", MAPPER.valueToTree(app.removal()));
      node.put("approved", app.approved());
      node.put("automated", app.automated());
      node.put("shareAutomated", app.shareAutomated());
      ArrayNode gaps = node.putArray("evidenceGaps");
      app.evidenceGaps().forEach(gaps::add);
    }
    return Json.text(root);
  }
}
