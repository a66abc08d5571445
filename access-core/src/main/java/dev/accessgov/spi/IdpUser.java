package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A user as an identity provider knows them.
 *
 * @param id the provider's immutable user id (what membership calls take)
 * @param login the login name, e.g. {@code alice@example.com}
 * @param email the primary e-mail, or null
 * @param active whether the account can sign in
 */
public record IdpUser(String id, String login, @Nullable String email, boolean active) {
  /** Checks id and login are present. */
  public IdpUser {
    requireNonNull(id, "id");
    requireNonNull(login, "login");
  }
}
