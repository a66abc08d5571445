package dev.accessgov.report.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.report.ApplicationMetrics;
import dev.accessgov.report.LagStats;
import dev.accessgov.report.OperationalMetrics;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Writes {@link OperationalMetrics} as JSON, field names fixed here. Not API. */
public final class MetricsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MetricsJson() {}

  /** The metrics as a JSON string. */
  public static String write(OperationalMetrics metrics) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("from", metrics.from() == null ? null : metrics.from().toString());
    root.put("at", metrics.at().toString());
    ArrayNode truncated = root.putArray("truncatedRoles");
    metrics.truncatedRoles().forEach(truncated::add);
    ArrayNode apps = root.putArray("applications");
    for (ApplicationMetrics app : metrics.applications()) {
      ObjectNode node = apps.addObject();
      node.put("application", app.application());
      node.put("records", app.records());
      lag(node.putObject("approvalLag"), app.approval());
      lag(node.putObject("provisioningLag"), app.provisioning());
      lag(node.putObject("removalLag"), app.removal());
      node.put("approved", app.approved());
      node.put("automated", app.automated());
      node.put("shareAutomated", app.shareAutomated());
      ArrayNode gaps = node.putArray("evidenceGaps");
      app.evidenceGaps().forEach(gaps::add);
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a metrics tree could not be written as JSON", e);
    }
  }

  private static void lag(ObjectNode node, LagStats stats) {
    node.put("count", stats.count());
    node.put("median", text(stats.median()));
    node.put("p95", text(stats.p95()));
  }

  private static @Nullable String text(@Nullable Duration d) {
    return d == null ? null : d.toString();
  }
}
