package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.policy.VerifiedDomains;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.report.internal.LastLogins;
import dev.accessgov.report.internal.ReportCsv;
import dev.accessgov.report.internal.ReportJson;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.PeopleDirectory;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Who holds which access, and why: one {@link AccessRow} per active grant, for an auditor. Rows are
 * ordered by application, role, person and record id, so two reports of the same state are
 * identical.
 *
 * <p>Access no request explains is listed apart, in {@link #unexplained()}: memberships that {@link
 * AccessService#reconcile()} found in an identity provider with no record behind them (it opens a
 * record for each, so the finding is evidence). Run reconcile before the report, or on a schedule,
 * so that the providers' current memberships are compared.
 *
 * @param at the moment the report describes
 * @param rows the grants requests explain, in report order
 * @param unexplained active access no request explains (found by reconcile), in report order; their
 *     {@code approvedBy} is empty and {@code since} is when the access was found
 * @param lastReconcile when the last completed reconcile run before {@code at} started (its {@code
 *     RECONCILED} event), or null when none ran: then an empty {@code unexplained} means that
 *     nobody looked, not that nothing is there
 */
public record AccessReport(
    Instant at,
    List<AccessRow> rows,
    List<AccessRow> unexplained,
    @org.jspecify.annotations.Nullable Instant lastReconcile) {

  private static final Comparator<AccessRow> ORDER =
      Comparator.comparing(AccessRow::application)
          .thenComparing(AccessRow::role)
          .thenComparing(AccessRow::person)
          .thenComparing(AccessRow::recordId);

  /** Checks the fields, copies the lists and puts the rows in report order. */
  public AccessReport {
    requireNonNull(at, "at");
    rows = requireNonNull(rows, "rows").stream().sorted(ORDER).toList();
    unexplained = requireNonNull(unexplained, "unexplained").stream().sorted(ORDER).toList();
  }

  /** A report with nothing unexplained, made without reconcile having run. */
  public AccessReport(Instant at, List<AccessRow> rows) {
    this(at, rows, List.of(), null);
  }

  /**
   * When the last reconcile run that completed by {@code at} ran, from its {@code RECONCILED}
   * event, read from the end of the log backwards; null when none did.
   */
  private static @org.jspecify.annotations.Nullable Instant lastReconcile(
      AccessService access, Instant at) {
    int page = 1024;
    for (long to = access.evidence().size(); to >= 1; to -= page) {
      long from = Math.max(1, to - page + 1);
      List<dev.accessgov.evidence.EvidenceEvent> events =
          access.evidence().read(from, (int) (to - from + 1));
      for (int i = events.size() - 1; i >= 0; i--) {
        dev.accessgov.evidence.EvidenceEvent e = events.get(i);
        if (e.type() == dev.accessgov.evidence.EvidenceType.RECONCILED && !e.time().isAfter(at)) {
          return e.time();
        }
      }
    }
    return null;
  }

  /**
   * The grants of every role in {@code catalog} that are {@code ACTIVE} in {@code access} and were
   * activated no later than {@code at}, however many. The records are read as they are now: a
   * report for a past {@code at} leaves out grants activated since, but cannot bring back grants
   * that ended since. Records of roles no longer in the catalog are not listed.
   */
  public static AccessReport of(AccessService access, Catalog catalog, Instant at) {
    requireNonNull(access, "access");
    requireNonNull(catalog, "catalog");
    Rows rows = new Rows(requireNonNull(at, "at"), lastReconcile(access, at));
    for (Role role : catalog.roles()) {
      Application application = catalog.applicationOf(role);
      active(access, RecordQuery.all().role(role.id().value()))
          .forEach(r -> rows.add(r, AccessRow.of(r, application, role)));
    }
    return rows.report();
  }

  /**
   * Like {@link #of(AccessService, Catalog, Instant)}, without a catalog: every active grant in
   * {@code access}'s store, each row built from its record alone (see {@link
   * AccessRow#of(AccessRecord)}: application from the role id, tier unknown, groups from the
   * provisioning evidence). For tools that read a store without the application's code, such as a
   * command-line tool run by an auditor.
   */
  public static AccessReport of(AccessService access, Instant at) {
    requireNonNull(access, "access");
    Rows rows = new Rows(requireNonNull(at, "at"), lastReconcile(access, at));
    active(access, RecordQuery.all()).forEach(r -> rows.add(r, AccessRow.of(r)));
    return rows.report();
  }

  private static Stream<AccessRecord> active(AccessService access, RecordQuery query) {
    return access.findAll(query.states(RecordState.ACTIVE));
  }

  /** Rows being collected: explained grants and unexplained access apart. */
  private static final class Rows {
    private final Instant at;
    private final @org.jspecify.annotations.Nullable Instant lastReconcile;
    private final List<AccessRow> explained = new ArrayList<>();
    private final List<AccessRow> unexplained = new ArrayList<>();

    Rows(Instant at, @org.jspecify.annotations.Nullable Instant lastReconcile) {
      this.at = at;
      this.lastReconcile = lastReconcile;
    }

    void add(AccessRecord record, AccessRow row) {
      if (record.activatedAt() == null || !record.activatedAt().isAfter(at)) {
        (record.discovered() ? unexplained : explained).add(row);
      }
    }

    AccessReport report() {
      return new AccessReport(at, explained, unexplained, lastReconcile);
    }
  }

  /**
   * This report with each row's last sign-in filled in from {@code providers}, the identity
   * providers {@code access} was built with: for each row, the first of its groups whose provider
   * is given is asked about the user its record's evidence names there (the user id the provider
   * answered with when the membership was made or found). One {@code lastLogin} call per person and
   * provider; a provider that cannot say gives null, never an error.
   */
  public AccessReport withLastLogins(
      AccessService access, Collection<? extends IdentityProvider> providers) {
    requireNonNull(access, "access");
    Map<String, IdentityProvider> byId = new LinkedHashMap<>();
    requireNonNull(providers, "providers").forEach(p -> byId.put(p.id(), p));
    LastLogins logins =
        new LastLogins(byId, id -> access.record(dev.accessgov.record.RecordId.of(id)).timeline());
    return new AccessReport(
        at,
        rows.stream().map(logins::fill).toList(),
        unexplained.stream().map(logins::fill).toList(),
        lastReconcile);
  }

  /**
   * This report with each row {@linkplain AccessRow#unmanaged() marked} when its person lies
   * outside {@code domains}: the person is judged as {@link VerifiedDomains#unmanaged} says, the
   * row's person as the login and {@code people} (may be null) resolving it when it is not an
   * address. Pass {@link AccessService#verifiedDomains()} to mark what the service marks. With no
   * domains, no row is marked.
   */
  public AccessReport withUnmanaged(VerifiedDomains domains, @Nullable PeopleDirectory people) {
    requireNonNull(domains, "domains");
    java.util.function.UnaryOperator<AccessRow> mark =
        row ->
            row.withUnmanaged(
                domains
                    .unmanaged(
                        row.person(),
                        people == null || domains.isEmpty()
                            ? null
                            : people.resolve(row.person()).orElse(null))
                    .isPresent());
    return new AccessReport(
        at,
        rows.stream().map(mark).toList(),
        unexplained.stream().map(mark).toList(),
        lastReconcile);
  }

  /** The rows and unexplained access marked unmanaged, in report order. */
  public List<AccessRow> unmanaged() {
    return Stream.concat(rows.stream(), unexplained.stream())
        .filter(AccessRow::unmanaged)
        .sorted(ORDER)
        .toList();
  }

  /** The rows grouped by application id, applications in report order. */
  public Map<String, List<AccessRow>> byApplication() {
    return byApplication(rows);
  }

  /** The unexplained access grouped by application id, applications in report order. */
  public Map<String, List<AccessRow>> unexplainedByApplication() {
    return byApplication(unexplained);
  }

  private static Map<String, List<AccessRow>> byApplication(List<AccessRow> rows) {
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
   * {"provenance": null, "at": "2026-01-05T09:00:00Z",
   *  "applications": [
   *    {"application": "github", "name": "GitHub", "grants": [
   *      {"person": "bob", "role": "github/read", "tier": "STANDARD",
   *       "groups": ["okta:gh-read"], "since": "2026-01-05T09:00:00Z", "recordId": "...",
   *       "approvedBy": ["policy"], "expiresAt": null, "nextReviewAt": "2026-07-04T09:00:00Z",
   *       "lastLogin": "2026-01-04T17:12:00Z", "unmanaged": false}]}],
   *  "unexplained": [
   *    {"application": "github", "name": "GitHub", "grants": [ ...same fields, "approvedBy": []]}]}
   * }</pre>
   *
   * Times are ISO-8601 instants in UTC; absent times are {@code null}. A report made without a
   * catalog has {@code "tier": null} and the application's id as its {@code name}.
   */
  public String toJson() {
    return ReportJson.write(this, null);
  }

  /**
   * {@link #toJson()} with {@code provenance} in its first field, {@code provenance}: the fields of
   * {@link Provenance} under the same names. Without one that field is {@code null}.
   */
  public String toJson(Provenance provenance) {
    return ReportJson.write(this, requireNonNull(provenance, "provenance"));
  }

  /** Writes {@link #toJson()} to {@code out}, which is left open. */
  public void writeJson(OutputStream out) {
    ReportJson.write(this, null, requireNonNull(out, "out"));
  }

  /** Writes {@link #toJson(Provenance)} to {@code out}, which is left open. */
  public void writeJson(OutputStream out, Provenance provenance) {
    ReportJson.write(this, requireNonNull(provenance, "provenance"), requireNonNull(out, "out"));
  }

  /**
   * The report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
   * comma, quote or line break), one row per grant after a header row with these columns: {@code
   * application, application_name, role, tier, person, groups, since, record_id, approved_by,
   * expires_at, next_review_at, last_login, explained, unmanaged}. Rows requests explain come first
   * ({@code explained} is {@code yes}), then the {@link #unexplained()} access ({@code no}); {@code
   * unmanaged} is {@code yes} for a row {@linkplain #withUnmanaged marked} unmanaged, else {@code
   * no}. Lists are joined with {@code "; "}; absent times, and the tier in a report made without a
   * catalog, are empty.
   *
   * <p>A cell beginning with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
   * is prefixed with a single quote, so that a spreadsheet opening the file shows the text instead
   * of evaluating it as a formula.
   */
  public String toCsv() {
    return ReportCsv.write(this);
  }
}
