package dev.accessgov.google;

import dev.accessgov.RateLimitedException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Google throttled the call and retries ran out within the operation's time budget. Google signals
 * throttling two ways: HTTP 429, and HTTP 403 with the reason {@code userRateLimitExceeded}, {@code
 * rateLimitExceeded} or {@code quotaExceeded}; {@link #status()} and {@link #errorCode()} say which
 * it was. Always retryable.
 */
public final class GoogleRateLimitedException extends RateLimitedException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception for one throttled call.
   *
   * @param providerId the provider's {@code id()}
   * @param operation what was attempted
   * @param status the HTTP status Google answered, 429 or 403
   * @param reason Google's reason, e.g. {@code userRateLimitExceeded}, or null when it sent none
   * @param requestId the request id the answer carried, if any
   * @param retryAt when Google said to try again ({@code Retry-After}), if it said
   * @param message what Google said
   */
  public GoogleRateLimitedException(
      String providerId,
      String operation,
      int status,
      @Nullable String reason,
      @Nullable String requestId,
      @Nullable Instant retryAt,
      String message) {
    super(providerId, operation, status, reason, requestId, retryAt, message);
  }
}
