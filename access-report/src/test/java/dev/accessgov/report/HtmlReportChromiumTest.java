package dev.accessgov.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium and reads back the DOM the browser built. Skipped when
 * {@value #CHROMIUM} is missing, except under {@code CI=true}, where a missing browser fails the
 * build ({@code .ci/run} installs Debian's {@code chromium}).
 */
@DisplayName("HTML report in headless Chromium")
class HtmlReportChromiumTest {
  static final String CHROMIUM = "/usr/bin/chromium";

  @TempDir Path dir;

  @BeforeAll
  static void chromium() {
    boolean present = Files.isExecutable(Path.of(CHROMIUM));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(CHROMIUM + " is missing; install Debian's chromium package");
    }
    assumeTrue(present, CHROMIUM + " is not installed; skipping the browser test");
  }

  @Test
  @DisplayName("renders the tables and the SVG charts")
  void renders() throws Exception {
    String dom = open(HtmlReportTest.page(new ReportWorld().scripted().governed()));

    assertThat(HtmlReportTest.count(dom, "<table")).isGreaterThanOrEqualTo(9);
    assertThat(HtmlReportTest.count(dom, "<svg")).isEqualTo(5);
    assertThat(HtmlReportTest.count(dom, "<rect")).isGreaterThanOrEqualTo(8);
    assertThat(dom).contains("<title>Access controls, February 2026</title>", "CC6.2");
  }

  @Test
  @DisplayName("renders the retrospective's hours chart, lag charts and tables")
  void retrospective() throws Exception {
    String dom = open(RetrospectiveHtmlTest.page());

    assertThat(HtmlReportTest.count(dom, "<svg")).isEqualTo(3);
    assertThat(HtmlReportTest.count(dom, "<rect class=\"hinted\"")).isEqualTo(1);
    assertThat(HtmlReportTest.count(dom, "<rect class=\"hours\"")).isEqualTo(2);
    assertThat(HtmlReportTest.count(dom, "<table")).isEqualTo(4);
    assertThat(dom).contains("Granted hours by role", "extensions per grant", "Never used");
  }

  @Test
  @DisplayName("renders the joiners, movers and leavers table and its lag chart")
  void lifecycle() throws Exception {
    ControlReport control = new LifecycleReportTest().januaryControls();
    String dom = open(HtmlReport.builder("January").control(control).build().render());

    assertThat(dom).contains("<section id=\"lifecycle\">", "2 joiners, 0 movers, 1 leaver");
    String section = dom.substring(dom.indexOf("<section id=\"lifecycle\">"));
    section = section.substring(0, section.indexOf("</section>"));
    assertThat(HtmlReportTest.count(section, "<tr>")).isEqualTo(4);
    assertThat(dom).contains("Joiners, movers, leavers: call to IdP confirmation");
  }

  @Test
  @DisplayName("renders unmanaged rows flagged and the period's unmanaged accounts as a table")
  void unmanaged() throws Exception {
    String dom = open(UnmanagedReportTest.page(new UnmanagedWorld().scripted()));

    String section = dom.substring(dom.indexOf("<section id=\"unmanaged\">"));
    section = section.substring(0, section.indexOf("</section>"));
    assertThat(HtmlReportTest.count(section, "<tr>")).isEqualTo(4); // header and three accounts
    assertThat(section).contains(UnmanagedWorld.CARL, "KEEP by person:carol", "undecided");
    assertThat(HtmlReportTest.count(dom, "<span class=\"flag\"")).isEqualTo(2);
  }

  @Test
  @DisplayName("hostile text runs no script and adds no element")
  void inert() throws Exception {
    String html =
        HtmlReport.builder(HtmlReportTest.SCRIPT)
            .control(HtmlReportTest.hostileControl())
            .build()
            .render();

    String dom = open(html);

    assertThat(dom).doesNotContain("<img", "<title>pwned</title>");
    assertThat(HtmlReportTest.count(dom, "<script")).isZero();
    assertThat(dom).contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;");
  }

  /** The DOM Chromium built from {@code html}, serialised. */
  private String open(String html) throws IOException, InterruptedException {
    Path page = dir.resolve("report.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"),
                "--dump-dom",
                page.toUri().toString()));
    Path out = dir.resolve("dom.html");
    Process chromium =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("chromium.log").toFile())
            .start();
    // A liveness bound: a cold Chromium on a busy machine may take many seconds, never minutes.
    if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
      chromium.destroyForcibly();
      throw new AssertionError("chromium did not finish in 2 min");
    }
    assertThat(chromium.exitValue())
        .as("chromium exit; log: %s", Files.readString(dir.resolve("chromium.log")))
        .isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
