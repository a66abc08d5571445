package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a user last signed in, as far as the identity provider can tell. {@link #never()} and {@link
 * #unknown()} differ: the first is a fact (a reason to reclaim), the second is a gap (for example a
 * licence that does not report sign-ins) and must not be read as inactivity.
 *
 * @param kind which of the three cases this is
 * @param at the time, only for {@link Kind#AT}
 */
public record LastLogin(Kind kind, @Nullable Instant at) {

  /** The three cases. */
  public enum Kind {
    /** Signed in at {@link LastLogin#at()}. */
    AT,
    /** Never signed in. */
    NEVER,
    /** The provider cannot tell. */
    UNKNOWN
  }

  /** Checks {@code at} is given exactly for {@link Kind#AT}. */
  public LastLogin {
    requireNonNull(kind, "kind");
    if ((kind == Kind.AT) != (at != null)) {
      throw new IllegalArgumentException("a time is given exactly when kind is AT");
    }
  }

  /** Signed in at {@code at}. */
  public static LastLogin at(Instant at) {
    return new LastLogin(Kind.AT, requireNonNull(at, "at"));
  }

  /** Never signed in. */
  public static LastLogin never() {
    return new LastLogin(Kind.NEVER, null);
  }

  /** The provider cannot tell. */
  public static LastLogin unknown() {
    return new LastLogin(Kind.UNKNOWN, null);
  }

  /** The time, when known. */
  public Optional<Instant> time() {
    return Optional.ofNullable(at);
  }
}
