package dev.accessgov.review;

import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.policy.RiskTier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which roles a campaign reviews. Every criterion given must match; an empty set matches
 * everything, so {@link #everything()} covers the whole catalog.
 *
 * @param applications only roles of these applications (by id), or empty for any
 * @param roles only these roles, or empty for any
 * @param tiers only roles of these risk tiers, or empty for any
 */
public record ReviewScope(Set<String> applications, Set<RoleId> roles, Set<RiskTier> tiers) {

  /** Copies the sets. */
  public ReviewScope {
    applications = Set.copyOf(applications);
    roles = Set.copyOf(roles);
    tiers = Set.copyOf(tiers);
  }

  /** Every role in the catalog. */
  public static ReviewScope everything() {
    return new ReviewScope(Set.of(), Set.of(), Set.of());
  }

  /** The roles of these applications. */
  public static ReviewScope applications(String... applicationIds) {
    return new ReviewScope(Set.of(applicationIds), Set.of(), Set.of());
  }

  /** These roles. */
  public static ReviewScope roles(String... roleIds) {
    return new ReviewScope(
        Set.of(), Arrays.stream(roleIds).map(RoleId::of).collect(Collectors.toSet()), Set.of());
  }

  /** The roles of these risk tiers. */
  public static ReviewScope tiers(RiskTier... tiers) {
    return new ReviewScope(Set.of(), Set.of(), Set.of(tiers));
  }

  /** Whether the role is in scope. */
  public boolean includes(Role role) {
    return (applications.isEmpty() || applications.contains(role.applicationId()))
        && (roles.isEmpty() || roles.contains(role.id()))
        && (tiers.isEmpty() || tiers.contains(role.tier()));
  }
}
