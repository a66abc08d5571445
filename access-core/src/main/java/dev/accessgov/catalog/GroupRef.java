package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A group in one identity provider; membership of the group is what a role grants.
 *
 * @param providerId the {@code id()} of the {@link dev.accessgov.spi.IdentityProvider} holding it
 * @param groupId the group's identifier in that provider
 */
public record GroupRef(String providerId, String groupId) {
  /** Checks both parts are present. */
  public GroupRef {
    requireNonNull(providerId, "providerId");
    requireNonNull(groupId, "groupId");
    if (providerId.isBlank() || groupId.isBlank()) {
      throw new IllegalArgumentException("provider id and group id must not be blank");
    }
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
