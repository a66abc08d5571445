package dev.accessgov.entra.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * What one Graph HTTP response said besides its body. Not API.
 *
 * @param status the HTTP status
 * @param requestId Graph's {@code request-id} header, or null
 * @param retryAfterSeconds {@code Retry-After} in seconds (a date is converted), or -1
 * @param location the {@code Location} header (redirects), or null
 */
public record ResponseMeta(
    int status, @Nullable String requestId, long retryAfterSeconds, @Nullable String location) {

  /** Reads the headers this library cares about from a response. */
  public static ResponseMeta of(Response response, Instant now) {
    return new ResponseMeta(
        response.code(),
        response.header("request-id"),
        retryAfter(response.header("Retry-After"), now),
        response.header("Location"));
  }

  /** Parses {@code Retry-After}: seconds, or an HTTP date; -1 when absent or unreadable. */
  public static long retryAfter(@Nullable String value, Instant now) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      try {
        Instant at =
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Math.max(0, at.getEpochSecond() - now.getEpochSecond());
      } catch (DateTimeParseException unreadable) {
        return -1;
      }
    }
  }

  /** When Graph said it would accept calls again, or null when it did not say. */
  public @Nullable Instant retryAt(Instant now) {
    return retryAfterSeconds >= 0 ? now.plusSeconds(retryAfterSeconds) : null;
  }
}
