package dev.accessgov.report;

import static dev.accessgov.report.RetroWorld.MARCH;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retrospective in the HTML report")
class RetrospectiveHtmlTest {
  static final Instant AT = Instant.parse("2026-04-01T08:00:00Z");

  /** The page of the scripted day's retrospective, threshold 2. */
  static String page() {
    RetroWorld world = new RetroWorld().scripted();
    return HtmlReport.builder("Just-in-time access, March 2026")
        .retrospective(Retrospective.of(world.access, MARCH, world.people, 2))
        .generatedAt(AT)
        .build()
        .render();
  }

  @Test
  @DisplayName("shows the shares, the hours chart with hinted bars, lags and both lists")
  void renders() {
    String html = page();

    assertThat(html)
        .contains(
            "<section id=\"retrospective\">",
            "<b>67 %</b>used (2 of 3 measured; 1 not measured)",
            "<b>50 %</b>approved by policy alone",
            "<b>0.25</b>extensions per grant",
            "aria-label=\"Granted hours by role\"",
            "<rect class=\"hinted\"",
            "<rect class=\"hours\"",
            "8.0 h in 2 requests",
            ResourceUse.FREQUENT,
            "Approval lag by approver",
            "Approval lag by team",
            "<td>approver</td><td>olivia</td><td class=\"num\">2</td>",
            "<td>alice</td><td>github/admin</td>",
            "<td>bob</td><td>github/read</td><td class=\"num\">1</td>",
            "<p class=\"meta\">Counted by request: every figure and list covers the requests made");
    assertThat(HtmlReportTest.count(html, "<svg")).isEqualTo(3);
  }

  @Test
  @DisplayName("without a people directory says lag is not grouped by team")
  void noTeams() {
    RetroWorld world = new RetroWorld().scripted();
    String html =
        HtmlReport.builder("March")
            .retrospective(Retrospective.of(world.access, MARCH))
            .generatedAt(AT)
            .build()
            .render();

    assertThat(html).contains("not grouped by team").doesNotContain("Approval lag by team");
  }
}
