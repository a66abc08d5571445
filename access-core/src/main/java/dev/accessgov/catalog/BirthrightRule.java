package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.InputLimits;
import dev.accessgov.spi.Person;
import dev.accessgov.spi.PersonAttribute;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A role every person with given directory attributes should hold from the day they join: "every
 * engineer gets github/read", "every contractor in Berlin gets the badge system". A person matches
 * when, for every attribute the rule names, their value is one of the rule's values (compared
 * ignoring case and surrounding spaces); a person without a value for a named attribute does not
 * match. A rule with no condition must say so with {@link Builder#everyone()}, so that a forgotten
 * condition never gives a role to the whole company. No scripting. Immutable.
 *
 * <pre>{@code
 * BirthrightRule.builder("engineering-github")
 *     .role("github/read")
 *     .department("engineering")
 *     .location("Berlin", "Paris")
 *     .build();
 * }</pre>
 */
public final class BirthrightRule {
  private final String name;
  private final RoleId role;
  private final Map<PersonAttribute, Set<String>> conditions;
  private final BirthrightApproval approval;

  private BirthrightRule(Builder b, RoleId role) {
    this.name = b.name;
    this.role = role;
    EnumMap<PersonAttribute, Set<String>> copy = new EnumMap<>(PersonAttribute.class);
    b.conditions.forEach(
        (k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    this.conditions = Collections.unmodifiableMap(copy);
    this.approval = b.approval;
  }

  /**
   * A builder for the rule named {@code name}; a role and a condition (or {@link
   * Builder#everyone()}) are required.
   *
   * @param name unique in the catalog; evidence names the rule by it
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The rule's name, unique in its catalog. */
  public String name() {
    return name;
  }

  /** The role the rule gives. */
  public RoleId role() {
    return role;
  }

  /**
   * The rule's conditions: for each attribute, the values one of which a person must have. Empty
   * only for a rule that matches {@link #everyone()}.
   */
  public Map<PersonAttribute, Set<String>> conditions() {
    return conditions;
  }

  /** Whether the rule gives its role to every active person. */
  public boolean everyone() {
    return conditions.isEmpty();
  }

  /** The approval a grant under this rule needs. Default {@link BirthrightApproval#AUTOMATIC}. */
  public BirthrightApproval approval() {
    return approval;
  }

  /**
   * Whether {@code person} should hold the role by this rule: they are active and meet every
   * condition. Pure: reads nothing but {@code person}.
   */
  public boolean matches(Person person) {
    requireNonNull(person, "person");
    if (!person.active()) {
      return false;
    }
    for (Map.Entry<PersonAttribute, Set<String>> c : conditions.entrySet()) {
      String value = person.attribute(c.getKey());
      if (value == null || c.getValue().stream().noneMatch(v -> same(v, value))) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(String expected, String actual) {
    return expected
        .strip()
        .toLowerCase(Locale.ROOT)
        .equals(actual.strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof BirthrightRule r
        && name.equals(r.name)
        && role.equals(r.role)
        && conditions.equals(r.conditions)
        && approval == r.approval;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, role, conditions, approval);
  }

  @Override
  public String toString() {
    return "BirthrightRule["
        + name
        + ": "
        + role
        + " for "
        + (everyone() ? "everyone" : conditions)
        + ", "
        + approval.key()
        + "]";
  }

  /** Builds a {@link BirthrightRule}. */
  public static final class Builder {
    private final String name;
    private @Nullable RoleId role;
    private final Map<PersonAttribute, Set<String>> conditions =
        new EnumMap<>(PersonAttribute.class);
    private boolean everyone;
    private BirthrightApproval approval = BirthrightApproval.AUTOMATIC;

    private Builder(String name) {
      this.name = InputLimits.id(name, "a birthright rule name");
    }

    /** The role the rule gives. Required. */
    public Builder role(String role) {
      return role(RoleId.of(role));
    }

    /** The role the rule gives. Required. */
    public Builder role(RoleId role) {
      this.role = requireNonNull(role, "role");
      return this;
    }

    /**
     * Requires {@code attribute} to be one of {@code oneOf}. Naming an attribute again adds values.
     *
     * @throws AccessConfigurationException when no value, or a blank one, is given
     */
    public Builder when(PersonAttribute attribute, Collection<String> oneOf) {
      requireNonNull(attribute, "attribute");
      requireNonNull(oneOf, "oneOf");
      if (oneOf.isEmpty()) {
        throw new AccessConfigurationException(
            "birthright rule '" + name + "' lists no value for " + attribute.key() + "; give one");
      }
      for (String v : oneOf) {
        if (v == null || v.isBlank()) {
          throw new AccessConfigurationException(
              "birthright rule '"
                  + name
                  + "' has a blank value for "
                  + attribute.key()
                  + "; give the directory's value");
        }
      }
      conditions.computeIfAbsent(attribute, a -> new LinkedHashSet<>()).addAll(oneOf);
      return this;
    }

    /** Requires the person's department to be one of {@code oneOf}. */
    public Builder department(String... oneOf) {
      return when(PersonAttribute.DEPARTMENT, List.of(oneOf));
    }

    /** Requires the person's title to be one of {@code oneOf}. */
    public Builder title(String... oneOf) {
      return when(PersonAttribute.TITLE, List.of(oneOf));
    }

    /** Requires the person's location to be one of {@code oneOf}. */
    public Builder location(String... oneOf) {
      return when(PersonAttribute.LOCATION, List.of(oneOf));
    }

    /** Requires the person's employment type to be one of {@code oneOf}. */
    public Builder employmentType(String... oneOf) {
      return when(PersonAttribute.EMPLOYMENT_TYPE, List.of(oneOf));
    }

    /** Gives the role to every active person; the rule then takes no condition. */
    public Builder everyone() {
      this.everyone = true;
      return this;
    }

    /** The approval grants under this rule need. Default {@link BirthrightApproval#AUTOMATIC}. */
    public Builder approval(BirthrightApproval approval) {
      this.approval = requireNonNull(approval, "approval");
      return this;
    }

    /**
     * Builds the rule; the catalog checks that its role exists.
     *
     * @throws AccessConfigurationException when the role is missing, when there is no condition and
     *     {@link #everyone()} was not called, or when both were given
     */
    public BirthrightRule build() {
      if (role == null) {
        throw new AccessConfigurationException(
            "birthright rule '" + name + "' names no role; set role(...)");
      }
      if (conditions.isEmpty() && !everyone) {
        throw new AccessConfigurationException(
            "birthright rule '"
                + name
                + "' has no condition and would give "
                + role
                + " to everyone; add a condition (department, title, location, employmentType)"
                + " or say everyone()");
      }
      if (!conditions.isEmpty() && everyone) {
        throw new AccessConfigurationException(
            "birthright rule '"
                + name
                + "' is for everyone() but also has conditions "
                + conditions.keySet()
                + "; drop one or the other");
      }
      return new BirthrightRule(this, role);
    }
  }
}
