package dev.accessgov.policy;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import java.util.Arrays;
import java.util.Set;

/**
 * One step of an {@link ApprovalPolicy}. Whoever satisfies a step, it is never the requester nor
 * the subject of the request: such approvals are refused whatever the step says.
 */
public sealed interface ApprovalStep {

  /** Short name used in messages and evidence, e.g. {@code MANAGER} or {@code NAMED(2 of 3)}. */
  String label();

  /** Satisfied by policy alone, with no person involved. */
  static ApprovalStep auto() {
    return Auto.INSTANCE;
  }

  /** Satisfied by the subject's manager as the people directory names them. */
  static ApprovalStep manager() {
    return Manager.INSTANCE;
  }

  /** Satisfied by the owner of the role's application. */
  static ApprovalStep appOwner() {
    return AppOwner.INSTANCE;
  }

  /** Satisfied by any one of the named people. */
  static ApprovalStep anyOf(PersonId... approvers) {
    return new Named(Set.copyOf(Arrays.asList(approvers)), 1);
  }

  /** Satisfied when {@code quorum} different people among {@code approvers} have approved. */
  static ApprovalStep quorum(int quorum, PersonId... approvers) {
    return new Named(Set.copyOf(Arrays.asList(approvers)), quorum);
  }

  /** Automatic approval. */
  enum Auto implements ApprovalStep {
    /** The only instance. */
    INSTANCE;

    @Override
    public String label() {
      return "AUTO";
    }
  }

  /** Approval by the subject's manager. */
  enum Manager implements ApprovalStep {
    /** The only instance. */
    INSTANCE;

    @Override
    public String label() {
      return "MANAGER";
    }
  }

  /** Approval by the application owner. */
  enum AppOwner implements ApprovalStep {
    /** The only instance. */
    INSTANCE;

    @Override
    public String label() {
      return "APP_OWNER";
    }
  }

  /**
   * Approval by named people, with a quorum.
   *
   * @param approvers who may approve, not empty
   * @param quorum how many different approvers are needed, from 1 to {@code approvers.size()}
   */
  record Named(Set<PersonId> approvers, int quorum) implements ApprovalStep {
    /** Checks the quorum can be reached. */
    public Named {
      approvers = Set.copyOf(requireNonNull(approvers, "approvers"));
      if (approvers.isEmpty()) {
        throw new IllegalArgumentException("a named approval step needs at least one approver");
      }
      if (quorum < 1 || quorum > approvers.size()) {
        throw new IllegalArgumentException(
            "quorum " + quorum + " must be between 1 and the " + approvers.size() + " approvers");
      }
    }

    @Override
    public String label() {
      return quorum == 1 ? "NAMED" : "NAMED(" + quorum + " of " + approvers.size() + ")";
    }
  }
}
