package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.NotFoundException;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.JustificationRule;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.policy.SodRule;
import dev.accessgov.spi.Person;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sanctioned applications, their roles and the separation-of-duties rules between roles.
 * Immutable and thread-safe; build it once at start-up with {@link #builder()}.
 */
public final class Catalog {
  private final Map<String, Application> applications;
  private final Map<RoleId, Role> roles;
  private final List<SodRule> sodRules;
  private final JustificationRule justification;
  private final Map<RiskTier, JustificationRule> tierJustification;
  private final List<BirthrightRule> birthrights;

  private Catalog(
      Map<String, Application> applications,
      List<SodRule> sodRules,
      JustificationRule justification,
      Map<RiskTier, JustificationRule> tierJustification,
      List<BirthrightRule> birthrights) {
    this.justification = justification;
    this.tierJustification = Collections.unmodifiableMap(new EnumMap<>(tierJustification));
    // Keeps the order applications were added in, so listings and reports are stable.
    this.applications = Collections.unmodifiableMap(new LinkedHashMap<>(applications));
    Map<RoleId, Role> byId = new LinkedHashMap<>();
    for (Application app : applications.values()) {
      for (Role role : app.roles()) {
        if (byId.put(role.id(), role) != null) {
          throw new AccessConfigurationException(
              "role id "
                  + role.id()
                  + " is used twice; role ids must be unique across the catalog");
        }
      }
    }
    this.roles = byId;
    for (SodRule rule : sodRules) {
      for (RoleId id : rule.roles()) {
        if (!byId.containsKey(id)) {
          throw new AccessConfigurationException(
              "SoD rule '"
                  + rule.name()
                  + "' names unknown role "
                  + id
                  + "; known: "
                  + byId.keySet());
        }
      }
    }
    this.sodRules = List.copyOf(sodRules);
    Set<String> names = new TreeSet<>();
    for (BirthrightRule rule : birthrights) {
      if (!byId.containsKey(rule.role())) {
        throw new AccessConfigurationException(
            "birthright rule '"
                + rule.name()
                + "' names unknown role "
                + rule.role()
                + "; known: "
                + byId.keySet());
      }
      ExpiryPolicy expiry = byId.get(rule.role()).expiryPolicy();
      if (!expiry.allowsOpenEnded() && expiry.defaultDuration() == null) {
        // Onboarding asks for no duration: a role that needs one could never be given by
        // birthright.
        throw new AccessConfigurationException(
            "birthright rule '"
                + rule.name()
                + "' gives role "
                + rule.role()
                + ", which needs a duration between "
                + expiry.bounds()
                + " and has no default; give the role a default duration or choose a role that"
                + " may be open-ended");
      }
      if (!names.add(rule.name())) {
        throw new AccessConfigurationException(
            "birthright rule name '" + rule.name() + "' is used twice; give each rule its own");
      }
    }
    this.birthrights = List.copyOf(birthrights);
  }

  /** A builder for a catalog. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A catalog with no application, under which nothing can be granted. For tools that only read the
   * records and evidence of a store (reports, evidence packs, verification) and do not have the
   * application's catalog. {@link Builder#build()} still refuses an empty catalog, since an
   * application that grants access without one is misconfigured.
   */
  public static Catalog empty() {
    return new Catalog(
        Map.of(), List.of(), JustificationRule.none(), new EnumMap<>(RiskTier.class), List.of());
  }

  /** The role with this id, if the catalog has it. */
  public Optional<Role> role(RoleId id) {
    return Optional.ofNullable(roles.get(requireNonNull(id, "id")));
  }

  /**
   * The role with this id.
   *
   * @throws NotFoundException naming the id and the known roles
   */
  public Role requireRole(RoleId id) {
    return role(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "unknown role " + id + "; the catalog has " + new TreeSet<>(roleIdValues())));
  }

  /** The application with this id, if the catalog has it. */
  public Optional<Application> application(String id) {
    return Optional.ofNullable(applications.get(id));
  }

  /**
   * The application a role belongs to.
   *
   * @throws NotFoundException if the role comes from another catalog whose application this one
   *     does not have
   */
  public Application applicationOf(Role role) {
    requireNonNull(role, "role");
    Application app = applications.get(role.applicationId());
    if (app == null) {
      throw new NotFoundException(
          "role "
              + role.id()
              + " belongs to application "
              + role.applicationId()
              + ", which this catalog does not have; it has "
              + new TreeSet<>(applications.keySet()));
    }
    return app;
  }

  /** Every application, in the order they were added. */
  public Collection<Application> applications() {
    return applications.values();
  }

  /** Every role, in the order they were added. */
  public Collection<Role> roles() {
    return roles.values();
  }

  /** Every separation-of-duties rule. */
  public List<SodRule> sodRules() {
    return sodRules;
  }

  /**
   * The justification rule a request for {@code role} must meet: the role's own rule, else the
   * catalog's rule for the role's tier, else the catalog-wide default ({@link
   * JustificationRule#none()} unless set).
   */
  public JustificationRule justification(Role role) {
    requireNonNull(role, "role");
    if (role.justification() != null) {
      return role.justification();
    }
    return tierJustification.getOrDefault(role.tier(), justification);
  }

  /** The catalog-wide default justification rule. */
  public JustificationRule defaultJustification() {
    return justification;
  }

  /** The justification rules set per tier; tiers not in the map use the catalog-wide default. */
  public Map<RiskTier, JustificationRule> tierJustification() {
    return tierJustification;
  }

  /** Every birthright rule, in the order they were added. */
  public List<BirthrightRule> birthrights() {
    return birthrights;
  }

  /**
   * The birthright rules {@code person} matches (see {@link BirthrightRule#matches}), in the order
   * they were added; none for an inactive person. Pure: reads nothing but {@code person}.
   */
  public List<BirthrightRule> birthrightsFor(Person person) {
    requireNonNull(person, "person");
    return birthrights.stream().filter(r -> r.matches(person)).toList();
  }

  /**
   * The roles {@code person} should hold by birthright: the roles of the rules they match, each
   * once, in the order the rules were added; empty for an inactive person. Pure: reads nothing but
   * {@code person}.
   */
  public Set<RoleId> birthrightRolesFor(Person person) {
    Set<RoleId> roleIds = new LinkedHashSet<>();
    birthrightsFor(person).forEach(r -> roleIds.add(r.role()));
    return Collections.unmodifiableSet(roleIds);
  }

  /**
   * The approval a birthright grant of {@code role} to {@code person} needs: the most any rule they
   * match for that role asks for (see {@link BirthrightApproval}), or empty when no rule gives them
   * the role.
   */
  public Optional<BirthrightApproval> birthrightApproval(Person person, RoleId role) {
    requireNonNull(role, "role");
    return birthrightsFor(person).stream()
        .filter(r -> r.role().equals(role))
        .map(BirthrightRule::approval)
        .max(Comparator.naturalOrder());
  }

  /** The identity provider ids the catalog's groups refer to. */
  public Set<String> providerIds() {
    Set<String> ids = new TreeSet<>();
    roles.values().forEach(r -> r.groups().forEach(g -> ids.add(g.providerId())));
    return ids;
  }

  private List<String> roleIdValues() {
    return roles.keySet().stream().map(RoleId::value).toList();
  }

  /** Builds a {@link Catalog}. */
  public static final class Builder {
    private final Map<String, Application> applications = new LinkedHashMap<>();
    private final List<SodRule> sodRules = new ArrayList<>();
    private final List<BirthrightRule> birthrights = new ArrayList<>();
    private JustificationRule justification = JustificationRule.none();
    private final Map<RiskTier, JustificationRule> tierJustification =
        new EnumMap<>(RiskTier.class);

    private Builder() {}

    /**
     * The justification rule for roles that set none of their own and whose tier has none. Default:
     * {@link JustificationRule#none()} (any non-blank reason).
     */
    public Builder justification(JustificationRule rule) {
      this.justification = requireNonNull(rule, "rule");
      return this;
    }

    /**
     * The justification rule for roles of {@code tier} that set none of their own. Default: the
     * catalog-wide rule.
     */
    public Builder justification(RiskTier tier, JustificationRule rule) {
      tierJustification.put(requireNonNull(tier, "tier"), requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds an application. */
    public Builder application(Application.Builder application) {
      return application(requireNonNull(application, "application").build());
    }

    /** Adds an application. */
    public Builder application(Application application) {
      requireNonNull(application, "application");
      if (applications.putIfAbsent(application.id(), application) != null) {
        throw new AccessConfigurationException(
            "application " + application.id() + " is added twice");
      }
      return this;
    }

    /** Adds a separation-of-duties rule; its roles must be in the catalog. */
    public Builder sodRule(SodRule rule) {
      sodRules.add(requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds a birthright rule; its role must be in the catalog and its name unique. */
    public Builder birthright(BirthrightRule rule) {
      birthrights.add(requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds a birthright rule; its role must be in the catalog and its name unique. */
    public Builder birthright(BirthrightRule.Builder rule) {
      return birthright(requireNonNull(rule, "rule").build());
    }

    /**
     * Builds the catalog.
     *
     * @throws AccessConfigurationException for duplicate role ids, SoD rules or birthright rules
     *     naming unknown roles, two birthright rules with one name, or a birthright rule whose role
     *     needs a duration and has no default one
     */
    public Catalog build() {
      if (applications.isEmpty()) {
        throw new AccessConfigurationException("the catalog has no application; add one");
      }
      return new Catalog(applications, sodRules, justification, tierJustification, birthrights);
    }
  }
}
