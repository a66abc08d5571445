package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
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
 */
public record Role(
    RoleId id,
    String name,
    String applicationId,
    List<GroupRef> groups,
    RiskTier tier,
    ApprovalPolicy approvalPolicy,
    ExpiryPolicy expiryPolicy) {

  /** Checks the role can be granted and, for tiers that must expire, that it does. */
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

    Role build(String applicationId) {
      return new Role(
          id,
          name != null ? name : id.value(),
          applicationId,
          groups,
          tier,
          approvalPolicy != null ? approvalPolicy : tier.defaultApprovalPolicy(),
          expiryPolicy != null ? expiryPolicy : tier.defaultExpiryPolicy());
    }
  }
}
