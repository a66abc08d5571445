package dev.accessgov.entra.internal;

import dev.accessgov.ProviderException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Graph answered 503 with a {@code Retry-After}: retryable, and the retry waits as Graph asked.
 * Callers see it as a {@link ProviderException} with status 503. Not API.
 */
public final class ServiceBusyException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Instant retryAt;

  /** An exception for one 503 answer. */
  public ServiceBusyException(
      String providerId,
      String operation,
      @Nullable String errorCode,
      @Nullable String requestId,
      @Nullable Instant retryAt,
      String message) {
    super(providerId, operation, 503, errorCode, requestId, true, message, null);
    this.retryAt = retryAt;
  }

  /** When Graph said to try again, or null. */
  public @Nullable Instant retryAt() {
    return retryAt;
  }
}
