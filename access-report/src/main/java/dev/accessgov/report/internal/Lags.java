package dev.accessgov.report.internal;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What one record says about how long each step took. Not API. */
public final class Lags {
  private static final String POLICY_ACTOR = "system:policy";
  private static final Set<EvidenceType> REMOVAL_TRIGGERS =
      EnumSet.of(
          EvidenceType.REVOKED,
          EvidenceType.EXPIRED,
          EvidenceType.REVIEW_REVOKED,
          EvidenceType.RECLAIMED);

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
    return !approvals.isEmpty() && approvals.stream().allMatch(e -> e.actor().equals(POLICY_ACTOR));
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
   * From when the access should have ended to the provider confirming the removal: the end itself
   * for expired access, since a late sweep is exactly the lag worth seeing; the decision otherwise.
   */
  public static Optional<Duration> removal(AccessRecord r) {
    if (r.state() != RecordState.REVOKED && r.state() != RecordState.EXPIRED) {
      return Optional.empty();
    }
    Optional<EvidenceEvent> removed = r.lastEvent(EvidenceType.DEPROVISIONED);
    if (removed.isEmpty()) {
      return Optional.empty();
    }
    long removedSeq = removed.get().seq();
    Instant due = r.state() == RecordState.EXPIRED ? r.expiresAt() : null;
    if (due == null) {
      due =
          r.timeline().stream()
              .filter(e -> REMOVAL_TRIGGERS.contains(e.type()) && e.seq() < removedSeq)
              .reduce((a, b) -> b)
              .map(EvidenceEvent::time)
              .orElse(null);
    }
    return due == null ? Optional.empty() : Optional.of(between(due, removed.get().time()));
  }

  // Clocks of different instances may disagree slightly; a lag is never reported as negative.
  private static Duration between(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
