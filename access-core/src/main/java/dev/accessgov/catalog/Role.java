package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.JustificationRule;
import dev.accessgov.policy.RiskTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Something a person can be granted in an {@link Application}: membership of one or more identity
 * provider groups, governed by a risk tier and its approval and expiry policies.
 *
 * @param id unique across the catalog
 * @param name human-readable name
 * @param applicationId the application the role belongs to
 * @param groups the groups a grant adds the subject to, at least one, no duplicates
 * @param tier the risk tier
 * @param approvalPolicy who must approve
 * @param expiryPolicy how long a grant may last
 * @param maxLifetime the longest total life of a grant, counted from its activation, that no
 *     extension may pass; null for no cap (only for roles whose grants may be open-ended). At least
 *     the expiry policy's maximum, so every grant the policy allows can start within it.
 * @param justification what a request's reason must hold for this role; null to use the catalog's
 *     rule for the role's tier (see {@link Catalog#justification(Role)})
 */
public record Role(
    RoleId id,
    String name,
    String applicationId,
    List<GroupRef> groups,
    RiskTier tier,
    ApprovalPolicy approvalPolicy,
    ExpiryPolicy expiryPolicy,
    @Nullable Duration maxLifetime,
    @Nullable JustificationRule justification) {

  /**
   * Checks the role can be granted, that roles of tiers that must expire do, and that the lifetime
   * cap holds the longest grant the expiry policy allows.
   */
  public Role {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(applicationId, "applicationId");
    groups = List.copyOf(new LinkedHashSet<>(requireNonNull(groups, "groups")));
    requireNonNull(tier, "tier");
    requireNonNull(approvalPolicy, "approvalPolicy");
    requireNonNull(expiryPolicy, "expiryPolicy");
    if (groups.isEmpty()) {
      throw new AccessConfigurationException(
          "role " + id + " maps to no group; add at least one GroupRef(providerId, groupId)");
    }
    if (tier.requiresExpiry() && expiryPolicy.allowsOpenEnded()) {
      throw new AccessConfigurationException(
          "role "
              + id
              + " is "
              + tier
              + " but its expiry policy allows open-ended access; use ExpiryPolicy.required(...)");
    }
    if (maxLifetime != null) {
      checkLifetime(id, expiryPolicy, maxLifetime);
    }
  }

  /** A role with no justification rule of its own (the catalog's rule for its tier applies). */
  public Role(
      RoleId id,
      String name,
      String applicationId,
      List<GroupRef> groups,
      RiskTier tier,
      ApprovalPolicy approvalPolicy,
      ExpiryPolicy expiryPolicy,
      @Nullable Duration maxLifetime) {
    this(id, name, applicationId, groups, tier, approvalPolicy, expiryPolicy, maxLifetime, null);
  }

  /**
   * A role with the lifetime cap its tier gives it by default ({@link
   * RiskTier#defaultMaxLifetime()}; none when the expiry policy allows open-ended access).
   */
  public Role(
      RoleId id,
      String name,
      String applicationId,
      List<GroupRef> groups,
      RiskTier tier,
      ApprovalPolicy approvalPolicy,
      ExpiryPolicy expiryPolicy) {
    this(
        id,
        name,
        applicationId,
        groups,
        tier,
        approvalPolicy,
        expiryPolicy,
        defaultLifetime(tier, expiryPolicy));
  }

  private static @Nullable Duration defaultLifetime(RiskTier tier, ExpiryPolicy expiry) {
    return requireNonNull(expiry, "expiryPolicy").allowsOpenEnded()
        ? null
        : requireNonNull(tier, "tier").defaultMaxLifetime().orElse(null);
  }

  private static void checkLifetime(RoleId id, ExpiryPolicy expiry, Duration maxLifetime) {
    if (maxLifetime.isZero()
        || maxLifetime.isNegative()
        || maxLifetime.compareTo(ExpiryPolicy.LONGEST) > 0) {
      throw new AccessConfigurationException(
          "role "
              + id
              + ": maxLifetime must be positive and at most "
              + ExpiryPolicy.LONGEST
              + ", was "
              + maxLifetime);
    }
    if (expiry.allowsOpenEnded()) {
      throw new AccessConfigurationException(
          "role "
              + id
              + " has maxLifetime "
              + maxLifetime
              + " but its expiry policy allows open-ended access, which no cap can bound; use"
              + " ExpiryPolicy.required(...) or drop the cap");
    }
    Duration longestGrant = requireNonNull(expiry.maximum(), "maximum");
    if (maxLifetime.compareTo(longestGrant) < 0) {
      throw new AccessConfigurationException(
          "role "
              + id
              + ": maxLifetime "
              + maxLifetime
              + " is shorter than the longest grant its expiry policy allows, "
              + longestGrant
              + "; set Role.Builder.maxLifetime(...) to at least "
              + longestGrant
              + " or lower the expiry maximum");
    }
  }

  /**
   * A builder for a role with the given id; tier, policies and name have defaults (see the
   * setters).
   */
  public static Builder builder(String id) {
    return new Builder(CatalogIds.checked(() -> RoleId.of(id)));
  }

  /** Builds a {@link Role}; the application id is filled in by {@link Application.Builder}. */
  public static final class Builder {
    private final RoleId id;
    private @Nullable String name;
    private final List<GroupRef> groups = new ArrayList<>();
    private RiskTier tier = RiskTier.STANDARD;
    private @Nullable ApprovalPolicy approvalPolicy;
    private @Nullable ExpiryPolicy expiryPolicy;
    private @Nullable Duration maxLifetime;
    private @Nullable JustificationRule justification;

    private Builder(RoleId id) {
      this.id = id;
    }

    /** Human-readable name. Default: the id. */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** Adds a group the role grants membership of. At least one is required. */
    public Builder group(String providerId, String groupId) {
      groups.add(CatalogIds.checked(() -> GroupRef.of(providerId, groupId)));
      return this;
    }

    /** The risk tier. Default: {@link RiskTier#STANDARD}. */
    public Builder tier(RiskTier tier) {
      this.tier = requireNonNull(tier, "tier");
      return this;
    }

    /** Who must approve. Default: the tier's {@link RiskTier#defaultApprovalPolicy()}. */
    public Builder approval(ApprovalPolicy approvalPolicy) {
      this.approvalPolicy = requireNonNull(approvalPolicy, "approvalPolicy");
      return this;
    }

    /** How long a grant may last. Default: the tier's {@link RiskTier#defaultExpiryPolicy()}. */
    public Builder expiry(ExpiryPolicy expiryPolicy) {
      this.expiryPolicy = requireNonNull(expiryPolicy, "expiryPolicy");
      return this;
    }

    /**
     * The longest total life of a grant, counted from activation, that extensions cannot pass; a
     * longer need takes a new request. At least the expiry policy's maximum, and only for an expiry
     * policy that requires an end. Default: the tier's {@link RiskTier#defaultMaxLifetime()} when
     * the expiry policy requires an end, otherwise none.
     */
    public Builder maxLifetime(Duration maxLifetime) {
      this.maxLifetime = requireNonNull(maxLifetime, "maxLifetime");
      return this;
    }

    /**
     * What a request's reason must hold for this role; overrides the catalog's rule for the tier.
     * Default: none of its own, so {@link Catalog.Builder#justification(RiskTier,
     * JustificationRule)} or {@link Catalog.Builder#justification(JustificationRule)} applies.
     */
    public Builder justification(JustificationRule justification) {
      this.justification = requireNonNull(justification, "justification");
      return this;
    }

    Role build(String applicationId) {
      ExpiryPolicy expiry = expiryPolicy != null ? expiryPolicy : tier.defaultExpiryPolicy();
      return new Role(
          id,
          name != null ? name : id.value(),
          applicationId,
          groups,
          tier,
          approvalPolicy != null ? approvalPolicy : tier.defaultApprovalPolicy(),
          expiry,
          maxLifetime != null ? maxLifetime : defaultLifetime(tier, expiry),
          justification);
    }
  }
}
