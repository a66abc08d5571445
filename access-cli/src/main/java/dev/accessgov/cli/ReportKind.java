package dev.accessgov.cli;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.report.AccessReport;
import dev.accessgov.report.ControlReport;
import dev.accessgov.report.HtmlReport;
import dev.accessgov.report.OperationalMetrics;
import dev.accessgov.report.Period;
import dev.accessgov.report.Provenance;
import dev.accessgov.report.Retrospective;
import dev.accessgov.report.control.ControlMapping;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A kind of report {@code access-cli report} makes: how it is made from a store for a moment (or a
 * period), and how it is written in each format it has. To add a kind, add one line to {@link
 * #ALL}.
 *
 * @param name what is typed after {@code report}
 * @param description one line for the help
 * @param span whether the report describes a moment ({@code --at}), covers a period ({@code --from}
 *     to {@code --at}), or either
 * @param formats the formats it is written in
 * @param maker makes the report for the given times, and returns its text in each format, stating
 *     the request's provenance where the format has room for it (JSON and HTML, not CSV)
 */
record ReportKind(
    String name,
    String description,
    Span span,
    Set<ReportFormat> formats,
    BiFunction<AccessService, Request, Function<ReportFormat, String>> maker) {

  /** Every kind, in the order the help lists them. */
  static final List<ReportKind> ALL =
      List.of(
          moment(
              "access",
              "who holds which access, and why",
              // Marks nothing unless --verified-domain gave the service domains.
              (access, at) ->
                  AccessReport.of(access, at).withUnmanaged(access.verifiedDomains(), null),
              Map.of(
                  ReportFormat.JSON,
                  AccessReport::toJson,
                  ReportFormat.CSV,
                  (r, p) -> r.toCsv(),
                  ReportFormat.HTML,
                  (r, p) ->
                      HtmlReport.builder("Access as of " + r.at())
                          .access(r)
                          .provenance(p)
                          .build()
                          .render())),
          of(
              "control",
              "a period's grants, removals, reviews, reclaims and drift by control (--framework)",
              Span.PERIOD,
              (access, request) ->
                  ControlReport.of(
                      access,
                      Period.of(requireNonNull(request.from(), "from"), request.at()),
                      request.framework()),
              Map.of(
                  ReportFormat.JSON,
                  ControlReport::toJson,
                  ReportFormat.HTML,
                  (r, p) ->
                      HtmlReport.builder("Controls, " + r.period())
                          .control(r)
                          .provenance(p)
                          .build()
                          .render())),
          momentOrPeriod(
              "metrics",
              "approval, provisioning and removal lags per application, of the requests up to"
                  + " --at or from --from",
              OperationalMetrics::of,
              (access, from, to) -> OperationalMetrics.of(access, Period.of(from, to)),
              Map.of(
                  ReportFormat.JSON,
                  OperationalMetrics::toJson,
                  ReportFormat.HTML,
                  (r, p) ->
                      HtmlReport.builder("Operational metrics as of " + r.at())
                          .metrics(r)
                          .provenance(p)
                          .build()
                          .render())),
          of(
              "retrospective",
              "a period's time-bound access: requests and granted hours by role, approval lag by"
                  + " approver, share used, never-used and after-end grants",
              Span.PERIOD,
              (access, request) ->
                  Retrospective.of(
                      access, Period.of(requireNonNull(request.from(), "from"), request.at())),
              Map.of(
                  ReportFormat.JSON,
                  Retrospective::toJson,
                  ReportFormat.CSV,
                  (r, p) -> r.toCsv(),
                  ReportFormat.HTML,
                  (r, p) ->
                      HtmlReport.builder("Just-in-time access, " + r.period())
                          .retrospective(r)
                          .provenance(p)
                          .build()
                          .render())));

  /** What times a kind of report is for. */
  enum Span {
    /** A moment: {@code --at} only. */
    MOMENT,
    /** A period: {@code --from} to {@code --at}. */
    PERIOD,
    /** A moment without {@code --from}, a period with it. */
    EITHER
  }

  /**
   * What a report is asked for.
   *
   * @param from the start of the period, inclusive, for a report that covers one; otherwise null
   * @param at the moment described, or the end of the period, exclusive
   * @param framework the controls a control report is arranged by
   * @param provenance the evidence behind the report, which it states
   */
  record Request(
      @Nullable Instant from, Instant at, ControlMapping framework, Provenance provenance) {
    /** Checks the moment, the framework and the provenance. */
    Request {
      requireNonNull(at, "at");
      requireNonNull(framework, "framework");
      requireNonNull(provenance, "provenance");
    }
  }

  /** Copies the set. */
  ReportKind {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(span, "span");
    formats = Set.copyOf(formats);
    requireNonNull(maker, "maker");
  }

  /** The kind called {@code name}, if there is one. */
  static Optional<ReportKind> named(String name) {
    return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
  }

  /** A report of a moment, made by {@code make}, written by {@code writers}. */
  static <R> ReportKind moment(
      String name,
      String description,
      BiFunction<AccessService, Instant, R> make,
      Map<ReportFormat, BiFunction<R, Provenance, String>> writers) {
    return of(name, description, Span.MOMENT, (access, t) -> make.apply(access, t.at()), writers);
  }

  /** A report of a moment, or of a period when {@code --from} is given. */
  static <R> ReportKind momentOrPeriod(
      String name,
      String description,
      BiFunction<AccessService, Instant, R> atMoment,
      PeriodReport<R> forPeriod,
      Map<ReportFormat, BiFunction<R, Provenance, String>> writers) {
    return of(
        name,
        description,
        Span.EITHER,
        (access, t) -> {
          Instant from = t.from();
          return from == null
              ? atMoment.apply(access, t.at())
              : forPeriod.make(access, from, t.at());
        },
        writers);
  }

  private static <R> ReportKind of(
      String name,
      String description,
      Span span,
      BiFunction<AccessService, Request, R> make,
      Map<ReportFormat, BiFunction<R, Provenance, String>> writers) {
    return new ReportKind(
        name,
        description,
        span,
        writers.keySet(),
        (access, times) -> {
          R report = make.apply(access, times);
          // The command line accepts only the formats of writers.keySet().
          return format ->
              requireNonNull(writers.get(format), "writer of an offered format")
                  .apply(report, times.provenance());
        });
  }

  /**
   * Makes a report of a period.
   *
   * @param <R> the report
   */
  @FunctionalInterface
  interface PeriodReport<R> {
    /** The report of {@code access} from {@code from}, inclusive, to {@code to}, exclusive. */
    R make(AccessService access, Instant from, Instant to);
  }

  /** The names of every kind, for picocli's help and completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ALL.stream().map(ReportKind::name).iterator();
    }
  }
}
