package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event of a user's activity, as an {@link ActivityLog} reports it.
 *
 * @param at when the vendor says it happened
 * @param kind the vendor's name for the event, e.g. {@code user.authentication.sso}, {@code
 *     signIn}, {@code login_success}
 * @param eventId the vendor's id of the event, when it has one
 */
public record Activity(Instant at, String kind, @Nullable String eventId) {

  /** Checks the time and kind are present. */
  public Activity {
    requireNonNull(at, "at");
    requireNonNull(kind, "kind");
  }
}
