package dev.accessgov.report;

import static dev.accessgov.report.ReportWorld.FEBRUARY;
import static dev.accessgov.report.ReportWorld.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.report.control.CampaignEntry;
import dev.accessgov.report.control.ControlMapping;
import dev.accessgov.report.control.DriftEntry;
import dev.accessgov.report.control.GrantEntry;
import dev.accessgov.report.control.RemovalEntry;
import dev.accessgov.report.control.Signoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTML report")
class HtmlReportTest {
  /** Markup, quotes, CR/LF and a formula, each in a field people type. */
  static final String SCRIPT = "<script>document.title='pwned'</script>";

  static final String IMG = "\"><img src=x onerror=\"document.title='pwned'\">";
  static final String LINES = "first line\r\nsecond line";
  static final String FORMULA = "=HYPERLINK(\"http://evil\")";

  @Test
  @DisplayName("shows the summary first, then the controls, charts and tables of all three reports")
  void fullPage() {
    String html = page(new ReportWorld().scripted().governed());

    assertThat(html.indexOf("id=\"summary\""))
        .isLessThan(html.indexOf("id=\"controls\""))
        .isLessThan(html.indexOf("id=\"charts\""))
        .isLessThan(html.indexOf("id=\"grants\""));
    assertThat(html)
        .contains("SOC 2 (2017 TSC)", "CC6.1", "CC6.2", "CC6.3")
        .contains("<b>5</b>removals", "<b>1</b>inactivity reclaims", "<b>1</b>drift findings")
        .contains("Removal: trigger to IdP confirmation", "Approval lag by application")
        .contains("github/read Q1", "inactive-20d", "okta:gh-read", "UNEXPLAINED")
        .contains("26d 18h")
        .contains("id=\"access\"", "id=\"metrics\"");
    assertThat(count(html, "<table")).isGreaterThanOrEqualTo(9);
    // Removal, three metrics lags, and the lifecycle lag of carol's offboarding.
    assertThat(count(html, "<svg")).isEqualTo(5);
    assertThat(html).contains("id=\"lifecycle\"", "offboarding:carol");
  }

  @Test
  @DisplayName("is self-contained: no script, stylesheet, font or image is loaded")
  void selfContained() {
    String html = page(new ReportWorld().scripted().governed());

    assertThat(html).doesNotContain("<script", "<link", "src=", "url(", "@import");
    assertThat(html).contains("Content-Security-Policy");
  }

  @Test
  @DisplayName("markup, quotes, CR/LF and formulas in any field come out as text")
  void hostile() {
    ControlReport control = hostileControl();

    String html =
        HtmlReport.builder(SCRIPT).control(control).generatedAt(FEBRUARY).build().render();

    // In element text only <, > and & need escaping; quotes there are inert. Chromium checks the
    // same page as a browser sees it (HtmlReportChromiumTest).
    assertThat(html).doesNotContain("<script", "<img");
    assertThat(html)
        .contains("<h1>&lt;script&gt;document.title='pwned'&lt;/script&gt;</h1>")
        .contains("<td>\"&gt;&lt;img src=x onerror=\"document.title='pwned'\"&gt;</td>")
        .contains("<td>=HYPERLINK(\"http://evil\")</td>");
  }

  @Test
  @DisplayName("needs at least one report")
  void empty() {
    assertThatThrownBy(() -> HtmlReport.builder("nothing").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one report");
  }

  /** A control report with hostile text in every free-text field. */
  static ControlReport hostileControl() {
    Instant t = START;
    return new ControlReport(
        Period.of(t, t.plus(Duration.ofDays(1))),
        ControlMapping.soc2(),
        List.of(
            new GrantEntry(
                "ar-1",
                IMG,
                "github/read",
                FORMULA,
                SCRIPT + LINES,
                t,
                "DENIED",
                List.of(),
                new Signoff("olivia", null, t, SCRIPT, 3),
                null,
                null)),
        List.of(
            new RemovalEntry(
                "ar-1",
                SCRIPT,
                "github/read",
                "REVOKED",
                IMG,
                LINES,
                t,
                t,
                Duration.ZERO,
                "REVOKED")),
        List.of(
            new CampaignEntry(
                "rc-1",
                SCRIPT,
                t,
                "OPEN",
                1,
                0,
                1,
                0,
                0,
                List.of(new CampaignEntry.ReviewerProgress(IMG, 1, 1)),
                List.of(
                    new CampaignEntry.Decision(
                        "ar-1",
                        SCRIPT,
                        "github/read",
                        "REVOKE",
                        IMG,
                        t,
                        FORMULA,
                        false,
                        "a".repeat(64))))),
        List.of(),
        List.of(
            new DriftEntry("ar-1", IMG, "github/read", "UNEXPLAINED", "FLAG", SCRIPT, t, LINES)),
        List.of());
  }

  static String page(ReportWorld w) {
    Instant now = w.clock.instant();
    return HtmlReport.builder("Access controls, February 2026")
        .access(AccessReport.of(w.access, w.catalog, now))
        .control(
            ControlReport.of(w.access, Period.of(FEBRUARY, FEBRUARY.plus(Duration.ofDays(28)))))
        .metrics(OperationalMetrics.of(w.access, w.catalog, now))
        .generatedAt(now)
        .build()
        .render();
  }

  /** How often {@code what} occurs in {@code s}. */
  static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
