package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.Decision;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an approver does to a record: approve or deny the pending step, extend active access. Each
 * is one read-decide-write in which the policy is checked on the fresh record. Not API.
 */
final class ApproverActions {
  private final Catalog catalog;
  private final Authority authority;
  private final Approvals approvals;
  private final Records records;
  private final Provisioning provisioning;
  private final GrantIntake intake;
  private final Clock clock;

  ApproverActions(
      Catalog catalog,
      Authority authority,
      Approvals approvals,
      Records records,
      Provisioning provisioning,
      GrantIntake intake,
      Clock clock) {
    this.catalog = catalog;
    this.authority = authority;
    this.approvals = approvals;
    this.records = records;
    this.provisioning = provisioning;
    this.intake = intake;
    this.clock = clock;
  }

  AccessRecord approve(RecordId id, PersonId approver, String comment) {
    return approve(id, approver, comment, null);
  }

  /** Approves; with a {@code source}, a decision already applied from it changes nothing. */
  AccessRecord approve(
      RecordId id, PersonId approver, String comment, @Nullable DecisionSource source) {
    requireNonNull(id, "id");
    requireNonNull(approver, "approver");
    requireNonNull(comment, "comment");
    AccessRecord approved =
        onPendingStep(
            id,
            approver,
            EvidenceType.APPROVED,
            source,
            (r, role, pending, who) -> {
              Instant now = clock.instant();
              List<Approvals.Given> given = new ArrayList<>(Approvals.given(r));
              given.add(new Approvals.Given(pending.stepIndex(), who));
              List<EvidenceDraft> events = new ArrayList<>();
              events.add(
                  Drafts.approved(
                      r,
                      who.asActor().toString(),
                      pending.step(),
                      pending.stepIndex(),
                      comment,
                      source,
                      now));
              RecordState next =
                  intake.advance(approvals.effectivePolicy(r, role), given, r, role, events, now);
              return new Records.Change(r.toBuilder().state(next).build(), events);
            });
    return approved.state() == RecordState.PROVISIONING
        ? provisioning.provision(approved)
        : approved;
  }

  AccessRecord deny(RecordId id, PersonId approver, String reason) {
    return deny(id, approver, reason, null);
  }

  /** Denies; with a {@code source}, a decision already applied from it changes nothing. */
  AccessRecord deny(
      RecordId id, PersonId approver, String reason, @Nullable DecisionSource source) {
    requireNonNull(id, "id");
    requireNonNull(approver, "approver");
    String why = GrantIntake.requireText(reason, "reason");
    return onPendingStep(
        id,
        approver,
        EvidenceType.DENIED,
        source,
        (r, role, pending, who) -> {
          Instant now = clock.instant();
          return Records.Change.of(
              r.toBuilder().state(RecordState.DENIED).endedAt(now).build(),
              Drafts.denied(r, who.asActor().toString(), why, source, now));
        });
  }

  /** What an approver's decision does to a record whose pending step they may decide. */
  @FunctionalInterface
  private interface StepDecision {
    Records.Change apply(
        AccessRecord r, Role role, Decision.NeedsApproval pending, PersonId approver);
  }

  /**
   * One approver decision ({@code type}: APPROVED or DENIED) on the record's pending step, in one
   * read-decide-write: the step is found, the approver's authority checked and {@code decision}
   * applied on the fresh record. A decision already applied from {@code source} changes nothing.
   *
   * @return the stored record, or the record as it is when the decision was applied before
   */
  private AccessRecord onPendingStep(
      RecordId id,
      PersonId approver,
      EvidenceType type,
      @Nullable DecisionSource source,
      StepDecision decision) {
    boolean approving = type == EvidenceType.APPROVED;
    AccessRecord stored =
        records.mutate(
            id,
            r -> {
              if (appliedBefore(r, type, source)) {
                return null;
              }
              Role role = catalog.requireRole(r.roleId());
              Decision.NeedsApproval pending =
                  pendingStep(r, role, approving ? "approved" : "denied");
              PersonId who =
                  authority.approver(pending, approver, r, approving ? "approve" : "deny");
              return decision.apply(r, role, pending, who);
            });
    return stored == null ? records.load(id) : stored;
  }

  /**
   * Whether the decision from {@code source} is already in the timeline, told by the structured
   * source details only: free text (reasons, comments, notes) is written by people and proves
   * nothing.
   */
  private static boolean appliedBefore(
      AccessRecord r, EvidenceType type, @Nullable DecisionSource source) {
    return source != null && r.events(type).stream().anyMatch(source::wrote);
  }

  /** The step the record waits for and who may decide it now; empty when it waits for none. */
  Optional<Decision.NeedsApproval> pending(RecordId id) {
    AccessRecord r = records.load(requireNonNull(id, "id"));
    if (r.state() != RecordState.PENDING_APPROVAL) {
      return Optional.empty();
    }
    Role role = catalog.requireRole(r.roleId());
    Decision decision =
        approvals.evaluate(approvals.effectivePolicy(r, role), Approvals.given(r), r, role);
    return decision instanceof Decision.NeedsApproval pending
        ? Optional.of(pending)
        : Optional.empty();
  }

  private Decision.NeedsApproval pendingStep(AccessRecord r, Role role, String verb) {
    if (r.state() != RecordState.PENDING_APPROVAL) {
      throw new StateConflictException(
          "record "
              + r.id()
              + " is "
              + r.state()
              + "; only PENDING_APPROVAL records can be "
              + verb);
    }
    ApprovalPolicy policy = approvals.effectivePolicy(r, role);
    Decision decision = approvals.evaluate(policy, Approvals.given(r), r, role);
    if (!(decision instanceof Decision.NeedsApproval pending)) {
      throw new StateConflictException("record " + r.id() + " needs no further approval");
    }
    return pending;
  }

  AccessRecord extend(RecordId id, PersonId approver, Duration by, String reason) {
    requireNonNull(id, "id");
    requireNonNull(approver, "approver");
    requireNonNull(by, "by");
    String why = GrantIntake.requireText(reason, "reason");
    ExpiryPolicy.checkRequested(by, "an extension");
    return records.update(
        id,
        r -> {
          if (r.state() != RecordState.ACTIVE || r.expiresAt() == null) {
            throw new StateConflictException(
                "record "
                    + r.id()
                    + " is "
                    + r.state()
                    + (r.expiresAt() == null ? " with no end" : "")
                    + "; only ACTIVE time-bound access can be extended");
          }
          Role role = catalog.requireRole(r.roleId());
          PersonId who = authority.extender(approver, r, role);
          Instant now = clock.instant();
          Instant newEnd = RecordTime.plus(r.expiresAt(), by, "an extension");
          checkLifetime(r, role, by, newEnd);
          Duration max = role.expiryPolicy().maximum();
          if (max != null && Duration.between(now, newEnd).compareTo(max) > 0) {
            throw endRefused(
                r,
                by,
                newEnd,
                "more than the maximum "
                    + max
                    + " of role "
                    + role.id()
                    + " from now; the latest allowed end is "
                    + now.plus(max));
          }
          return Records.Change.of(
              r.toBuilder().expiresAt(newEnd).build(),
              Drafts.extended(r, who.asActor().toString(), why, newEnd, now));
        });
  }

  /**
   * Refuses an end past the role's lifetime cap, counted from activation: extensions may not turn a
   * bounded grant into a rolling one.
   */
  private static void checkLifetime(AccessRecord r, Role role, Duration by, Instant newEnd) {
    Duration cap = role.maxLifetime();
    if (cap == null) {
      return;
    }
    Instant start = r.activatedAt() != null ? r.activatedAt() : r.requestedAt();
    Instant latest = RecordTime.plus(start, cap, "the lifetime cap");
    if (newEnd.isAfter(latest)) {
      throw endRefused(
          r,
          by,
          newEnd,
          "past the maximum lifetime "
              + cap
              + " of role "
              + role.id()
              + " counted from activation at "
              + start
              + "; the latest allowed end is "
              + latest
              + ". Access needed for longer takes a new request with fresh approval");
    }
  }

  /** The refusal of an extension whose new end breaks a bound, saying which and why. */
  private static PolicyViolationException endRefused(
      AccessRecord r, Duration by, Instant newEnd, String bound) {
    return new PolicyViolationException(
        "extending record " + r.id() + " by " + by + " would end it at " + newEnd + ", " + bound);
  }
}
