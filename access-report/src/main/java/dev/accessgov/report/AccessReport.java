package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.report.internal.ReportCsv;
import dev.accessgov.report.internal.ReportJson;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds which access, and why: one {@link AccessRow} per active grant, for an auditor. Rows are
 * ordered by application, role, person and record id, so two reports of the same state are
 * identical.
 *
 * <p>This first version lists grants the library's records explain; memberships in the identity
 * providers that no record explains are left to {@link AccessService#reconcile()}.
 *
 * @param at the moment the report describes
 * @param rows the grants, in report order
 * @param truncatedRoles roles with {@link RecordQuery#MAX_LIMIT} or more active grants, of which
 *     only the first {@link RecordQuery#MAX_LIMIT} are listed; empty when the report is complete
 */
public record AccessReport(Instant at, List<AccessRow> rows, List<String> truncatedRoles) {

  private static final Comparator<AccessRow> ORDER =
      Comparator.comparing(AccessRow::application)
          .thenComparing(AccessRow::role)
          .thenComparing(AccessRow::person)
          .thenComparing(AccessRow::recordId);

  /** Checks the fields, copies the lists and puts the rows in report order. */
  public AccessReport {
    requireNonNull(at, "at");
    rows = requireNonNull(rows, "rows").stream().sorted(ORDER).toList();
    truncatedRoles = List.copyOf(requireNonNull(truncatedRoles, "truncatedRoles"));
  }

  /**
   * The grants of every role in {@code catalog} that are {@code ACTIVE} in {@code access} and were
   * activated no later than {@code at}. The records are read as they are now: a report for a past
   * {@code at} leaves out grants activated since, but cannot bring back grants that ended since.
   * Records of roles no longer in the catalog are not listed.
   *
   * <p>Reads at most {@link RecordQuery#MAX_LIMIT} records per role; roles with more are named in
   * {@link #truncatedRoles()}.
   */
  public static AccessReport of(AccessService access, Catalog catalog, Instant at) {
    requireNonNull(access, "access");
    requireNonNull(catalog, "catalog");
    requireNonNull(at, "at");
    List<AccessRow> rows = new ArrayList<>();
    List<String> truncated = new ArrayList<>();
    for (Role role : catalog.roles()) {
      // One query per role keeps each query under the store's limit however many roles there are.
      List<AccessRecord> active =
          access.find(
              RecordQuery.all()
                  .role(role.id().value())
                  .states(RecordState.ACTIVE)
                  .limit(RecordQuery.MAX_LIMIT));
      if (active.size() >= RecordQuery.MAX_LIMIT) {
        truncated.add(role.id().value());
      }
      Application application = catalog.applicationOf(role);
      for (AccessRecord record : active) {
        if (record.activatedAt() == null || !record.activatedAt().isAfter(at)) {
          rows.add(AccessRow.of(record, application, role));
        }
      }
    }
    return new AccessReport(at, rows, truncated);
  }

  /** The rows grouped by application id, applications in report order. */
  public Map<String, List<AccessRow>> byApplication() {
    Map<String, List<AccessRow>> grouped = new LinkedHashMap<>();
    for (AccessRow row : rows) {
      grouped.computeIfAbsent(row.application(), a -> new ArrayList<>()).add(row);
    }
    grouped.replaceAll((a, list) -> List.copyOf(list));
    return grouped;
  }

  /**
   * The report as one JSON object (UTF-8, no trailing newline). Field names are stable:
   *
   * <pre>{@code
   * {"at": "2026-01-05T09:00:00Z",
   *  "truncatedRoles": [],
   *  "applications": [
   *    {"application": "github", "name": "GitHub", "grants": [
   *      {"person": "bob", "role": "github/read", "tier": "STANDARD",
   *       "groups": ["okta:gh-read"], "since": "2026-01-05T09:00:00Z", "recordId": "...",
   *       "approvedBy": ["policy"], "expiresAt": null, "nextReviewAt": "2026-07-04T09:00:00Z"}]}]}
   * }</pre>
   *
   * Times are ISO-8601 instants in UTC; absent times are {@code null}.
   */
  public String toJson() {
    return ReportJson.write(this);
  }

  /** Writes {@link #toJson()} to {@code out}, which is left open. */
  public void writeJson(OutputStream out) {
    ReportJson.write(this, requireNonNull(out, "out"));
  }

  /**
   * The report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
   * comma, quote or line break), one row per grant after a header row with these columns: {@code
   * application, application_name, role, tier, person, groups, since, record_id, approved_by,
   * expires_at, next_review_at}. Lists are joined with {@code "; "}; absent times are empty.
   *
   * <p>A cell beginning with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
   * is prefixed with a single quote, so that a spreadsheet opening the file shows the text instead
   * of evaluating it as a formula.
   */
  public String toCsv() {
    return ReportCsv.write(this);
  }
}
