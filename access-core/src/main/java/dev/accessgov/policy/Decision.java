package dev.accessgov.policy;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import java.util.Set;

/** Where a request stands against its approval policy. */
public sealed interface Decision {

  /** Every step is satisfied: the access may be provisioned. */
  record Approved() implements Decision {}

  /**
   * An approver refused.
   *
   * @param by who refused
   * @param reason why
   */
  record Denied(PersonId by, String reason) implements Decision {
    /** Checks both are present. */
    public Denied {
      requireNonNull(by, "by");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A step still waits for approval.
   *
   * @param stepIndex position of the step in the policy, from 0
   * @param step the step
   * @param eligible who may approve it now (already excluding requester, subject and anyone who
   *     already approved this step)
   * @param approvalsMissing how many more approvals the step needs
   */
  record NeedsApproval(
      int stepIndex, ApprovalStep step, Set<PersonId> eligible, int approvalsMissing)
      implements Decision {
    /** Copies the set. */
    public NeedsApproval {
      requireNonNull(step, "step");
      eligible = Set.copyOf(eligible);
    }
  }
}
