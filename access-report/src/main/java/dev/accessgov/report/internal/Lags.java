package dev.accessgov.report.internal;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What one record says about how long each step took. Not API. */
public final class Lags {

  private Lags() {}

  /** The last approval of a record that got past approval, if it did. */
  public static Optional<EvidenceEvent> finalApproval(AccessRecord r) {
    if (r.state() == RecordState.PENDING_APPROVAL || r.state() == RecordState.DENIED) {
      return Optional.empty();
    }
    return r.lastEvent(EvidenceType.APPROVED);
  }

  /** Whether every approval of the record was given by policy, with no person involved. */
  public static boolean automated(AccessRecord r) {
    List<EvidenceEvent> approvals = r.events(EvidenceType.APPROVED);
    return !approvals.isEmpty()
        && approvals.stream().allMatch(e -> Actors.name(e.actor()).equals(Actors.POLICY));
  }

  /** From the request to the last approval. */
  public static Optional<Duration> approval(AccessRecord r) {
    return finalApproval(r).map(e -> between(r.requestedAt(), e.time()));
  }

  /** From the last approval to activation. */
  public static Optional<Duration> provisioning(AccessRecord r) {
    Instant active = r.activatedAt();
    return active == null ? Optional.empty() : finalApproval(r).map(e -> between(e.time(), active));
  }

  /**
   * The end of a record's access: the last event that decided it ({@link
   * EvidenceType#removesAccess()}), when access was due to end, and the provider's confirmation
   * (the last {@code DEPROVISIONED} after the trigger, once the record reached its final state).
   *
   * @param trigger the deciding event
   * @param due the end itself for expired access, since a late sweep is exactly the lag worth
   *     seeing; the decision otherwise
   * @param confirmation the confirmation, or null while the removal is unconfirmed
   */
  public record Removal(EvidenceEvent trigger, Instant due, @Nullable EvidenceEvent confirmation) {
    /** From {@code due} to the confirmation, if confirmed. */
    public Optional<Duration> lag() {
      return confirmation == null
          ? Optional.empty()
          : Optional.of(between(due, confirmation.time()));
    }
  }

  /** The removal of {@code r}, if something decided its access ends. */
  public static Optional<Removal> removalOf(AccessRecord r) {
    EvidenceEvent trigger = null;
    for (EvidenceEvent e : r.timeline()) {
      if (e.type().removesAccess()) {
        trigger = e;
      }
    }
    if (trigger == null) {
      return Optional.empty();
    }
    Instant due = trigger.time();
    if (trigger.type() == EvidenceType.EXPIRED && r.expiresAt() != null) {
      due = r.expiresAt();
    }
    EvidenceEvent confirmation = null;
    if (r.state() == RecordState.REVOKED || r.state() == RecordState.EXPIRED) {
      for (EvidenceEvent e : r.timeline()) {
        if (e.type() == EvidenceType.DEPROVISIONED && e.seq() > trigger.seq()) {
          confirmation = e;
        }
      }
    }
    return Optional.of(new Removal(trigger, due, confirmation));
  }

  /** From when the access should have ended to the provider confirming the removal. */
  public static Optional<Duration> removal(AccessRecord r) {
    return removalOf(r).flatMap(Removal::lag);
  }

  // Clocks of different instances may disagree slightly; a lag is never reported as negative.
  /** From {@code from} to {@code to}, never negative. */
  public static Duration between(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
