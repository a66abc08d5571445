package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Files the {@link Section}s of a control report under the controls of one framework. A section may
 * support several controls; the report lists each section once and each control names the sections
 * that evidence it.
 *
 * <pre>{@code
 * ControlMapping iso = ControlMapping.builder("ISO/IEC 27001:2022")
 *     .control("A.5.18", "Access rights", Section.GRANTS, Section.REMOVALS, Section.REVIEWS)
 *     .build();
 * }</pre>
 *
 * @param framework the framework's name, e.g. {@code SOC 2 (2017 TSC)}
 * @param controls the controls, in the order the report presents them
 */
public record ControlMapping(String framework, List<Control> controls) {

  /**
   * One control of the framework.
   *
   * @param id the framework's identifier, e.g. {@code CC6.2}
   * @param title what the control asks for, in brief
   * @param sections the sections that evidence it, at least one
   */
  public record Control(String id, String title, List<Section> sections) {
    /** Checks the fields and copies the list. */
    public Control {
      requireNonNull(id, "id");
      requireNonNull(title, "title");
      sections = List.copyOf(requireNonNull(sections, "sections"));
      if (id.isBlank() || sections.isEmpty()) {
        throw new IllegalArgumentException("a control needs an id and at least one section: " + id);
      }
    }
  }

  /** Checks the fields and copies the list. */
  public ControlMapping {
    requireNonNull(framework, "framework");
    controls = List.copyOf(requireNonNull(controls, "controls"));
    if (controls.isEmpty()) {
      throw new IllegalArgumentException("a mapping needs at least one control");
    }
  }

  /**
   * SOC 2 (2017 Trust Services Criteria, revised points of focus 2022), the default:
   *
   * <ul>
   *   <li>CC6.1, logical access security: access is restricted to what is authorised; drift
   *       findings show where it was not, and what was done;
   *   <li>CC6.2, users are registered and authorised before access is granted, and access is
   *       removed when no longer authorised: grants, removals and inactivity reclaims;
   *   <li>CC6.3, access is authorised, changed and removed by role with least privilege, and access
   *       is reviewed: grants, removals, review campaigns and the joiners, movers and leavers whose
   *       access changed with their role.
   * </ul>
   */
  public static ControlMapping soc2() {
    return builder("SOC 2 (2017 TSC)")
        .control(
            "CC6.1", "Logical access security restricts access to authorised users", Section.DRIFT)
        .control(
            "CC6.2",
            "Access is authorised before it is granted and removed when no longer authorised",
            Section.GRANTS,
            Section.REMOVALS,
            Section.RECLAIMS)
        .control(
            "CC6.3",
            "Access is granted, changed and removed by role, with least privilege, and reviewed",
            Section.GRANTS,
            Section.REMOVALS,
            Section.REVIEWS,
            Section.LIFECYCLE)
        .build();
  }

  /**
   * ISO/IEC 27001:2022 Annex A:
   *
   * <ul>
   *   <li>A.5.15, access control: access is restricted by rules, and drift findings show where it
   *       was not;
   *   <li>A.5.18, access rights: provisioned, reviewed, modified and removed under the rules —
   *       grants, removals, review campaigns, inactivity reclaims, and joiners, movers and leavers.
   * </ul>
   */
  public static ControlMapping iso27001() {
    return builder("ISO/IEC 27001:2022")
        .control("A.5.15", "Rules to control access are established and applied", Section.DRIFT)
        .control(
            "A.5.18",
            "Access rights are provisioned, reviewed, modified and removed",
            Section.GRANTS,
            Section.REMOVALS,
            Section.REVIEWS,
            Section.RECLAIMS,
            Section.LIFECYCLE)
        .build();
  }

  /** A builder for a mapping to {@code framework}. */
  public static Builder builder(String framework) {
    return new Builder(requireNonNull(framework, "framework"));
  }

  /** Builds a {@link ControlMapping}, controls in the order added. */
  public static final class Builder {
    private final String framework;
    private final List<Control> controls = new ArrayList<>();

    private Builder(String framework) {
      this.framework = framework;
    }

    /** Adds a control evidenced by {@code sections}. */
    public Builder control(String id, String title, Section... sections) {
      controls.add(new Control(id, title, List.of(sections)));
      return this;
    }

    /** The mapping. */
    public ControlMapping build() {
      return new ControlMapping(framework, controls);
    }
  }
}
