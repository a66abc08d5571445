package dev.accessgov.report.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.accessgov.report.AccessReport;
import dev.accessgov.report.AccessRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link AccessReport} as RFC 4180 CSV with Jackson's CSV support, neutralising cells a
 * spreadsheet would read as formulas. Not API.
 */
public final class ReportCsv {
  /** The header row, in column order. */
  public static final List<String> COLUMNS =
      List.of(
          "application",
          "application_name",
          "role",
          "tier",
          "person",
          "groups",
          "since",
          "record_id",
          "approved_by",
          "expires_at",
          "next_review_at",
          "last_login",
          "explained",
          "unmanaged");

  private static final String LIST_SEPARATOR = "; ";
  private static final String FORMULA_STARTS = "=+-@\t\r";
  private static final CsvMapper MAPPER = new CsvMapper();
  private static final CsvSchema SCHEMA = schema();

  private ReportCsv() {}

  private static CsvSchema schema() {
    CsvSchema.Builder builder = CsvSchema.builder();
    COLUMNS.forEach(builder::addColumn);
    return builder.setUseHeader(true).setLineSeparator("\r\n").build();
  }

  /** The report as CSV text, header first. */
  public static String write(AccessReport report) {
    List<String[]> rows = new ArrayList<>();
    for (AccessRow row : report.rows()) {
      rows.add(cells(row, "yes"));
    }
    for (AccessRow row : report.unexplained()) {
      rows.add(cells(row, "no"));
    }
    try {
      return MAPPER.writer(SCHEMA).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report rows could not be written as CSV", e);
    }
  }

  private static String[] cells(AccessRow row, String explained) {
    return new String[] {
      safe(row.application()),
      safe(row.applicationName()),
      safe(row.role()),
      row.tier() == null ? "" : safe(row.tier()),
      safe(row.person()),
      safe(String.join(LIST_SEPARATOR, row.groups())),
      time(row.since()),
      safe(row.recordId()),
      safe(String.join(LIST_SEPARATOR, row.approvedBy())),
      time(row.expiresAt()),
      time(row.nextReviewAt()),
      row.lastLogin() == null ? "" : row.lastLogin(),
      explained,
      row.unmanaged() ? "yes" : "no"
    };
  }

  /**
   * The cell with a single quote in front when a spreadsheet would take it for a formula (OWASP
   * "CSV injection"); quoting by the CSV writer does not help there, since the spreadsheet removes
   * the quotes before it looks at the first character.
   */
  public static String safe(String cell) {
    if (cell.isEmpty()) {
      return cell;
    }
    boolean formula = FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0;
    return formula ? "'" + cell : cell;
  }

  private static String time(@Nullable Instant instant) {
    return instant == null ? "" : instant.toString();
  }
}
