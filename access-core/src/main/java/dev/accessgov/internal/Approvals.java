package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.BIRTHRIGHT_APPROVAL;
import static dev.accessgov.evidence.EvidenceKeys.SOD_RULE;
import static dev.accessgov.evidence.EvidenceKeys.STEP_INDEX;

import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.BirthrightApproval;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.Decision;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.PersonId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The approval policy of a record: its effective steps, where it stands, and who is eligible for
 * each step. Whether a given person may act is decided by {@link Authority}. Not API.
 */
final class Approvals {
  private final Catalog catalog;
  private final Identities identities;

  Approvals(Catalog catalog, Identities identities) {
    this.catalog = catalog;
    this.identities = identities;
  }

  /** One approval already given: the step it satisfied and who gave it (null for automatic). */
  record Given(int stepIndex, @Nullable PersonId approver) {}

  /** The role's policy, plus the extra step of the SoD rule recorded when the request was made. */
  ApprovalPolicy effectivePolicy(Role role, @Nullable String sodRule) {
    return effectivePolicy(role, null, sodRule);
  }

  /**
   * The policy a request goes through: the birthright approval's policy for a birthright grant,
   * else the role's, plus the extra step of the SoD rule recorded when the request was made.
   */
  ApprovalPolicy effectivePolicy(
      Role role, @Nullable BirthrightApproval birthright, @Nullable String sodRule) {
    ApprovalPolicy base = birthright == null ? role.approvalPolicy() : birthright.policyFor(role);
    if (sodRule == null) {
      return base;
    }
    for (SodRule rule : catalog.sodRules()) {
      ApprovalStep extra = rule.extraStep();
      if (rule.name().equals(sodRule) && extra != null) {
        return base.then(extra);
      }
    }
    return base;
  }

  /**
   * The policy of a stored record, from what its REQUESTED event recorded: the birthright approval,
   * if it was a birthright grant, and the SoD rule it conflicted with.
   */
  ApprovalPolicy effectivePolicy(AccessRecord record, Role role) {
    EvidenceEvent requested = record.lastEvent(EvidenceType.REQUESTED).orElse(null);
    if (requested == null) {
      return role.approvalPolicy();
    }
    String birthright = requested.detailText(BIRTHRIGHT_APPROVAL);
    return effectivePolicy(
        role,
        birthright == null ? null : BirthrightApproval.ofKey(birthright),
        requested.detailText(SOD_RULE));
  }

  /** The approvals recorded in the record's timeline. */
  static List<Given> given(AccessRecord record) {
    List<Given> given = new ArrayList<>();
    for (EvidenceEvent e : record.events(EvidenceType.APPROVED)) {
      Object index = e.detail(STEP_INDEX);
      PersonId who = Actor.parse(e.actor()) instanceof Actor.Person p ? p.id() : null;
      given.add(new Given(index == null ? 0 : ((Long) index).intValue(), who));
    }
    return given;
  }

  /** Where a request with these approvals stands against {@code policy}. */
  Decision evaluate(ApprovalPolicy policy, List<Given> given, AccessRecord record, Role role) {
    List<ApprovalStep> steps = policy.steps();
    for (int i = 0; i < steps.size(); i++) {
      ApprovalStep step = steps.get(i);
      Set<PersonId> already = new HashSet<>();
      int count = 0;
      for (Given g : given) {
        if (g.stepIndex() == i) {
          count++;
          if (g.approver() != null) {
            already.add(identities.canonical(g.approver()));
          }
        }
      }
      int needed = step instanceof ApprovalStep.Named n ? n.quorum() : 1;
      if (count < needed) {
        Set<PersonId> eligible =
            step instanceof ApprovalStep.Auto ? new HashSet<>() : eligible(step, record, role);
        eligible.removeAll(already);
        return new Decision.NeedsApproval(i, step, eligible, needed - count);
      }
    }
    return new Decision.Approved();
  }

  /**
   * Who holds authority for {@code step} (canonical ids of active people), excluding the requester
   * and the subject.
   */
  Set<PersonId> eligible(ApprovalStep step, AccessRecord record, Role role) {
    Set<PersonId> holders = holders(step, record, role);
    holders.remove(identities.canonical(record.requester()));
    holders.remove(identities.canonical(record.subject()));
    return holders;
  }

  /**
   * Who {@code step} names for this record (canonical ids of active people), the requester and the
   * subject included; empty for an automatic step.
   */
  Set<PersonId> holders(ApprovalStep step, AccessRecord record, Role role) {
    Set<PersonId> named = new HashSet<>();
    if (step instanceof ApprovalStep.Manager) {
      identities.managerOf(record.subject()).ifPresent(named::add);
    } else if (step instanceof ApprovalStep.AppOwner) {
      named.add(catalog.applicationOf(role).owner());
    } else if (step instanceof ApprovalStep.Named n) {
      named.addAll(n.approvers());
    }
    Set<PersonId> holders = new HashSet<>();
    for (PersonId p : named) {
      if (identities.isActive(p)) {
        holders.add(identities.canonical(p));
      }
    }
    return holders;
  }

  /** Fails when a step of {@code policy} can never be approved because nobody is eligible. */
  void checkApprovable(ApprovalPolicy policy, AccessRecord record, Role role) {
    for (ApprovalStep step : policy.steps()) {
      if (step instanceof ApprovalStep.Auto) {
        continue;
      }
      int needed = step instanceof ApprovalStep.Named n ? n.quorum() : 1;
      Set<PersonId> eligible = eligible(step, record, role);
      if (eligible.size() < needed) {
        throw new PolicyViolationException(
            "step "
                + step.label()
                + " of role "
                + role.id()
                + " needs "
                + needed
                + " approver(s) other than the requester "
                + record.requester()
                + " and the subject "
                + record.subject()
                + ", but only "
                + eligible
                + " qualify (known and active)"
                + (step instanceof ApprovalStep.Manager
                    ? " (does the subject have a manager in the people directory?)"
                    : ""));
      }
    }
  }

  /** The first SoD rule that {@code role} breaks given the roles the subject holds or awaits. */
  @Nullable SodRule conflict(Role role, Set<RoleId> held) {
    for (SodRule rule : catalog.sodRules()) {
      if (rule.covers(role.id())
          && held.stream().anyMatch(h -> !h.equals(role.id()) && rule.covers(h))) {
        return rule;
      }
    }
    return null;
  }
}
