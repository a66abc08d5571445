package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
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
 * @param truncatedRoles roles with {@link RecordQuery#MAX_LIMIT} or more records, of which only the
 *     first {@link RecordQuery#MAX_LIMIT} were measured; empty when the figures are complete
 */
public record OperationalMetrics(
    @Nullable Instant from,
    Instant at,
    List<ApplicationMetrics> applications,
    List<String> truncatedRoles) {

  /** Checks the fields and copies the lists. */
  public OperationalMetrics {
    requireNonNull(at, "at");
    if (from != null && !at.isAfter(from)) {
      throw new IllegalArgumentException("from " + from + " must be before at " + at);
    }
    applications = List.copyOf(requireNonNull(applications, "applications"));
    truncatedRoles = List.copyOf(requireNonNull(truncatedRoles, "truncatedRoles"));
  }

  /**
   * The metrics of every record, in any state, of every role in {@code catalog}, requested no later
   * than {@code at}. Reads at most {@link RecordQuery#MAX_LIMIT} records per role.
   */
  public static OperationalMetrics of(AccessService access, Catalog catalog, Instant at) {
    requireNonNull(access, "access");
    requireNonNull(at, "at");
    return collect(access, rolesOf(requireNonNull(catalog, "catalog")), null, at);
  }

  /**
   * The metrics of the records of every role in {@code catalog} requested within {@code period}
   * (from inclusive, to exclusive): how one quarter's requests were handled, whatever came before.
   */
  public static OperationalMetrics of(AccessService access, Catalog catalog, Period period) {
    requireNonNull(access, "access");
    requireNonNull(period, "period");
    return collect(access, rolesOf(requireNonNull(catalog, "catalog")), period.from(), period.to());
  }

  /**
   * Like {@link #of(AccessService, Catalog, Instant)}, without a catalog: one entry per application
   * that has records in {@code access}'s store, the application being the part of each role id
   * before the first {@code /} (as in {@link AccessRow#of(AccessRecord)}). Roles are learnt as
   * {@link AccessReport#of(AccessService, Instant)} learns them; reads at most {@link
   * RecordQuery#MAX_LIMIT} records per role, naming roles with more in {@link #truncatedRoles()}.
   */
  public static OperationalMetrics of(AccessService access, Instant at) {
    requireNonNull(access, "access");
    requireNonNull(at, "at");
    return collect(access, storedRolesOf(access), null, at);
  }

  /** Like {@link #of(AccessService, Catalog, Period)}, without a catalog. */
  public static OperationalMetrics of(AccessService access, Period period) {
    requireNonNull(access, "access");
    requireNonNull(period, "period");
    return collect(access, storedRolesOf(access), period.from(), period.to());
  }

  /** Each catalog application's id to its role ids, sorted by application for stable output. */
  private static Map<String, List<String>> rolesOf(Catalog catalog) {
    Map<String, List<String>> roles = new TreeMap<>();
    for (Application application : catalog.applications()) {
      roles.put(application.id(), application.roles().stream().map(r -> r.id().value()).toList());
    }
    return roles;
  }

  /** Each application with records in the store to its role ids, sorted by application. */
  private static Map<String, List<String>> storedRolesOf(AccessService access) {
    Map<String, List<String>> roles = new TreeMap<>();
    for (String role : AccessReport.storedRoles(access)) {
      roles.computeIfAbsent(AccessRow.applicationOf(role), a -> new ArrayList<>()).add(role);
    }
    return roles;
  }

  /**
   * The metrics of each application in {@code roles}, an application id to its role ids, over the
   * records requested from {@code from} (inclusive; null for no start) to {@code at} (inclusive
   * without a start, exclusive with one, as a {@link Period} is).
   */
  private static OperationalMetrics collect(
      AccessService access, Map<String, List<String>> roles, @Nullable Instant from, Instant at) {
    Predicate<AccessRecord> requested =
        from == null
            ? r -> !r.requestedAt().isAfter(at)
            : r -> Period.of(from, at).contains(r.requestedAt());
    List<ApplicationMetrics> applications = new ArrayList<>();
    List<String> truncated = new ArrayList<>();
    for (Map.Entry<String, List<String>> application : roles.entrySet()) {
      List<AccessRecord> records = new ArrayList<>();
      for (String role : application.getValue()) {
        List<AccessRecord> found =
            access.find(RecordQuery.all().role(role).limit(RecordQuery.MAX_LIMIT));
        if (found.size() >= RecordQuery.MAX_LIMIT) {
          truncated.add(role);
        }
        found.stream().filter(requested).forEach(records::add);
      }
      applications.add(measure(application.getKey(), records));
    }
    return new OperationalMetrics(from, at, applications, truncated);
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
   * {"from": null, "at": "2026-01-05T19:00:00Z", "truncatedRoles": [],
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
    return MetricsJson.write(this);
  }
}
