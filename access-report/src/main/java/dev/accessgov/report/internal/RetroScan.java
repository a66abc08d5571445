package dev.accessgov.report.internal;

import static dev.accessgov.evidence.EvidenceKeys.EVENT_COUNT;
import static dev.accessgov.evidence.EvidenceKeys.LAST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.USAGE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_FLAG;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_PHASE;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.report.GroupLag;
import dev.accessgov.report.LagStats;
import dev.accessgov.report.Period;
import dev.accessgov.report.ResourceUse;
import dev.accessgov.report.Retrospective;
import dev.accessgov.report.UsageFinding;
import dev.accessgov.report.UsageShares;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Computes a {@link Retrospective} from the records in a store. Not API. */
public final class RetroScan {
  /** The flag of a grant with no event in its window. */
  public static final String NEVER_USED = "NEVER_USED";

  /** The flag of a grant with events after its end. */
  public static final String AFTER_END = "ACTIVITY_AFTER_END";

  private static final String NO_DEPARTMENT = "(no department)";

  private RetroScan() {}

  /** The look back; arguments already checked. */
  public static Retrospective scan(
      AccessService access, Period period, @Nullable PeopleDirectory people, int threshold) {
    Map<String, Tally> roles = new TreeMap<>();
    Map<String, Tally> applications = new TreeMap<>();
    Map<String, List<Duration>> byTeam = new TreeMap<>();
    Map<String, List<Duration>> byApprover = new TreeMap<>();
    Map<String, List<Duration>> byManager = new TreeMap<>();
    Map<String, List<Duration>> byDivision = new TreeMap<>();
    ApproverLines lines = people == null ? null : new ApproverLines(people);
    int grants = 0;
    int used = 0;
    int neverUsed = 0;
    int approved = 0;
    int automated = 0;
    int extensions = 0;
    List<UsageFinding> never = new ArrayList<>();
    List<UsageFinding> after = new ArrayList<>();
    for (AccessRecord r : access.findAll(RecordQuery.all()).toList()) {
      // One rule for every figure and list: the record counts in the period it was requested in.
      if (!period.contains(r.requestedAt())) {
        continue;
      }
      EvidenceEvent last = Lags.finalApproval(r).orElse(null);
      if (last != null) {
        Duration lag = Lags.between(r.requestedAt(), last.time());
        String approver = Actors.name(last.actor());
        byApprover.computeIfAbsent(approver, k -> new ArrayList<>()).add(lag);
        if (people != null && lines != null) {
          byTeam.computeIfAbsent(team(people, r), k -> new ArrayList<>()).add(lag);
          ApproverLines.Line line = lines.of(last.actor());
          byManager.computeIfAbsent(line.manager(), k -> new ArrayList<>()).add(lag);
          byDivision.computeIfAbsent(line.division(), k -> new ArrayList<>()).add(lag);
        }
      }
      if (r.duration() == null) {
        continue; // open-ended access is not just-in-time
      }
      Duration granted = granted(r);
      roles.computeIfAbsent(r.roleId().value(), k -> new Tally()).add(granted);
      applications.computeIfAbsent(application(r.roleId().value()), k -> new Tally()).add(granted);
      if (last != null) {
        approved++;
        automated += Lags.automated(r) ? 1 : 0;
      }
      if (granted != null) {
        grants++;
        extensions += r.events(EvidenceType.EXTENDED).size();
        Boolean wasUsed = used(r);
        if (wasUsed != null) {
          used += wasUsed ? 1 : 0;
          neverUsed += wasUsed ? 0 : 1;
        }
        if (Boolean.FALSE.equals(wasUsed)) {
          flagged(r, NEVER_USED).stream().reduce((a, b) -> b).ifPresent(never::add);
        }
        after.addAll(flagged(r, AFTER_END));
      }
    }
    Comparator<UsageFinding> oldest = Comparator.comparing(UsageFinding::observedAt);
    never.sort(oldest);
    after.sort(oldest);
    return new Retrospective(
        period,
        threshold,
        uses(roles, threshold),
        uses(applications, threshold),
        people == null ? "none" : "department",
        lags(byTeam),
        lags(byApprover),
        lags(byManager),
        lags(byDivision),
        new UsageShares(
            grants, used, neverUsed, grants - used - neverUsed, approved, automated, extensions),
        never,
        after,
        List.of());
  }

  /**
   * The time a record's access was active, from activation to the earlier of its end and its due
   * end, or null when it never became active.
   */
  private static @Nullable Duration granted(AccessRecord r) {
    Instant from = r.activatedAt();
    if (from == null) {
      return null;
    }
    // A late sweep does not lengthen the grant: expired access counts to its due end.
    Instant to = r.endedAt();
    Instant due = r.expiresAt();
    if (to == null || (due != null && due.isBefore(to))) {
      to = due;
    }
    if (to == null) {
      Duration d = r.duration();
      return d == null ? Duration.ZERO : d;
    }
    return Lags.between(from, to);
  }

  /**
   * Whether the grant's window saw events: true when any provider saw one, false when flagged never
   * used and no provider saw one, null when there is no such evidence.
   */
  private static @Nullable Boolean used(AccessRecord r) {
    Boolean answer = null;
    for (EvidenceEvent e : r.events(EvidenceType.USAGE_OBSERVED)) {
      if (!"WINDOW".equals(e.detailText(USAGE_PHASE))) {
        continue;
      }
      if ("OBSERVED".equals(e.detailText(USAGE)) && count(e) > 0) {
        return true;
      }
      if (NEVER_USED.equals(e.detailText(USAGE_FLAG))) {
        answer = false;
      }
    }
    return answer;
  }

  /** The record's usage evidence flagged {@code flag}, oldest first, whenever it was recorded. */
  private static List<UsageFinding> flagged(AccessRecord r, String flag) {
    List<UsageFinding> found = new ArrayList<>();
    for (EvidenceEvent e : r.events(EvidenceType.USAGE_OBSERVED)) {
      if (!flag.equals(e.detailText(USAGE_FLAG))) {
        continue;
      }
      String last = e.detailText(LAST_EVENT_AT);
      found.add(
          new UsageFinding(
              r.id().value(),
              r.subject().value(),
              r.roleId().value(),
              flag,
              e.time(),
              count(e),
              last == null ? null : Instant.parse(last)));
    }
    return found;
  }

  private static long count(EvidenceEvent e) {
    Object count = e.detail(EVENT_COUNT);
    if (count instanceof Number n) {
      return n.longValue();
    }
    return count == null ? 0 : Long.parseLong(count.toString());
  }

  /** The part of a role id before the first {@code /}, as the access report names it. */
  private static String application(String role) {
    int slash = role.indexOf('/');
    return slash < 0 ? role : role.substring(0, slash);
  }

  /**
   * The subject's department; without one, the team of their manager ({@code reports to carol}),
   * since a manager's direct reports are the nearest thing to a team the directory knows.
   */
  private static String team(PeopleDirectory people, AccessRecord r) {
    Person person = people.find(r.subject()).orElse(null);
    if (person == null) {
      return NO_DEPARTMENT;
    }
    String department = person.department();
    if (department != null && !department.isBlank()) {
      return department;
    }
    return person.manager() == null ? NO_DEPARTMENT : "reports to " + person.manager().value();
  }

  private static List<ResourceUse> uses(Map<String, Tally> tallies, int threshold) {
    List<ResourceUse> uses = new ArrayList<>();
    tallies.forEach(
        (resource, t) ->
            uses.add(
                new ResourceUse(
                    resource,
                    t.requests,
                    t.grants,
                    t.granted,
                    t.requests >= threshold ? ResourceUse.FREQUENT : null)));
    // Most granted time first, so the heaviest users of just-in-time access lead the table.
    uses.sort(
        Comparator.comparing(ResourceUse::granted)
            .reversed()
            .thenComparing(Comparator.comparingInt(ResourceUse::requests).reversed())
            .thenComparing(ResourceUse::resource));
    return uses;
  }

  private static List<GroupLag> lags(Map<String, List<Duration>> lags) {
    List<GroupLag> groups = new ArrayList<>();
    lags.forEach((group, values) -> groups.add(new GroupLag(group, LagStats.of(values))));
    return groups;
  }

  /** Requests, grants and active time of one resource. */
  private static final class Tally {
    int requests;
    int grants;
    Duration granted = Duration.ZERO;

    void add(@Nullable Duration time) {
      requests++;
      if (time != null) {
        grants++;
        granted = granted.plus(time);
      }
    }
  }
}
