package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.report.internal.Lags;
import dev.accessgov.report.internal.MetricsJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How access is run, per application: approval, provisioning and removal lags (median and 95th
 * percentile), the share of grants approved by policy alone, and the records whose audit
 * walkthrough has gaps.
 *
 * @param from records requested before this moment are left out; null when the metrics cover every
 *     record up to {@code at}
 * @param at records requested after this moment (or at it, when {@code from} is set) are left out
 * @param applications one entry per catalog application (without a catalog: per application with
 *     records), ordered by id
 */
public record OperationalMetrics(
    @Nullable Instant from, Instant at, List<ApplicationMetrics> applications) {

  /** Checks the fields and copies the lists. */
  public OperationalMetrics {
    requireNonNull(at, "at");
    if (from != null && !at.isAfter(from)) {
      throw new IllegalArgumentException("from " + from + " must be before at " + at);
    }
    applications = List.copyOf(requireNonNull(applications, "applications"));
  }

  /**
   * The metrics of every record, in any state, of every role in {@code catalog}, requested no later
   * than {@code at}, however many.
   */
  public static OperationalMetrics of(AccessService access, Catalog catalog, Instant at) {
    requireNonNull(access, "access");
    requireNonNull(at, "at");
    return byCatalog(access, requireNonNull(catalog, "catalog"), null, at);
  }

  /**
   * The metrics of the records of every role in {@code catalog} requested within {@code period}
   * (from inclusive, to exclusive): how one quarter's requests were handled, whatever came before.
   */
  public static OperationalMetrics of(AccessService access, Catalog catalog, Period period) {
    requireNonNull(access, "access");
    requireNonNull(period, "period");
    return byCatalog(access, requireNonNull(catalog, "catalog"), period.from(), period.to());
  }

  /**
   * Like {@link #of(AccessService, Catalog, Instant)}, without a catalog: one entry per application
   * that has records in {@code access}'s store, the application being the part of each role id
   * before the first {@code /} (as in {@link AccessRow#of(AccessRecord)}).
   */
  public static OperationalMetrics of(AccessService access, Instant at) {
    requireNonNull(access, "access");
    requireNonNull(at, "at");
    return fromStore(access, null, at);
  }

  /** Like {@link #of(AccessService, Catalog, Period)}, without a catalog. */
  public static OperationalMetrics of(AccessService access, Period period) {
    requireNonNull(access, "access");
    requireNonNull(period, "period");
    return fromStore(access, period.from(), period.to());
  }

  private static OperationalMetrics byCatalog(
      AccessService access, Catalog catalog, @Nullable Instant from, Instant at) {
    Predicate<AccessRecord> requested = requested(from, at);
    // The catalog keeps applications in the order they were added; sorting keeps output stable.
    Map<String, List<AccessRecord>> records = new TreeMap<>();
    for (Application application : catalog.applications()) {
      List<AccessRecord> ofApplication = new ArrayList<>();
      for (Role role : application.roles()) {
        access
            .findAll(RecordQuery.all().role(role.id().value()))
            .filter(requested)
            .forEach(ofApplication::add);
      }
      records.put(application.id(), ofApplication);
    }
    return measure(from, at, records);
  }

  private static OperationalMetrics fromStore(
      AccessService access, @Nullable Instant from, Instant at) {
    Predicate<AccessRecord> requested = requested(from, at);
    Map<String, List<AccessRecord>> records = new TreeMap<>();
    // Every application with records has an entry, even when none was requested in the period.
    access
        .findAll(RecordQuery.all())
        .forEach(
            r -> {
              List<AccessRecord> ofApplication =
                  records.computeIfAbsent(
                      AccessRow.applicationOf(r.roleId().value()), a -> new ArrayList<>());
              if (requested.test(r)) {
                ofApplication.add(r);
              }
            });
    return measure(from, at, records);
  }

  /**
   * Requested from {@code from} (inclusive; null for no start) to {@code at} (inclusive without a
   * start, exclusive with one, as a {@link Period} is).
   */
  private static Predicate<AccessRecord> requested(@Nullable Instant from, Instant at) {
    if (from == null) {
      return r -> !r.requestedAt().isAfter(at);
    }
    Period period = Period.of(from, at);
    return r -> period.contains(r.requestedAt());
  }

  private static OperationalMetrics measure(
      @Nullable Instant from, Instant at, Map<String, List<AccessRecord>> byApplication) {
    List<ApplicationMetrics> applications = new ArrayList<>();
    byApplication.forEach(
        (application, records) -> applications.add(measure(application, records)));
    return new OperationalMetrics(from, at, applications);
  }

  private static ApplicationMetrics measure(String application, List<AccessRecord> records) {
    int approved = 0;
    int automated = 0;
    List<String> gaps = new ArrayList<>();
    for (AccessRecord r : records) {
      if (Lags.finalApproval(r).isPresent()) {
        approved++;
        automated += Lags.automated(r) ? 1 : 0;
      }
      if (!r.walkthrough().isComplete()) {
        gaps.add(r.id().value());
      }
    }
    return new ApplicationMetrics(
        application,
        records.size(),
        stats(records, Lags::approval),
        stats(records, Lags::provisioning),
        stats(records, Lags::removal),
        approved,
        automated,
        gaps);
  }

  private static LagStats stats(
      List<AccessRecord> records, Function<AccessRecord, Optional<Duration>> lag) {
    return LagStats.of(records.stream().map(lag).flatMap(Optional::stream).toList());
  }

  /** The application's metrics, if the catalog has it (without a catalog: if it has records). */
  public Optional<ApplicationMetrics> application(String id) {
    return applications.stream().filter(a -> a.application().equals(id)).findFirst();
  }

  /**
   * The metrics as one JSON object with stable field names:
   *
   * <pre>{@code
   * {"provenance": null, "from": null, "at": "2026-01-05T19:00:00Z",
   *  "applications": [ ...,
   *    {"application": "github", "records": 4,
   *     "approvalLag": {"count": 3, "median": "PT30M", "p95": "PT2H"},
   *     "provisioningLag": {...}, "removalLag": {...},
   *     "approved": 3, "automated": 1, "shareAutomated": 0.333...,
   *     "evidenceGaps": ["record-id"]}]}
   * }</pre>
   *
   * Durations are ISO-8601 ({@code PT1H30M}); a lag with count 0 has null median and p95, and
   * {@code shareAutomated} is null when nothing was approved.
   */
  public String toJson() {
    return MetricsJson.write(this, null);
  }

  /**
   * {@link #toJson()} with {@code provenance} in its first field, {@code provenance}: the fields of
   * {@link Provenance} under the same names. Without one that field is {@code null}.
   */
  public String toJson(Provenance provenance) {
    return MetricsJson.write(this, requireNonNull(provenance, "provenance"));
  }
}
