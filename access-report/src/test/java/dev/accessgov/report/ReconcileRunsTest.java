package dev.accessgov.report;

import static dev.accessgov.report.ReportWorld.FEBRUARY;
import static dev.accessgov.report.ReportWorld.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("control report: whether reconcile ran in the period")
class ReconcileRunsTest {
  private static final Period JAN_5 =
      Period.of(START.minus(Duration.ofHours(9)), START.plus(Duration.ofHours(15)));
  private static final Period FEB = Period.of(FEBRUARY, Instant.parse("2026-03-01T00:00:00Z"));

  private static String html(ControlReport report) {
    return HtmlReport.builder("Controls").control(report).generatedAt(FEBRUARY).build().render();
  }

  private static JsonNode json(ControlReport report) throws Exception {
    return new ObjectMapper().readTree(report.toJson());
  }

  @Nested
  @DisplayName("in a period without a reconcile run")
  class NotRun {
    private final ControlReport report =
        ControlReport.of(new ReportWorld().scripted().access, JAN_5);

    @Test
    @DisplayName("the page says reconcile did not run, never that no drift was found")
    void html() {
      assertThat(ReconcileRunsTest.html(report))
          .contains("Reconcile did not run in this period")
          .doesNotContainIgnoringCase("no drift found");
    }

    @Test
    @DisplayName("the JSON counts no run and has no last run")
    void json() throws Exception {
      JsonNode json = ReconcileRunsTest.json(report);
      assertThat(json.at("/summary/reconcileRuns").isInt()).isTrue();
      assertThat(json.at("/summary/reconcileRuns").asInt()).isZero();
      assertThat(json.at("/reconcileRuns").isArray()).isTrue();
      assertThat(json.at("/reconcileRuns").size()).isZero();
    }
  }

  @Nested
  @DisplayName("in a period whose reconcile runs found nothing")
  class RanCleanly {
    private final ReportWorld w = new ReportWorld().scripted();
    private final Instant firstRun;
    private final ControlReport report;

    RanCleanly() {
      firstRun = w.clock.instant();
      w.access.reconcile();
      w.clock.advance(Duration.ofHours(1));
      w.access.reconcile();
      report = ControlReport.of(w.access, JAN_5);
    }

    @Test
    @DisplayName("the report lists each run with its counts")
    void runs() {
      assertThat(report.reconcileRuns()).hasSize(2);
      assertThat(report.reconcileRuns().get(0).at()).isEqualTo(firstRun);
      assertThat(report.reconcileRuns().get(1).at()).isEqualTo(firstRun.plus(Duration.ofHours(1)));
      assertThat(report.reconcileRuns().get(0).findings()).isZero();
      assertThat(report.reconcileRuns().get(0).groupsChecked()).isPositive();
      assertThat(report.reconcileRuns().get(0).membersSeen()).isPositive();
      assertThat(report.summary().reconcileRuns()).isEqualTo(2);
    }

    @Test
    @DisplayName("the page says how often reconcile ran and that it found no drift")
    void html() {
      assertThat(ReconcileRunsTest.html(report))
          .contains("Reconcile ran 2 times in this period; no drift found.")
          .doesNotContain("did not run");
    }

    @Test
    @DisplayName("the JSON carries the same facts")
    void json() throws Exception {
      JsonNode json = ReconcileRunsTest.json(report);
      assertThat(json.at("/summary/reconcileRuns").asInt()).isEqualTo(2);
      assertThat(json.at("/summary/driftFindings").asInt()).isZero();
      assertThat(json.at("/reconcileRuns/0/at").asText()).isEqualTo(firstRun.toString());
      assertThat(json.at("/reconcileRuns/0/findings").asLong()).isZero();
      assertThat(json.at("/reconcileRuns/0/runId").asText()).startsWith("rc-");
    }

    @Test
    @DisplayName("runs outside the period are not counted")
    void outside() {
      Period before = Period.of(START.minus(Duration.ofDays(2)), START);
      assertThat(ControlReport.of(w.access, before).reconcileRuns()).isEmpty();
    }
  }

  @Nested
  @DisplayName("in a period whose reconcile run found drift")
  class FoundDrift {
    private final ControlReport report =
        ControlReport.of(new ReportWorld().scripted().governed().access, FEB);

    @Test
    @DisplayName("the page says reconcile ran once and lists what it found")
    void html() {
      assertThat(ReconcileRunsTest.html(report))
          .contains("Reconcile ran 1 time in this period; 1 drift finding:")
          .contains("UNEXPLAINED");
      assertThat(report.reconcileRuns())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.findings()).isEqualTo(1);
                assertThat(r.changes()).isEqualTo(1);
              });
    }
  }

  @Test
  @DisplayName("drift recorded without a completed run is shown, and the missing run said")
  void driftWithoutRun() {
    ControlReport report = HtmlReportTest.hostileControl();
    assertThat(report.reconcileRuns()).isEmpty();
    assertThat(html(report))
        .contains(
            "No completed reconcile run is recorded in this period</strong>; 1 drift finding recorded:")
        .doesNotContain("Reconcile ran", "no drift found");
  }

  @Nested
  @DisplayName("the access report's unexplained access")
  class AccessReportUnexplained {
    private static String html(AccessReport report) {
      return HtmlReport.builder("Access").access(report).generatedAt(FEBRUARY).build().render();
    }

    @Test
    @DisplayName("without a reconcile run: not known, never 'none'")
    void notRun() throws Exception {
      AccessReport report = AccessReport.of(new ReportWorld().scripted().access, FEBRUARY);

      assertThat(report.lastReconcile()).isNull();
      assertThat(html(report))
          .contains("Not known: reconcile has not run")
          .doesNotContain("None: ");
      assertThat(new ObjectMapper().readTree(report.toJson()).get("lastReconcile").isNull())
          .isTrue();
    }

    @Test
    @DisplayName("after a clean reconcile run: none, as of that run")
    void ran() throws Exception {
      ReportWorld w = new ReportWorld().scripted();
      Instant ran = w.clock.instant();
      w.access.reconcile();
      w.clock.advance(Duration.ofHours(1));

      AccessReport report = AccessReport.of(w.access, w.clock.instant());
      AccessReport before = AccessReport.of(w.access, ran.minusMillis(1));

      assertThat(report.lastReconcile()).isEqualTo(ran);
      assertThat(html(report)).contains("None: the last reconcile, at ");
      assertThat(new ObjectMapper().readTree(report.toJson()).get("lastReconcile").asText())
          .isEqualTo(ran.toString());
      assertThat(before.lastReconcile()).as("a run after the report's moment").isNull();
    }
  }
}
