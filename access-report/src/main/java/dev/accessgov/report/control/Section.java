package dev.accessgov.report.control;

import java.util.Locale;

/**
 * A part of a {@link dev.accessgov.report.ControlReport}. Sections are what the library observes; a
 * {@link ControlMapping} says which framework controls each one supports, so one report serves SOC
 * 2, ISO 27001 or an in-house framework alike.
 */
public enum Section {
  /** Requests made in the period, with who approved or denied them and when access began. */
  GRANTS("Access requests and their approvals"),
  /** Access that ended in the period: the trigger and the time to the provider's confirmation. */
  REMOVALS("Access removals, from trigger to the identity provider's confirmation"),
  /** Review campaigns with decisions in the period: completion per reviewer, every decision. */
  REVIEWS("Access review campaigns"),
  /** Access removed for inactivity in the period, with the policy and the last sign-in used. */
  RECLAIMS("Inactivity reclaims"),
  /** Disagreements between the identity providers and the records found in the period. */
  DRIFT("Drift between the identity providers and the records"),
  LIFECYCLE("Joiners, movers and leavers, from the lifecycle call to the identity provider");

  private final String title;

  Section(String title) {
    this.title = title;
  }

  /** The section's stable id in JSON output, e.g. {@code grants}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A heading for people. */
  public String title() {
    return title;
  }
}
