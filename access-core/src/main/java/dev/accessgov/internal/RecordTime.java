package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.CLOCK_SKEW_MS;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Time on a record: end times that must be representable, and times that never run backwards within
 * a record. Every change passes through {@link #ordered} on its way to the store, so no caller has
 * to guard its own clock reading. Not API.
 */
final class RecordTime {
  private RecordTime() {}

  /**
   * {@code start + d}, or an {@link InvalidRequestException} naming both when no instant can hold
   * it (a duration stored before durations were bounded).
   */
  static Instant plus(Instant start, Duration d, String what) {
    try {
      return start.plus(d);
    } catch (ArithmeticException | DateTimeException e) {
      throw new InvalidRequestException(
          what
              + " "
              + d
              + " added to "
              + start
              + " is past the last representable instant; durations are accepted up to "
              + dev.accessgov.policy.ExpiryPolicy.LONGEST);
    }
  }

  /** The latest time {@code r} already carries: its request, events, activation and end. */
  static Instant latest(AccessRecord r) {
    Instant latest = r.requestedAt();
    for (EvidenceEvent e : r.timeline()) {
      latest = later(latest, e.time());
    }
    latest = later(latest, r.activatedAt());
    return later(latest, r.endedAt());
  }

  /**
   * {@code change} with times that keep the record's order. The service clock (or a provider's) may
   * be behind the record's latest time: such an event is dated at that time instead, with how far
   * behind the clock was under {@link dev.accessgov.evidence.EvidenceKeys#CLOCK_SKEW_MS}. An
   * activation or end this change sets is moved up the same way, to no earlier than any event of
   * the record, and an end time or review date counted from a moved activation moves with it.
   */
  static Records.Change ordered(AccessRecord current, Records.Change change) {
    Instant floor = latest(current);
    // Events keep milliseconds only; compare at that precision so a sub-millisecond activation
    // does not make a same-millisecond event look late.
    Instant eventFloor = floor.truncatedTo(ChronoUnit.MILLIS);
    List<EvidenceDraft> events = new ArrayList<>(change.events().size());
    boolean eventsMoved = false;
    for (EvidenceDraft e : change.events()) {
      if (e.time().isBefore(eventFloor)) {
        events.add(skewed(e, eventFloor));
        eventsMoved = true;
      } else {
        events.add(e);
        eventFloor = e.time();
        floor = later(floor, e.time());
      }
    }
    AccessRecord next = fields(current, change.next(), floor);
    return !eventsMoved && next == change.next() ? change : new Records.Change(next, events);
  }

  private static AccessRecord fields(AccessRecord current, AccessRecord next, Instant floor) {
    AccessRecord.Builder b = null;
    Instant activated = next.activatedAt();
    if (isNewAndBefore(activated, current.activatedAt(), floor)) {
      Duration shift = Duration.between(activated, floor);
      b = next.toBuilder().activatedAt(floor);
      if (next.expiresAt() != null && !next.expiresAt().equals(current.expiresAt())) {
        b.expiresAt(next.expiresAt().plus(shift));
      }
      if (next.reviewDueAt() != null && !next.reviewDueAt().equals(current.reviewDueAt())) {
        b.reviewDueAt(next.reviewDueAt().plus(shift));
      }
    }
    if (isNewAndBefore(next.endedAt(), current.endedAt(), floor)) {
      b = (b == null ? next.toBuilder() : b).endedAt(floor);
    }
    return b == null ? next : b.build();
  }

  private static boolean isNewAndBefore(
      @Nullable Instant value, @Nullable Instant before, Instant floor) {
    return value != null && !value.equals(before) && value.isBefore(floor);
  }

  private static EvidenceDraft skewed(EvidenceDraft e, Instant at) {
    SortedMap<String, @Nullable Object> details = new TreeMap<>(e.details());
    details.put(CLOCK_SKEW_MS, Duration.between(e.time(), at).toMillis());
    return new EvidenceDraft(e.recordId(), e.type(), e.actor(), at, details);
  }

  private static Instant later(Instant a, @Nullable Instant b) {
    return b != null && b.isAfter(a) ? b : Objects.requireNonNull(a);
  }
}
