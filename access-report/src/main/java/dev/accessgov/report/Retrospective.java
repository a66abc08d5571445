package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.report.internal.RetroCsv;
import dev.accessgov.report.internal.RetroScan;
import dev.accessgov.report.internal.UnmanagedScan;
import dev.accessgov.spi.PeopleDirectory;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A look back at a period's time-bound (just-in-time) access: which roles and applications are
 * requested often and for how long, how fast approvals come by team and by approver, how much of
 * the access granted was used, and which grants were never used or used after they ended.
 *
 * <p><b>One counting rule</b> ({@link #COUNTING_RULE}): every table, share and list counts the
 * requests made in the period ({@link Period}: from inclusive, to exclusive), each with all of its
 * evidence, whenever that was recorded. A grant requested on the period's last day and ended after
 * it is in this period's report, never-used or not, as soon as its usage is recorded; a grant
 * requested before the period is in the earlier period's report, even when it ends or is flagged in
 * this one. So {@code neverUsed().size()} equals {@code shares().neverUsed()}, and a report made
 * again later only fills in what was not measured yet. Usage comes from the {@code USAGE_OBSERVED}
 * evidence the service records when a grant ends (on by default, see {@code
 * AccessServiceBuilder.usageEvidence}).
 *
 * <pre>{@code
 * Retrospective q3 = Retrospective.of(access, Period.of(julyFirst, octoberFirst), people, 10);
 * Files.writeString(Path.of("q3.json"), q3.toJson());
 * }</pre>
 *
 * @param period the period looked back at
 * @param hintThreshold how many time-bound requests make a role or application get {@link
 *     ResourceUse#FREQUENT}
 * @param roles one entry per role with time-bound requests in the period, most granted time first
 * @param applications the same per application (the part of the role id before the first {@code /})
 * @param teams what {@link #lagByTeam()} groups by: {@code department} (the subject's department in
 *     the people directory) or {@code none} when no people directory was given
 * @param lagByTeam approval lag of the period's requests (time-bound or not) by the subject's
 *     department; a subject with no department is under their manager ({@code reports to carol}),
 *     and one with neither (or not in the directory) under {@code (no department)}; empty when
 *     {@code teams} is {@code none}
 * @param lagByApprover approval lag of the period's requests by who gave the last approval ({@code
 *     policy} when the policy approved alone)
 * @param lagByApproverManager the same lag by the approver's team: the manager the approver reports
 *     to in the people directory (the team lead), so teams of approvers can be compared; {@code (no
 *     manager)} for an approver at the top, {@code (not in directory)} for one the directory does
 *     not know, {@code policy} as above; empty when {@code teams} is {@code none}
 * @param lagByApproverDivision the same lag by the approver's division: the person right under the
 *     top of the approver's manager chain (the top's direct report the approver works under, or the
 *     approver themselves when they report to the top or are the top); a chain that comes back to
 *     someone already in it is {@code (manager cycle)}, a manager missing from the directory is
 *     taken as the top; empty when {@code teams} is {@code none}
 * @param shares how the period's time-bound grants were used, approved and extended
 * @param neverUsed the period's time-bound grants that no provider saw used (one entry each, from
 *     their latest {@code NEVER_USED} evidence), oldest evidence first
 * @param activityAfterEnd the {@code ACTIVITY_AFTER_END} evidence of the period's time-bound grants
 *     (one entry per provider that saw it), oldest first
 * @param unmanaged accounts outside the organisation's verified domains found in the period (items
 *     of campaigns started in it, reconcile findings recorded in it), with their application, role
 *     and group and whether a reviewer decided them; in the order found. Empty when the service has
 *     no verified domains ({@code AccessServiceBuilder.verifiedDomains}), since nothing is marked
 */
public record Retrospective(
    Period period,
    int hintThreshold,
    List<ResourceUse> roles,
    List<ResourceUse> applications,
    String teams,
    List<GroupLag> lagByTeam,
    List<GroupLag> lagByApprover,
    List<GroupLag> lagByApproverManager,
    List<GroupLag> lagByApproverDivision,
    UsageShares shares,
    List<UsageFinding> neverUsed,
    List<UsageFinding> activityAfterEnd,
    List<UnmanagedAccount> unmanaged) {

  /**
   * The counting rule every figure follows, as the JSON ({@code countingRule}), the CSV and the
   * HTML page state it.
   */
  public static final String COUNTING_RULE =
      "Counted by request: every figure and list covers the requests made in the period (from"
          + " inclusive, to exclusive) with their usage evidence, whenever it was recorded; a grant"
          + " not yet ended or not yet asked about counts as not measured. Unmanaged accounts are"
          + " not requests: they are listed when found in the period (review items of campaigns"
          + " started in it, reconcile findings recorded in it).";

  /** The default {@link #hintThreshold()}: ten time-bound requests in the period. */
  public static final int DEFAULT_HINT_THRESHOLD = 10;

  /** Checks the fields and copies the lists. */
  public Retrospective {
    requireNonNull(period, "period");
    requireNonNull(teams, "teams");
    requireNonNull(shares, "shares");
    if (hintThreshold < 1) {
      throw new IllegalArgumentException("hintThreshold must be >= 1, was " + hintThreshold);
    }
    roles = List.copyOf(roles);
    applications = List.copyOf(applications);
    lagByTeam = List.copyOf(lagByTeam);
    lagByApprover = List.copyOf(lagByApprover);
    lagByApproverManager = List.copyOf(lagByApproverManager);
    lagByApproverDivision = List.copyOf(lagByApproverDivision);
    neverUsed = List.copyOf(neverUsed);
    activityAfterEnd = List.copyOf(activityAfterEnd);
    unmanaged = List.copyOf(unmanaged);
  }

  /** This look back with {@code accounts} as its {@link #unmanaged()} accounts. */
  public Retrospective withUnmanaged(List<UnmanagedAccount> accounts) {
    return new Retrospective(
        period,
        hintThreshold,
        roles,
        applications,
        teams,
        lagByTeam,
        lagByApprover,
        lagByApproverManager,
        lagByApproverDivision,
        shares,
        neverUsed,
        activityAfterEnd,
        accounts);
  }

  /**
   * The look back at {@code period} from every record in {@code access}'s store, without teams and
   * with the {@linkplain #DEFAULT_HINT_THRESHOLD default threshold}.
   */
  public static Retrospective of(AccessService access, Period period) {
    return of(access, period, null, DEFAULT_HINT_THRESHOLD);
  }

  /**
   * The look back at {@code period}, grouping approval lag by the subjects' departments and by the
   * approvers' managers and divisions in {@code people} (null: no teams) and hinting at roles and
   * applications with at least {@code hintThreshold} time-bound requests.
   *
   * @throws IllegalArgumentException when {@code hintThreshold} is below 1
   */
  public static Retrospective of(
      AccessService access, Period period, @Nullable PeopleDirectory people, int hintThreshold) {
    requireNonNull(access, "access");
    requireNonNull(period, "period");
    if (hintThreshold < 1) {
      throw new IllegalArgumentException("hintThreshold must be >= 1, was " + hintThreshold);
    }
    // The unmanaged accounts are their own part of the look back, scanned on their own.
    return RetroScan.scan(access, period, people, hintThreshold)
        .withUnmanaged(UnmanagedScan.scan(access, period));
  }

  /**
   * The look back as one JSON object: the fields of this record under their names, durations as
   * ISO-8601 ({@code PT12H}), plus {@code grantedHours} on each resource and {@code shareUsed},
   * {@code shareAutomated} and {@code extensionsPerGrant} (null when there is nothing to divide by)
   * on {@code shares}; {@code provenance} is null.
   */
  public String toJson() {
    return RetroCsv.json(this, null);
  }

  /** {@link #toJson()} with {@code provenance} in its first field. */
  public String toJson(Provenance provenance) {
    return RetroCsv.json(this, requireNonNull(provenance, "provenance"));
  }

  /**
   * The look back as RFC 4180 CSV in long form, one figure a row, so one sheet holds every table:
   * columns {@code table,name,measure,value}, e.g. {@code roles,github/admin,granted_hours,12.0},
   * {@code approver,olivia,p95,PT2H}, {@code shares,all,share_used,0.5}, {@code never_used,<record
   * id>,subject,bob}, {@code unmanaged,<item id or record id>,account,bob@gmail.com} (and {@code
   * source}, {@code found_at}, {@code application}, {@code role}, {@code group}, {@code record_id},
   * {@code decision}, {@code reviewer_decided}). Cells a spreadsheet would read as formulas are
   * quoted.
   */
  public String toCsv() {
    return RetroCsv.csv(this);
  }
}
