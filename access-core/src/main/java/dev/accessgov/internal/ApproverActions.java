package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.Decision;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    requireNonNull(id, "id");
    requireNonNull(approver, "approver");
    requireNonNull(comment, "comment");
    AccessRecord approved =
        records.mutate(
            id,
            r -> {
              Role role = catalog.requireRole(r.roleId());
              Decision.NeedsApproval pending = pendingStep(r, role, "approved");
              PersonId who = authority.approver(pending, approver, r, "approve");
              Instant now = clock.instant();
              List<Approvals.Given> given = new ArrayList<>(Approvals.given(r));
              given.add(new Approvals.Given(pending.stepIndex(), who));
              List<EvidenceDraft> events = new ArrayList<>();
              events.add(
                  Drafts.approved(
                      r, who.asActor(), pending.step(), pending.stepIndex(), comment, now));
              RecordState next =
                  intake.advance(approvals.effectivePolicy(r, role), given, r, role, events, now);
              return new Records.Change(r.toBuilder().state(next).build(), events);
            });
    return approved.state() == RecordState.PROVISIONING
        ? provisioning.provision(approved)
        : approved;
  }

  AccessRecord deny(RecordId id, PersonId approver, String reason) {
    requireNonNull(id, "id");
    requireNonNull(approver, "approver");
    String why = GrantIntake.requireText(reason, "reason");
    return records.mutate(
        id,
        r -> {
          Role role = catalog.requireRole(r.roleId());
          Decision.NeedsApproval pending = pendingStep(r, role, "denied");
          PersonId who = authority.approver(pending, approver, r, "deny");
          Instant now = clock.instant();
          return Records.Change.of(
              r.toBuilder().state(RecordState.DENIED).endedAt(now).build(),
              Drafts.withReason(r, EvidenceType.DENIED, who.asActor(), why, now));
        });
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
    if (by.isZero() || by.isNegative()) {
      throw new InvalidRequestException("an extension must be positive, was " + by);
    }
    return records.mutate(
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
          Instant newEnd = r.expiresAt().plus(by);
          Duration max = role.expiryPolicy().maximum();
          if (max != null && Duration.between(now, newEnd).compareTo(max) > 0) {
            throw new PolicyViolationException(
                "extending record "
                    + r.id()
                    + " by "
                    + by
                    + " would end it at "
                    + newEnd
                    + ", more than the maximum "
                    + max
                    + " of role "
                    + role.id()
                    + " from now; the latest allowed end is "
                    + now.plus(max));
          }
          return Records.Change.of(
              r.toBuilder().expiresAt(newEnd).build(),
              Drafts.extended(r, who.asActor(), why, newEnd, now));
        });
  }
}
