package dev.accessgov.okta.internal;

import java.time.Instant;
import java.util.Locale;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.jspecify.annotations.Nullable;

/**
 * What one Okta HTTP response said besides its body: status, request id, rate-limit headers and the
 * paging cursor. Not API.
 *
 * @param status the HTTP status
 * @param requestId {@code X-Okta-Request-Id}, or null
 * @param limit {@code X-Rate-Limit-Limit}, or -1
 * @param remaining {@code X-Rate-Limit-Remaining}, or -1
 * @param reset {@code X-Rate-Limit-Reset} (epoch seconds), or null
 * @param retryAfterSeconds {@code Retry-After} in seconds, or -1
 * @param nextCursor the {@code after} cursor of the {@code Link rel="next"} header, or null
 * @param location the {@code Location} header (redirects), or null
 */
public record ResponseMeta(
    int status,
    @Nullable String requestId,
    int limit,
    int remaining,
    @Nullable Instant reset,
    long retryAfterSeconds,
    @Nullable String nextCursor,
    @Nullable String location) {

  /** Reads the headers this library cares about from a response. */
  public static ResponseMeta of(HttpResponse response) {
    String next = null;
    for (Header link : response.getHeaders("Link")) {
      String cursor = Links.nextCursor(link.getValue());
      if (cursor != null) {
        next = cursor;
      }
    }
    long resetSeconds = number(response, "X-Rate-Limit-Reset");
    return new ResponseMeta(
        response.getCode(),
        text(response, "X-Okta-Request-Id"),
        (int) number(response, "X-Rate-Limit-Limit"),
        (int) number(response, "X-Rate-Limit-Remaining"),
        resetSeconds < 0 ? null : Instant.ofEpochSecond(resetSeconds),
        number(response, "Retry-After"),
        next,
        text(response, "Location"));
  }

  private static @Nullable String text(HttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  private static long number(HttpResponse response, String name) {
    String value = text(response, name);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim().toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      // Retry-After may be an HTTP date; Okta sends seconds, so a date is treated as absent.
      return -1;
    }
  }

  /** When Okta said it would accept calls again: the reset time, else Retry-After, else null. */
  public @Nullable Instant retryAt(Instant now) {
    if (reset != null) {
      return reset;
    }
    return retryAfterSeconds >= 0 ? now.plusSeconds(retryAfterSeconds) : null;
  }
}
