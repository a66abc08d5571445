package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The stretch of time a report covers: from {@code from}, inclusive, to {@code to}, exclusive, so
 * that consecutive periods (one quarter, then the next) never count an event twice.
 *
 * @param from the first instant in the period
 * @param to the first instant after the period; after {@code from}
 */
public record Period(Instant from, Instant to) {

  /** Checks that the period is not empty. */
  public Period {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException(
          "a period must end after it starts: " + from + " .. " + to);
    }
  }

  /** Shorthand for {@code new Period(from, to)}. */
  public static Period of(Instant from, Instant to) {
    return new Period(from, to);
  }

  /** Whether {@code instant} falls within the period. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }

  @Override
  public String toString() {
    return from + " .. " + to;
  }
}
