package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How well access to one application is run, from its records.
 *
 * @param application the application's id
 * @param records how many records were looked at, in any state
 * @param approval from the request to the last approval, for grants fully approved
 * @param provisioning from the last approval to the access being active
 * @param removal from when access should have ended (its end for expired access, the decision to
 *     remove it otherwise) to the identity provider confirming the removal
 * @param approved how many records were fully approved
 * @param automated how many of those were approved by policy alone, with no person involved
 * @param evidenceGaps ids of records whose audit walkthrough is not complete, in report order
 */
public record ApplicationMetrics(
    String application,
    int records,
    LagStats approval,
    LagStats provisioning,
    LagStats removal,
    int approved,
    int automated,
    List<String> evidenceGaps) {

  /** Checks the fields and copies the list. */
  public ApplicationMetrics {
    requireNonNull(application, "application");
    requireNonNull(approval, "approval");
    requireNonNull(provisioning, "provisioning");
    requireNonNull(removal, "removal");
    if (automated < 0 || automated > approved) {
      throw new IllegalArgumentException(
          "automated must be between 0 and approved (" + approved + "), was " + automated);
    }
    evidenceGaps = List.copyOf(requireNonNull(evidenceGaps, "evidenceGaps"));
  }

  /** {@code automated / approved}, or null when nothing was approved. */
  public @Nullable Double shareAutomated() {
    return approved == 0 ? null : (double) automated / approved;
  }
}
