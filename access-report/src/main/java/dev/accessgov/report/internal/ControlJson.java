package dev.accessgov.report.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.report.ControlReport;
import dev.accessgov.report.Provenance;
import dev.accessgov.report.control.ControlMapping;
import dev.accessgov.report.control.Section;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link ControlReport} as JSON. The frame (period, controls, summary) is built by hand so
 * its names are fixed here; entries are bound from their record types, whose components are the
 * documented schema. Not API.
 */
public final class ControlJson {
  private static final ObjectMapper MAPPER = Json.MAPPER;

  private ControlJson() {}

  /** The report as a JSON string. */
  public static String write(ControlReport report, @Nullable Provenance provenance) {
    return Json.text(tree(report, provenance));
  }

  /** Writes the report as UTF-8 JSON to {@code out}, leaving it open. */
  public static void write(
      ControlReport report, @Nullable Provenance provenance, OutputStream out) {
    Json.write(tree(report, provenance), out, "the control report");
  }

  private static ObjectNode tree(ControlReport report, @Nullable Provenance provenance) {
    ObjectNode root = Json.root(provenance);
    ObjectNode period = root.putObject("period");
    period.put("from", report.period().from().toString());
    period.put("to", report.period().to().toString());
    root.put("framework", report.mapping().framework());
    ArrayNode controls = root.putArray("controls");
    for (ControlMapping.Control c : report.mapping().controls()) {
      ObjectNode node = controls.addObject().put("id", c.id()).put("title", c.title());
      c.sections().forEach(s -> node.withArray("sections").add(s.id()));
    }
    root.set("summary", MAPPER.valueToTree(report.summary()));
    root.set("reconcileRuns", MAPPER.valueToTree(report.reconcileRuns()));
    ObjectNode sections = root.putObject("sections");
    sections.set(Section.GRANTS.id(), MAPPER.valueToTree(report.grants()));
    sections.set(Section.REMOVALS.id(), MAPPER.valueToTree(report.removals()));
    sections.set(Section.REVIEWS.id(), MAPPER.valueToTree(report.campaigns()));
    sections.set(Section.RECLAIMS.id(), MAPPER.valueToTree(report.reclaims()));
    sections.set(Section.DRIFT.id(), MAPPER.valueToTree(report.drift()));
    sections.set(Section.LIFECYCLE.id(), MAPPER.valueToTree(report.lifecycle()));
    root.set("lifecycleLags", MAPPER.valueToTree(report.lifecycleReport().lags()));
    return root;
  }
}
