package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A group in one identity provider; membership of the group is what a role grants.
 *
 * @param providerId the {@code id()} of the {@link dev.accessgov.spi.IdentityProvider} holding it
 * @param groupId the group's identifier in that provider
 */
public record GroupRef(String providerId, String groupId) {
  /** Checks both parts against {@link dev.accessgov.InputLimits#id}. */
  public GroupRef {
    requireNonNull(providerId, "providerId");
    requireNonNull(groupId, "groupId");
    dev.accessgov.InputLimits.id(providerId, "a provider id");
    dev.accessgov.InputLimits.id(groupId, "a group id");
  }

  /** Shorthand for {@code new GroupRef(providerId, groupId)}. */
  public static GroupRef of(String providerId, String groupId) {
    return new GroupRef(providerId, groupId);
  }

  @Override
  public String toString() {
    return providerId + ":" + groupId;
  }
}
