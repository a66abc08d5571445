package dev.accessgov.report.internal;

import static dev.accessgov.evidence.EvidenceKeys.LIFECYCLE_EVENT;
import static dev.accessgov.evidence.EvidenceKeys.LIFECYCLE_TRIGGER;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.report.Period;
import dev.accessgov.report.control.LifecycleEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the evidence chain once and gathers the lifecycle events of one period with the records
 * each made or ended, then measures each from the call to the identity providers' last
 * confirmation. Not API.
 */
public final class LifecycleScan {
  private LifecycleScan() {}

  /** One lifecycle event as the chain shows it so far. */
  private static final class Event {
    final String id;
    final String trigger;
    final Instant calledAt;
    final Set<String> records = new LinkedHashSet<>();

    Event(String id, String trigger, Instant calledAt) {
      this.id = id;
      this.trigger = trigger;
      this.calledAt = calledAt;
    }
  }

  /** The lifecycle events of {@code period} in {@code access}'s chain. */
  public static List<LifecycleEntry> of(AccessService access, Period period) {
    Map<String, Event> events = new LinkedHashMap<>();
    access
        .evidence()
        .events()
        .forEachRemaining(
            e -> {
              String id = e.detailText(LIFECYCLE_EVENT);
              String trigger = e.detailText(LIFECYCLE_TRIGGER);
              if (id != null && trigger != null && period.contains(e.time())) {
                events
                    .computeIfAbsent(trigger + " " + id, k -> new Event(id, trigger, e.time()))
                    .records
                    .add(e.recordId());
              }
            });
    Map<String, AccessRecord> records = new HashMap<>();
    List<LifecycleEntry> entries = new ArrayList<>();
    for (Event event : events.values()) {
      int awaiting = 0;
      Instant last = null;
      String person = null;
      for (String recordId : event.records) {
        AccessRecord r = records.computeIfAbsent(recordId, i -> access.record(RecordId.of(i)));
        person = r.subject().value();
        Change change = change(r, event.id);
        if (change.awaiting()) {
          awaiting++;
        } else if (change.at() != null && (last == null || change.at().isAfter(last))) {
          last = change.at();
        }
      }
      Instant changed = awaiting == 0 ? last : null;
      entries.add(
          new LifecycleEntry(
              event.id,
              event.trigger,
              String.valueOf(person),
              event.calledAt,
              List.copyOf(event.records),
              awaiting,
              changed,
              changed == null ? null : Lags.between(event.calledAt, changed)));
    }
    return entries;
  }

  /**
   * What the identity providers did for one record of a lifecycle event: confirmed at {@code at},
   * still awaited, or nothing to do ({@code at} null and not awaiting: a request withdrawn or
   * refused).
   */
  private record Change(@Nullable Instant at, boolean awaiting) {}

  private static Change change(AccessRecord r, String eventId) {
    Optional<EvidenceEvent> tagged =
        r.timeline().stream()
            .filter(e -> eventId.equals(e.detailText(LIFECYCLE_EVENT)))
            .findFirst();
    if (tagged.isEmpty()) {
      return new Change(null, false);
    }
    EvidenceEvent cause = tagged.get();
    if (cause.type() == EvidenceType.REQUESTED) {
      if (r.activatedAt() != null) {
        return new Change(r.activatedAt(), false);
      }
      boolean live = r.state() == RecordState.PENDING_APPROVAL || r.state().isInFlight();
      return new Change(null, live);
    }
    if (cause.type().removesAccess()) {
      // The removal's confirmation, even when a later trigger (a retry) took the removal over.
      EvidenceEvent confirmed = Lags.removalOf(r).map(Lags.Removal::confirmation).orElse(null);
      return confirmed != null
          ? new Change(confirmed.time(), false)
          : new Change(null, r.state().isInFlight());
    }
    return new Change(null, false);
  }
}
