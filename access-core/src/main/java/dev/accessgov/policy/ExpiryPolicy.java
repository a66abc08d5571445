package dev.accessgov.policy;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.PolicyViolationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How long access granted through a role may last.
 *
 * <p>No duration anywhere in the library may exceed {@link #LONGEST} (100 years): a grant, an
 * extension, a policy bound. That keeps every end time representable, whatever is requested.
 *
 * @param required whether every grant must end (no open-ended access)
 * @param minimum the shortest duration accepted, or null for no lower bound
 * @param defaultDuration used when a request names no duration, or null
 * @param maximum the longest duration accepted, or null for no upper bound
 */
public record ExpiryPolicy(
    boolean required,
    @Nullable Duration minimum,
    @Nullable Duration defaultDuration,
    @Nullable Duration maximum) {

  /**
   * The longest duration accepted anywhere it becomes a point in time: 36,525 days (100 years). A
   * longer requested duration is refused with an {@link InvalidRequestException}, so adding any
   * accepted duration to any time the service works with stays a representable {@link
   * java.time.Instant}.
   */
  public static final Duration LONGEST = Duration.ofDays(36_525);

  private static final ExpiryPolicy NONE = new ExpiryPolicy(false, null, null, null);

  /**
   * Checks the bounds are positive, at most {@link #LONGEST} and ordered, and that required access
   * can end.
   */
  public ExpiryPolicy {
    checkPositive("minimum", minimum);
    checkPositive("defaultDuration", defaultDuration);
    checkPositive("maximum", maximum);
    if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
      throw new IllegalArgumentException("minimum " + minimum + " exceeds maximum " + maximum);
    }
    if (defaultDuration != null && !within(defaultDuration, minimum, maximum)) {
      throw new IllegalArgumentException(
          "default " + defaultDuration + " lies outside " + minimum + ".." + maximum);
    }
    if (required && maximum == null) {
      throw new IllegalArgumentException("an expiry that is required needs a maximum duration");
    }
  }

  /** Access may be open-ended; a requested duration is honoured as given. */
  public static ExpiryPolicy none() {
    return NONE;
  }

  /** Every grant must name a duration between {@code minimum} and {@code maximum}. */
  public static ExpiryPolicy required(Duration minimum, Duration maximum) {
    return new ExpiryPolicy(true, minimum, null, maximum);
  }

  /** Like {@link #required}, but a grant that names no duration gets {@code defaultDuration}. */
  public static ExpiryPolicy required(
      Duration minimum, Duration defaultDuration, Duration maximum) {
    return new ExpiryPolicy(true, minimum, defaultDuration, maximum);
  }

  /** The steps a request form offers, where a role's window allows them. */
  private static final List<Duration> STEPS =
      List.of(
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(4),
          Duration.ofHours(8),
          Duration.ofHours(12),
          Duration.ofDays(1),
          Duration.ofDays(2),
          Duration.ofDays(3),
          Duration.ofDays(7),
          Duration.ofDays(14),
          Duration.ofDays(30),
          Duration.ofDays(60),
          Duration.ofDays(90),
          Duration.ofDays(180),
          Duration.ofDays(365));

  /**
   * The durations a request form (a Jira select list, a Slack modal) offers for this window,
   * shortest first: the common steps from 15 minutes to a year that lie within [{@code minimum},
   * {@code maximum}], the default and the maximum. Every one is accepted by {@link #resolve}. Empty
   * when the window holds none of the steps and has neither a default nor a maximum.
   */
  public List<Duration> offeredDurations() {
    TreeSet<Duration> offered = new TreeSet<>();
    for (Duration d : STEPS) {
      if ((minimum == null || d.compareTo(minimum) >= 0)
          && (maximum == null || d.compareTo(maximum) <= 0)) {
        offered.add(d);
      }
    }
    if (defaultDuration != null) {
      offered.add(defaultDuration);
    }
    if (maximum != null) {
      offered.add(maximum);
    }
    return List.copyOf(offered);
  }

  /** Whether grants may be open-ended. */
  public boolean allowsOpenEnded() {
    return !required;
  }

  /**
   * The duration a grant gets: the requested one if it fits, the default if none was requested, or
   * empty for open-ended access.
   *
   * @param requested the duration the request named, if any
   * @param subjectOfMessage how to name the role in an error, e.g. {@code role github/admin}
   * @throws PolicyViolationException when the duration is missing but required, or out of bounds
   */
  public Optional<Duration> resolve(Optional<Duration> requested, String subjectOfMessage) {
    if (requested.isEmpty()) {
      if (defaultDuration != null) {
        return Optional.of(defaultDuration);
      }
      if (required) {
        throw new PolicyViolationException(
            subjectOfMessage + " needs a duration between " + bounds() + "; none was given");
      }
      return Optional.empty();
    }
    Duration d = requested.get();
    if (!within(d, minimum, maximum)) {
      throw new PolicyViolationException(
          "duration " + d + " for " + subjectOfMessage + " is outside the allowed " + bounds());
    }
    return requested;
  }

  /** The allowed window as text, e.g. {@code PT1H..PT24H}. */
  public String bounds() {
    return (minimum == null ? "0" : minimum.toString())
        + ".."
        + (maximum == null ? "unbounded" : maximum.toString());
  }

  private static boolean within(
      Duration d, @Nullable Duration minimum, @Nullable Duration maximum) {
    return (minimum == null || d.compareTo(minimum) >= 0)
        && (maximum == null || d.compareTo(maximum) <= 0);
  }

  /**
   * Checks that a requested duration can become an end time: positive and at most {@link #LONGEST}.
   * Runs before anything is written.
   *
   * @param d the duration a caller asked for
   * @param what how to name it in an error, e.g. {@code duration} or {@code an extension}
   * @return {@code d}
   * @throws InvalidRequestException naming {@code d} and the accepted range
   */
  public static Duration checkRequested(Duration d, String what) {
    if (d.isZero() || d.isNegative()) {
      throw new InvalidRequestException(what + " must be positive, was " + d);
    }
    if (d.compareTo(LONGEST) > 0) {
      throw new InvalidRequestException(
          what
              + " "
              + d
              + " exceeds the longest accepted duration "
              + LONGEST
              + " (100 years); ask for at most that");
    }
    return d;
  }

  private static void checkPositive(String name, @Nullable Duration d) {
    if (d != null && (d.isZero() || d.isNegative())) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    if (d != null && d.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(
          name + " " + d + " exceeds the longest accepted duration " + LONGEST + " (100 years)");
    }
  }
}
