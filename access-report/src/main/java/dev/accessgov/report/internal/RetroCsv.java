package dev.accessgov.report.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.accessgov.report.GroupLag;
import dev.accessgov.report.Provenance;
import dev.accessgov.report.ResourceUse;
import dev.accessgov.report.Retrospective;
import dev.accessgov.report.UnmanagedAccount;
import dev.accessgov.report.UsageFinding;
import dev.accessgov.report.UsageShares;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Writes a {@link Retrospective} as JSON and as long-form CSV. Not API. */
public final class RetroCsv {
  private static final CsvMapper CSV = new CsvMapper();
  private static final CsvSchema SCHEMA =
      CsvSchema.builder()
          .addColumn("table")
          .addColumn("name")
          .addColumn("measure")
          .addColumn("value")
          .setUseHeader(true)
          .setLineSeparator("\r\n")
          .build();

  private RetroCsv() {}

  /** The JSON text, with {@code provenance} or null in its first field. */
  public static String json(Retrospective r, @Nullable Provenance provenance) {
    ObjectNode root = Json.root(provenance);
    ObjectNode body = Json.MAPPER.valueToTree(r);
    root.setAll(body);
    root.put("countingRule", Retrospective.COUNTING_RULE);
    hours((ArrayNode) root.get("roles"), r.roles());
    hours((ArrayNode) root.get("applications"), r.applications());
    ObjectNode shares = (ObjectNode) root.get("shares");
    shares.put("shareUsed", r.shares().shareUsed());
    shares.put("shareAutomated", r.shares().shareAutomated());
    shares.put("extensionsPerGrant", r.shares().extensionsPerGrant());
    return Json.text(root);
  }

  private static void hours(ArrayNode nodes, List<ResourceUse> uses) {
    for (int i = 0; i < uses.size(); i++) {
      ((ObjectNode) nodes.get(i)).put("grantedHours", uses.get(i).grantedHours());
    }
  }

  /** The CSV text, header first. */
  public static String csv(Retrospective r) {
    List<String[]> rows = new ArrayList<>();
    row(rows, "period", r.period().toString(), "counted_by", "requested_at");
    resources(rows, "roles", r.roles());
    resources(rows, "applications", r.applications());
    lags(rows, "team", r.lagByTeam());
    lags(rows, "approver", r.lagByApprover());
    lags(rows, "approver_manager", r.lagByApproverManager());
    lags(rows, "approver_division", r.lagByApproverDivision());
    UsageShares s = r.shares();
    row(rows, "shares", "all", "grants", s.grants());
    row(rows, "shares", "all", "used", s.used());
    row(rows, "shares", "all", "never_used", s.neverUsed());
    row(rows, "shares", "all", "not_measured", s.notMeasured());
    row(rows, "shares", "all", "approved", s.approved());
    row(rows, "shares", "all", "automated", s.automated());
    row(rows, "shares", "all", "extensions", s.extensions());
    row(rows, "shares", "all", "share_used", s.shareUsed());
    row(rows, "shares", "all", "share_automated", s.shareAutomated());
    row(rows, "shares", "all", "extensions_per_grant", s.extensionsPerGrant());
    findings(rows, "never_used", r.neverUsed());
    findings(rows, "activity_after_end", r.activityAfterEnd());
    unmanaged(rows, r.unmanaged());
    try {
      return CSV.writer(SCHEMA).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("retrospective rows could not be written as CSV", e);
    }
  }

  private static void resources(List<String[]> rows, String table, List<ResourceUse> uses) {
    for (ResourceUse u : uses) {
      row(rows, table, u.resource(), "requests", u.requests());
      row(rows, table, u.resource(), "grants", u.grants());
      row(rows, table, u.resource(), "granted_hours", u.grantedHours());
      row(rows, table, u.resource(), "hint", u.hint());
    }
  }

  private static void lags(List<String[]> rows, String table, List<GroupLag> lags) {
    for (GroupLag g : lags) {
      row(rows, table, g.group(), "count", g.lag().count());
      row(rows, table, g.group(), "median", g.lag().median());
      row(rows, table, g.group(), "p95", g.lag().p95());
    }
  }

  private static void findings(List<String[]> rows, String table, List<UsageFinding> findings) {
    for (UsageFinding f : findings) {
      row(rows, table, f.recordId(), "subject", f.subject());
      row(rows, table, f.recordId(), "role", f.role());
      row(rows, table, f.recordId(), "observed_at", f.observedAt());
      row(rows, table, f.recordId(), "events", f.events());
      row(rows, table, f.recordId(), "last_event_at", f.lastEventAt());
    }
  }

  private static void unmanaged(List<String[]> rows, List<UnmanagedAccount> accounts) {
    for (UnmanagedAccount u : accounts) {
      row(rows, "unmanaged", u.ref(), "source", u.source());
      row(rows, "unmanaged", u.ref(), "found_at", u.foundAt());
      row(rows, "unmanaged", u.ref(), "account", u.account());
      row(rows, "unmanaged", u.ref(), "application", u.application());
      row(rows, "unmanaged", u.ref(), "role", u.role());
      row(rows, "unmanaged", u.ref(), "group", u.group());
      row(rows, "unmanaged", u.ref(), "record_id", u.recordId());
      row(rows, "unmanaged", u.ref(), "decision", u.decision());
      row(rows, "unmanaged", u.ref(), "reviewer_decided", u.reviewerDecided());
    }
  }

  private static void row(
      List<String[]> rows, String table, String name, String measure, @Nullable Object value) {
    rows.add(
        new String[] {
          table,
          ReportCsv.safe(name),
          measure,
          value == null ? "" : ReportCsv.safe(Objects.toString(value))
        });
  }
}
