package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

/**
 * One member of a group, as listed by the identity provider.
 *
 * @param userId the provider's user id
 * @param login the user's login name
 */
public record Member(String userId, String login) {
  /** Checks both are present. */
  public Member {
    requireNonNull(userId, "userId");
    requireNonNull(login, "login");
  }
}
