package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.AFTER_END_CHECK_AT;
import static dev.accessgov.evidence.EvidenceKeys.ERROR;
import static dev.accessgov.evidence.EvidenceKeys.EVENT_COUNT;
import static dev.accessgov.evidence.EvidenceKeys.FIRST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.IDP_USER;
import static dev.accessgov.evidence.EvidenceKeys.LAST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.PROVIDER;
import static dev.accessgov.evidence.EvidenceKeys.REASON;
import static dev.accessgov.evidence.EvidenceKeys.REQUEST_ID;
import static dev.accessgov.evidence.EvidenceKeys.RETRYABLE;
import static dev.accessgov.evidence.EvidenceKeys.STATUS;
import static dev.accessgov.evidence.EvidenceKeys.TRUNCATED;
import static dev.accessgov.evidence.EvidenceKeys.USAGE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_FLAG;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_PHASE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_QUERY;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_SOURCE;
import static dev.accessgov.evidence.EvidenceKeys.WINDOW_END;
import static dev.accessgov.evidence.EvidenceKeys.WINDOW_START;

import dev.accessgov.ProviderException;
import dev.accessgov.UsageEvidence;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityQuery;
import dev.accessgov.spi.IdentityProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records {@code USAGE_OBSERVED} evidence for time-bound grants that ended: what each provider's
 * activity log shows from activation to the end ({@code WINDOW}) and, a while later, just past the
 * end ({@code AFTER_END}). The record's timeline is the durable truth of what was asked: a question
 * is due while no event answers it (observed, or not available), retryable failures are asked again
 * after {@link UsageEvidence#retryAfter()} up to {@link UsageEvidence#maxAttempts()}, and {@link
 * UsageSchedule} finds the records with questions due. Never throws: usage is evidence about a
 * removal, not part of it. Not API.
 */
final class UsageWatch {
  private static final Logger log = LoggerFactory.getLogger(UsageWatch.class);
  static final String ACTOR = "system:usage";
  static final String NOT_AVAILABLE = "not available from this provider";

  /** The two windows asked about. */
  enum Phase {
    WINDOW,
    AFTER_END
  }

  private final Catalog catalog;
  private final Map<String, IdentityProvider> providers;
  private final Records records;
  private final Clock clock;
  private final UsageEvidence settings;

  UsageWatch(
      Catalog catalog,
      Map<String, IdentityProvider> providers,
      Records records,
      Clock clock,
      UsageEvidence settings) {
    this.catalog = catalog;
    this.providers = providers;
    this.records = records;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Asks every question about {@code r} that is due now and records the answers; returns the record
   * as it stands afterwards ({@code r} itself when nothing was due or recording failed).
   */
  AccessRecord observe(AccessRecord r) {
    AccessRecord current = r;
    for (Phase phase : Phase.values()) {
      try {
        current = observe(current, phase);
      } catch (RuntimeException e) {
        log.warn(
            "could not record usage of record {} ({}); the expiry sweep asks again: {}",
            r.id(),
            phase,
            e.toString());
      }
    }
    return current;
  }

  /** How long after a failed question it is asked again. */
  java.time.Duration retryAfter() {
    return settings.retryAfter();
  }

  /** When the next question about {@code r} falls due, or empty when none is left. */
  Optional<Instant> nextDue(AccessRecord r) {
    Instant next = null;
    for (Phase phase : Phase.values()) {
      for (Instant at : dueTimes(r, phase).values()) {
        next = next == null || at.isBefore(next) ? at : next;
      }
    }
    return Optional.ofNullable(next);
  }

  private AccessRecord observe(AccessRecord r, Phase phase) {
    Instant now = clock.instant();
    Map<String, String> asked = dueNow(r, phase, now);
    if (asked.isEmpty()) {
      return r;
    }
    List<EvidenceDraft> drafts = new ArrayList<>();
    asked.forEach((providerId, userId) -> drafts.add(ask(r, phase, providerId, userId)));
    AccessRecord after =
        records.mutate(
            r.id(),
            fresh ->
                dueNow(fresh, phase, now).keySet().equals(asked.keySet())
                    ? new Records.Change(fresh, drafts)
                    : null);
    return after != null ? after : records.load(r.id());
  }

  /** Whether usage evidence applies: a grant with an end, activated, ended by a removal. */
  static boolean applies(AccessRecord r) {
    return (r.state() == RecordState.EXPIRED || r.state() == RecordState.REVOKED)
        && r.activatedAt() != null
        && r.endedAt() != null
        && r.expiresAt() != null
        && !r.discovered();
  }

  /** The providers (with the subject's user id in each) whose {@code phase} question is due. */
  private Map<String, String> dueNow(AccessRecord r, Phase phase, Instant now) {
    Map<String, String> due = new LinkedHashMap<>();
    Map<String, Instant> times = dueTimes(r, phase);
    users(r)
        .forEach(
            (provider, user) -> {
              Instant at = times.get(provider);
              if (at != null && !now.isBefore(at)) {
                due.put(provider, user);
              }
            });
    return due;
  }

  /** For each provider whose {@code phase} question is still open, when it is due. */
  private Map<String, Instant> dueTimes(AccessRecord r, Phase phase) {
    Map<String, Instant> times = new LinkedHashMap<>();
    if (!applies(r) || (phase == Phase.AFTER_END && settings.lookPast().isZero())) {
      return times;
    }
    Instant end = end(r);
    Instant base = phase == Phase.WINDOW ? end : end.plus(settings.lookPast());
    for (String provider : users(r).keySet()) {
      int failures = 0;
      EvidenceEvent lastFailure = null;
      boolean answered = false;
      for (EvidenceEvent e : r.events(EvidenceType.USAGE_OBSERVED)) {
        if (!provider.equals(e.detailText(PROVIDER))) {
          continue;
        }
        if (Usage.NOT_AVAILABLE.name().equals(e.detailText(USAGE))) {
          // A provider without an activity log has nothing to say past the end either.
          answered = true;
          continue;
        }
        if (!phase.name().equals(e.detailText(USAGE_PHASE))) {
          continue;
        }
        if (Usage.UNAVAILABLE.name().equals(e.detailText(USAGE))) {
          failures++;
          lastFailure = e;
        } else {
          answered = true;
        }
      }
      boolean givenUp =
          lastFailure != null
              && (failures >= settings.maxAttempts()
                  || !Boolean.TRUE.equals(lastFailure.detail(RETRYABLE)));
      if (!answered && !givenUp) {
        Instant retry = lastFailure == null ? base : lastFailure.time().plus(settings.retryAfter());
        times.put(provider, retry.isAfter(base) ? retry : base);
      }
    }
    return times;
  }

  /** The subject's user id in each provider of the groups the record held. */
  private static Map<String, String> users(AccessRecord r) {
    Map<String, String> users = new LinkedHashMap<>();
    for (Map.Entry<GroupRef, String> held : Provisioning.held(r).entrySet()) {
      if (held.getValue() != null) {
        users.putIfAbsent(held.getKey().providerId(), held.getValue());
      }
    }
    return users;
  }

  private static Instant end(AccessRecord r) {
    Instant end = r.endedAt();
    if (end == null) {
      throw new IllegalStateException("record " + r.id() + " has not ended");
    }
    return end;
  }

  private EvidenceDraft ask(AccessRecord r, Phase phase, String providerId, String userId) {
    Instant end = end(r);
    Instant activated = r.activatedAt() == null ? end : r.activatedAt();
    Instant from = phase == Phase.WINDOW ? activated : end;
    Instant to = phase == Phase.WINDOW ? end : end.plus(settings.lookPast());
    if (!to.isAfter(from)) {
      to = from.plusMillis(1);
    }
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(PROVIDER, providerId);
    d.put(IDP_USER, userId);
    d.put(USAGE_PHASE, phase.name());
    d.put(WINDOW_START, from.toString());
    d.put(WINDOW_END, to.toString());
    IdentityProvider idp = providers.get(providerId);
    Optional<ActivityLog> activity = idp == null ? Optional.empty() : idp.activityLog();
    boolean lookPast = phase == Phase.WINDOW && !settings.lookPast().isZero();
    if (activity.isEmpty()) {
      lookPast = false;
      d.put(USAGE, Usage.NOT_AVAILABLE.name());
      d.put(REASON, NOT_AVAILABLE);
    } else {
      ActivityLog source = activity.get();
      d.put(USAGE_SOURCE, source.source());
      String application = catalog.requireRole(r.roleId()).applicationId();
      ActivityQuery query = new ActivityQuery(userId, application, from, to);
      try {
        count(source, query, phase, d);
      } catch (ProviderException e) {
        d.put(USAGE, Usage.UNAVAILABLE.name());
        d.put(ERROR, "unavailable: " + e.getMessage());
        d.put(RETRYABLE, e.retryable());
        d.put(STATUS, (long) e.status());
        d.put(REQUEST_ID, e.requestId());
      } catch (RuntimeException e) {
        // A provider defect, not an answer: recorded once, not asked again.
        d.put(USAGE, Usage.UNAVAILABLE.name());
        d.put(ERROR, "unavailable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        d.put(RETRYABLE, false);
      }
    }
    if (lookPast) {
      d.put(AFTER_END_CHECK_AT, end.plus(settings.lookPast()).toString());
    }
    return EvidenceDraft.of(r.id().value(), EvidenceType.USAGE_OBSERVED, ACTOR, clock.instant(), d);
  }

  private void count(
      ActivityLog source, ActivityQuery query, Phase phase, Map<String, @Nullable Object> d) {
    UsageTally tally = UsageTally.read(source, query, settings.maxEvents());
    d.put(USAGE, Usage.OBSERVED.name());
    d.put(USAGE_QUERY, tally.query());
    d.put(EVENT_COUNT, tally.count());
    if (tally.first() != null) {
      d.put(FIRST_EVENT_AT, tally.first().toString());
      d.put(LAST_EVENT_AT, String.valueOf(tally.last()));
    }
    if (tally.truncated()) {
      d.put(TRUNCATED, true);
    }
    if (phase == Phase.WINDOW && tally.count() == 0) {
      d.put(USAGE_FLAG, "NEVER_USED");
    } else if (phase == Phase.AFTER_END && tally.count() > 0) {
      d.put(USAGE_FLAG, "ACTIVITY_AFTER_END");
    }
  }

  /** What the activity log answered. */
  enum Usage {
    OBSERVED,
    NOT_AVAILABLE,
    UNAVAILABLE
  }
}
