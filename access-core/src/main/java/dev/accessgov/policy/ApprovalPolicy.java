package dev.accessgov.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ordered approval steps a request must pass before anything is provisioned. Steps are
 * satisfied one after the other; a policy made only of {@link ApprovalStep#auto()} provisions at
 * once.
 *
 * @param steps the steps in order, not empty
 */
public record ApprovalPolicy(List<ApprovalStep> steps) {
  private static final ApprovalPolicy AUTOMATIC = new ApprovalPolicy(List.of(ApprovalStep.auto()));

  /** Checks there is at least one step. */
  public ApprovalPolicy {
    steps = List.copyOf(requireNonNull(steps, "steps"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException(
          "an approval policy needs at least one step; use ApprovalPolicy.automatic() for none");
    }
  }

  /** Approved by policy alone. */
  public static ApprovalPolicy automatic() {
    return AUTOMATIC;
  }

  /** The given steps, in order. */
  public static ApprovalPolicy of(ApprovalStep... steps) {
    return new ApprovalPolicy(Arrays.asList(steps));
  }

  /** Whether every step is automatic. */
  public boolean isAutomatic() {
    return steps.stream().allMatch(s -> s instanceof ApprovalStep.Auto);
  }

  /** This policy with {@code step} appended, e.g. the extra approver a SoD rule asks for. */
  public ApprovalPolicy then(ApprovalStep step) {
    requireNonNull(step, "step");
    List<ApprovalStep> more = new ArrayList<>(steps);
    more.removeIf(s -> s instanceof ApprovalStep.Auto);
    more.add(step);
    return new ApprovalPolicy(more);
  }

  @Override
  public String toString() {
    return steps.stream().map(ApprovalStep::label).toList().toString();
  }
}
