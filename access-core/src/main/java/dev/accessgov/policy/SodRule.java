package dev.accessgov.policy;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.RoleId;
import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Separation of duties: roles that one person must not hold together. A request for one of {@code
 * roles} by a subject who holds (or has pending) another is refused, or needs {@code extraStep} on
 * top of its own approvals, as {@code action} says.
 *
 * @param name how the rule is named in messages and evidence
 * @param roles the conflicting roles, at least two
 * @param action what happens to a conflicting request
 * @param extraStep the additional approval when {@code action} is {@link Action#EXTRA_APPROVAL}
 */
public record SodRule(
    String name, Set<RoleId> roles, Action action, @Nullable ApprovalStep extraStep) {

  /** What a conflicting request meets. */
  public enum Action {
    /** The request is refused with a {@link dev.accessgov.PolicyViolationException}. */
    REFUSE,
    /** The request needs the rule's extra approval step. */
    EXTRA_APPROVAL
  }

  /** Checks the rule is complete. */
  public SodRule {
    requireNonNull(name, "name");
    roles = Set.copyOf(requireNonNull(roles, "roles"));
    requireNonNull(action, "action");
    if (roles.size() < 2) {
      throw new IllegalArgumentException("SoD rule '" + name + "' needs at least two roles");
    }
    if ((action == Action.EXTRA_APPROVAL) != (extraStep != null)) {
      throw new IllegalArgumentException(
          "SoD rule '"
              + name
              + "': an extra step is given exactly when the action is EXTRA_APPROVAL");
    }
    if (extraStep instanceof ApprovalStep.Auto) {
      throw new IllegalArgumentException(
          "SoD rule '" + name + "': the extra step must involve a person, not AUTO");
    }
  }

  /** A rule that refuses any request that would combine {@code roles}. */
  public static SodRule refuse(String name, RoleId... roles) {
    return new SodRule(name, Set.copyOf(Arrays.asList(roles)), Action.REFUSE, null);
  }

  /** A rule that lets such a request through only with {@code extraStep} approved as well. */
  public static SodRule requireApproval(String name, ApprovalStep extraStep, RoleId... roles) {
    return new SodRule(name, Set.copyOf(Arrays.asList(roles)), Action.EXTRA_APPROVAL, extraStep);
  }

  /** Whether this rule involves {@code role}. */
  public boolean covers(RoleId role) {
    return roles.contains(role);
  }
}
