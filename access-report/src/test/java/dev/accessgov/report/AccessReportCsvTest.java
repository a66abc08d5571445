package dev.accessgov.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The access report as CSV")
class AccessReportCsvTest {
  private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");

  private static AccessRow row(String person, String applicationName, List<String> approvedBy) {
    return new AccessRow(
        person,
        "app",
        applicationName,
        "app/role",
        "STANDARD",
        List.of("okta:g1", "okta:g2"),
        AT,
        "rec-1",
        approvedBy,
        null,
        AT,
        null);
  }

  /** The CSV read back by a standard parser, one list of cells per line, header included. */
  private static List<List<String>> parse(String csv) throws Exception {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
      return it.readAll();
    }
  }

  @Test
  @DisplayName("has a header and one CRLF-terminated line per grant")
  void oneLinePerGrant() throws Exception {
    ReportWorld world = new ReportWorld().scripted();
    String csv = AccessReport.of(world.access, world.catalog, world.clock.instant()).toCsv();

    assertThat(csv.split("\r\n", -1)).hasSize(1 + 6 + 1);
    assertThat(csv).endsWith("\r\n");
    List<List<String>> lines = parse(csv);
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).isEqualTo(AccessReportTest.HEADER);
    assertThat(lines.get(1))
        .containsExactly(
            "finance",
            "finance",
            "finance/payments",
            "STANDARD",
            "carol",
            "okta:fin-payments",
            "2026-01-05T09:00:00Z",
            world.carolPayments.id().value(),
            "dave; erin",
            "",
            "2026-07-04T09:00:00Z",
            "",
            "yes",
            "no");
  }

  @Nested
  @DisplayName("keeps hostile text inert")
  class Hostile {
    @Test
    @DisplayName("formulas starting with =, +, -, @, tab or CR get a leading single quote")
    void formulas() throws Exception {
      List<String> hostile =
          List.of(
              "=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1");
      List<AccessRow> rows = hostile.stream().map(h -> row(h, "App", List.of("policy"))).toList();

      List<List<String>> lines = parse(new AccessReport(AT, rows).toCsv());

      assertThat(lines).hasSize(7);
      assertThat(lines.subList(1, 7))
          .extracting(cells -> cells.get(4))
          .containsExactlyInAnyOrderElementsOf(hostile.stream().map(h -> "'" + h).toList());
    }

    @Test
    @DisplayName("quotes, commas, CR/LF and markup survive a round trip in one cell")
    void quoting() throws Exception {
      String markup = "<script>alert('x')</script>";
      String quoted = "O\"Brien, \"the boss\"";
      String lines2 = "first line\r\nsecond line\nthird";
      AccessRow row = row(quoted, lines2, List.of(markup, "carol"));

      String csv = new AccessReport(AT, List.of(row)).toCsv();
      List<List<String>> lines = parse(csv);

      assertThat(lines).hasSize(2);
      assertThat(lines.get(1)).hasSize(14);
      assertThat(lines.get(1).get(1)).isEqualTo(lines2);
      assertThat(lines.get(1).get(4)).isEqualTo(quoted);
      assertThat(lines.get(1).get(8)).isEqualTo(markup + "; carol");
      assertThat(csv).contains("\"O\"\"Brien, \"\"the boss\"\"\"");
    }

    @Test
    @DisplayName("a formula character later in the cell is left alone")
    void onlyLeading() throws Exception {
      AccessRow row = row("bob=1", "a-b", List.of("x@example.com"));

      List<String> cells = parse(new AccessReport(AT, List.of(row)).toCsv()).get(1);

      assertThat(cells.get(4)).isEqualTo("bob=1");
      assertThat(cells.get(1)).isEqualTo("a-b");
      assertThat(cells.get(8)).isEqualTo("x@example.com");
    }
  }
}
