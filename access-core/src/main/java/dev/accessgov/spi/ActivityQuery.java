package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Whose activity an {@link ActivityLog} is asked for, for which application and when.
 *
 * @param userId the user's id in the identity provider (as {@link IdpUser#id()} gives it)
 * @param application the catalog's id of the application behind the role (e.g. {@code github}).
 *     Each provider maps it to the vendor's id of the application (an Okta app instance id, an
 *     Entra application's {@code appId}, a Google OAuth client id) as its builder was told; for an
 *     application it was told nothing about it reports the user's activity with any application,
 *     and the page's {@link ActivityPage#query()} shows that no application was filtered on
 * @param from the start of the window, inclusive
 * @param to the end of the window, exclusive; after {@code from}
 */
public record ActivityQuery(String userId, String application, Instant from, Instant to) {

  /** Checks the fields and that the window is not empty or reversed. */
  public ActivityQuery {
    requireNonNull(userId, "userId");
    requireNonNull(application, "application");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException(
          "an activity window ends after it starts; was " + from + " to " + to);
    }
  }

  /** Whether {@code at} lies in the window: {@code from <= at < to}. */
  public boolean contains(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }
}
