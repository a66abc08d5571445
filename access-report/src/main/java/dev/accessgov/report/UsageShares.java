package dev.accessgov.report;

import org.jspecify.annotations.Nullable;

/**
 * How the time-bound grants of a period were used, approved and extended.
 *
 * @param grants time-bound requests of the period that became active
 * @param used grants whose usage evidence ({@code USAGE_OBSERVED}, phase {@code WINDOW}) counted at
 *     least one event in the grant's window
 * @param neverUsed grants whose usage evidence is flagged {@code NEVER_USED}
 * @param notMeasured grants without such evidence: still active, or the provider keeps no activity
 *     log, or asking it failed
 * @param approved time-bound requests of the period that got past approval
 * @param automated of those, the ones approved by policy alone
 * @param extensions how many times the grants were extended, in all
 */
public record UsageShares(
    int grants,
    int used,
    int neverUsed,
    int notMeasured,
    int approved,
    int automated,
    int extensions) {

  /** Checks that the counts add up. */
  public UsageShares {
    if (used < 0 || neverUsed < 0 || notMeasured < 0 || used + neverUsed + notMeasured != grants) {
      throw new IllegalArgumentException(
          "used + neverUsed + notMeasured must be grants: "
              + used
              + " + "
              + neverUsed
              + " + "
              + notMeasured
              + " != "
              + grants);
    }
    if (automated < 0 || automated > approved || extensions < 0) {
      throw new IllegalArgumentException(
          "need 0 <= automated <= approved and extensions >= 0, were "
              + automated
              + ", "
              + approved
              + ", "
              + extensions);
    }
  }

  /** Used grants among the measured ones ({@code used / (used + neverUsed)}), or null if none. */
  public @Nullable Double shareUsed() {
    int measured = used + neverUsed;
    return measured == 0 ? null : (double) used / measured;
  }

  /** The share of approved requests approved by policy alone, or null when none was approved. */
  public @Nullable Double shareAutomated() {
    return approved == 0 ? null : (double) automated / approved;
  }

  /** Extensions per grant, or null when there was no grant. */
  public @Nullable Double extensionsPerGrant() {
    return grants == 0 ? null : (double) extensions / grants;
  }
}
