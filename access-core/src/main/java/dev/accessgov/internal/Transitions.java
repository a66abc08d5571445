package dev.accessgov.internal;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessObserver;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Tells the observer what one committed change of a record means: it compares the record before and
 * after and fires each event the change crossed. Every change goes through {@link Records} after it
 * committed, and a transition commits once (the store refuses a stale version), so each event fires
 * once however many callers raced for it. Lags come from the record's own times, which the
 * service's clock wrote. Not API.
 */
final class Transitions {
  private final AccessObserver observer;

  Transitions(AccessObserver observer) {
    this.observer = AccessObserver.safe(observer);
  }

  /** Fires the events of the change from {@code before} (null: just inserted) to {@code after}. */
  void committed(@Nullable AccessRecord before, AccessRecord after) {
    RecordState from = before == null ? null : before.state();
    RecordState to = after.state();
    if (from == to) {
      return;
    }
    // Observers run with the record named in the MDC, also for the events of a grant, whose id
    // exists only once it is admitted.
    try (RecordMdc scope = RecordMdc.record(after.id(), "transition")) {
      fire(before, after, from, to);
    }
  }

  private void fire(
      @Nullable AccessRecord before,
      AccessRecord after,
      @Nullable RecordState from,
      RecordState to) {
    if (before == null) {
      if (after.discovered()) {
        return; // found in a provider, not requested: only its end is reported
      }
      observer.requested(after);
    }
    boolean wasApproved = from != null && from != RecordState.PENDING_APPROVAL;
    boolean approvedNow = to == RecordState.PROVISIONING || to == RecordState.ACTIVE;
    if (!wasApproved && approvedNow && !after.discovered()) {
      observer.approved(
          after, before == null ? Duration.ZERO : lag(after.requestedAt(), approvedAt(after)));
    }
    if (to == RecordState.DENIED) {
      observer.denied(after, lag(after.requestedAt(), endedAt(after)));
    }
    if (to == RecordState.ACTIVE && from == RecordState.PROVISIONING) {
      Instant confirmed = after.activatedAt() != null ? after.activatedAt() : lastTime(after);
      observer.provisioned(after, lag(approvedAt(after), confirmed));
    }
    if (to == RecordState.REVOKED || to == RecordState.EXPIRED || to == RecordState.FAILED) {
      observer.ended(after);
    }
  }

  /** When the last approval was given: the latest APPROVED event, else the request. */
  private static Instant approvedAt(AccessRecord r) {
    return r.lastEvent(EvidenceType.APPROVED).map(EvidenceEvent::time).orElse(r.requestedAt());
  }

  private static Instant endedAt(AccessRecord r) {
    return r.endedAt() != null ? r.endedAt() : lastTime(r);
  }

  private static Instant lastTime(AccessRecord r) {
    return r.timeline().isEmpty()
        ? r.requestedAt()
        : r.timeline().get(r.timeline().size() - 1).time();
  }

  /** The time from {@code from} to {@code to}, never negative. */
  private static Duration lag(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
