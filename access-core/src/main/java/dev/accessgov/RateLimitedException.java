package dev.accessgov;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The vendor throttled the call and retries ran out before its limit reset. Always retryable;
 * {@link #retryAt()} says when the vendor said it would accept calls again.
 */
public class RateLimitedException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Instant retryAt;

  /**
   * An exception for one call throttled with HTTP 429.
   *
   * @param providerId the provider's {@code id()}
   * @param operation what was attempted
   * @param requestId the vendor's request id, if it sent one
   * @param retryAt when the vendor's limit resets, if it said
   * @param message what happened
   */
  public RateLimitedException(
      String providerId,
      String operation,
      @Nullable String requestId,
      @Nullable Instant retryAt,
      String message) {
    this(providerId, operation, 429, null, requestId, retryAt, message);
  }

  /**
   * An exception for one throttled call, for vendors that signal throttling with another status too
   * (Google answers 403 with the reason {@code userRateLimitExceeded}).
   *
   * @param providerId the provider's {@code id()}
   * @param operation what was attempted
   * @param status the HTTP status the vendor answered
   * @param errorCode the vendor's error code or reason, if it sent one
   * @param requestId the vendor's request id, if it sent one
   * @param retryAt when the vendor's limit resets, if it said
   * @param message what happened
   */
  public RateLimitedException(
      String providerId,
      String operation,
      int status,
      @Nullable String errorCode,
      @Nullable String requestId,
      @Nullable Instant retryAt,
      String message) {
    super(providerId, operation, status, errorCode, requestId, true, message, null);
    this.retryAt = retryAt;
  }

  /** When the vendor said it would accept calls again, or null when it did not say. */
  public @Nullable Instant retryAt() {
    return retryAt;
  }
}
