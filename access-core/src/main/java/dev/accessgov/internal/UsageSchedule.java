package dev.accessgov.internal;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.spi.AccessStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the usage questions the expiry sweep must ask: records whose removal committed without its
 * usage evidence (the process stopped in between, or recording failed), retries of failed
 * questions, and looks past a grant's end once that interval has passed. The durable marker is the
 * evidence chain itself: the {@code DEPROVISIONED} event that ends a record, and each {@code
 * USAGE_OBSERVED} event (whose {@code afterEndCheckAt} says when to look past the end). The
 * schedule reads the chain forward from where it last stopped; a new process starts {@value
 * #CATCH_UP_DAYS} days back (found by bisecting the chain by time), so questions that fell due
 * while no process ran are still asked. Which questions are open is decided from the record's
 * timeline by {@link UsageWatch}, so reading an event twice, or two instances asking, records
 * nothing twice. Not API.
 */
final class UsageSchedule {
  private static final Logger log = LoggerFactory.getLogger(UsageSchedule.class);
  static final int CATCH_UP_DAYS = 7;
  private static final int PAGE = 500;

  private final AccessStore store;
  private final Records records;
  private final UsageWatch watch;
  private final Clock clock;
  private final Map<RecordId, Instant> due = new HashMap<>();
  private long next;

  UsageSchedule(AccessStore store, Records records, UsageWatch watch, Clock clock) {
    this.store = store;
    this.records = records;
    this.watch = watch;
    this.clock = clock;
  }

  /** Reads the chain's new events, then asks the questions due now. */
  synchronized void run() {
    Instant now = clock.instant();
    scan(now);
    List<RecordId> ready = new ArrayList<>();
    due.forEach(
        (id, at) -> {
          if (!now.isBefore(at)) {
            ready.add(id);
          }
        });
    for (RecordId id : ready) {
      due.remove(id);
      try {
        Optional<AccessRecord> found = records.find(id);
        if (found.isEmpty()) {
          continue;
        }
        AccessRecord after = watch.observe(found.get());
        // A question still due now could not be recorded (the store failed, or the record names
        // a role the catalog lost): ask again after the retry interval, not at every sweep.
        watch
            .nextDue(after)
            .ifPresent(at -> due.put(id, at.isAfter(now) ? at : now.plus(watch.retryAfter())));
      } catch (RuntimeException e) {
        log.warn("could not look at the usage of record {}; will try again: {}", id, e.toString());
        due.put(id, now.plus(watch.retryAfter()));
      }
    }
  }

  private void scan(Instant now) {
    long size = store.evidenceSize();
    if (next == 0) {
      next = firstSince(now.minus(Duration.ofDays(CATCH_UP_DAYS)), size);
    }
    while (next <= size) {
      List<EvidenceEvent> page = store.evidence(next, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (EvidenceEvent e : page) {
        if (e.type() == EvidenceType.DEPROVISIONED || e.type() == EvidenceType.USAGE_OBSERVED) {
          // Looked at when the sweep next runs; the timeline decides whether anything is open.
          due.merge(new RecordId(e.recordId()), e.time(), (a, b) -> a.isBefore(b) ? a : b);
        }
        next = e.seq() + 1;
      }
    }
  }

  /** The first sequence number whose event is not older than {@code since}, by bisection. */
  private long firstSince(Instant since, long size) {
    long lo = 1;
    long hi = size + 1;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      List<EvidenceEvent> at = store.evidence(mid, 1);
      if (at.isEmpty() || !at.get(0).time().isBefore(since)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
