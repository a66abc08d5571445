package dev.accessgov.evidence;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads evidence times. Every time the library writes is {@link Instant#toString} of an instant
 * truncated to milliseconds: {@code yyyy-MM-ddTHH:mm:ssZ} or {@code yyyy-MM-ddTHH:mm:ss.SSSZ} for
 * the years 0000 to 9999. Those two shapes are read here directly, which is several times faster
 * than {@link Instant#parse}; anything else goes to {@link Instant#parse}, so the result is always
 * exactly what {@link Instant#parse} gives, or its refusal.
 */
final class CanonicalTime {
  private CanonicalTime() {}

  /**
   * The instant {@code text} denotes, as {@link Instant#parse} reads it.
   *
   * @throws DateTimeParseException if {@link Instant#parse} refuses it
   */
  static Instant parse(String text) {
    @Nullable Instant fast = shape(text) ? fields(text) : null;
    return fast != null ? fast : Instant.parse(text);
  }

  /** Whether {@code text} is {@code dddd-dd-ddTdd:dd:dd} followed by {@code Z} or {@code .dddZ}. */
  private static boolean shape(String text) {
    int length = text.length();
    if ((length != 20 && length != 24) || text.charAt(length - 1) != 'Z') {
      return false;
    }
    for (int i = 0; i < length - 1; i++) {
      char c = text.charAt(i);
      boolean ok =
          switch (i) {
            case 4, 7 -> c == '-';
            case 10 -> c == 'T';
            case 13, 16 -> c == ':';
            case 19 -> c == '.';
            default -> c >= '0' && c <= '9';
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The instant of a text of the right shape, or null when a field is out of the plain range. */
  private static @Nullable Instant fields(String text) {
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (hour > 23 || minute > 59 || second > 59) {
      return null; // Instant.parse decides: it reads 24:00 and leap seconds its own way
    }
    long day;
    try {
      day = LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    int millis = text.length() == 24 ? digits(text, 20, 3) : 0;
    return Instant.ofEpochSecond(
        day * 86_400 + hour * 3_600 + minute * 60 + second, millis * 1_000_000L);
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
