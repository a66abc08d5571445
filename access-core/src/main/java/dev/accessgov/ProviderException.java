package dev.accessgov;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * An external system (identity provider, ticketing system, store) failed or refused a call. Carries
 * what the vendor said so it can be recorded as evidence and handed to the vendor's support:
 * provider id, operation, HTTP status, vendor error code and request id. {@link #retryable()} says
 * whether the same call may succeed later (throttling, 5xx, timeouts) or never will (400, 403,
 * 404).
 */
public class ProviderException extends AccessException {
  private static final long serialVersionUID = 1L;

  private final String providerId;
  private final String operation;
  private final int status;
  private final @Nullable String errorCode;
  private final @Nullable String requestId;
  private final boolean retryable;

  /**
   * An exception describing one failed call.
   *
   * @param providerId the provider's {@code id()}
   * @param operation what was attempted, e.g. {@code addMember}
   * @param status the HTTP status, or 0 when no response arrived
   * @param errorCode the vendor's error code, if it sent one
   * @param requestId the vendor's request id, if it sent one
   * @param retryable whether the same call may succeed later
   * @param message what happened, without secrets
   * @param cause the underlying failure, if any
   */
  public ProviderException(
      String providerId,
      String operation,
      int status,
      @Nullable String errorCode,
      @Nullable String requestId,
      boolean retryable,
      String message,
      @Nullable Throwable cause) {
    super(
        requireNonNull(providerId, "providerId")
            + " "
            + requireNonNull(operation, "operation")
            + " failed"
            + (status > 0 ? " with HTTP " + status : "")
            + (errorCode != null ? " (" + errorCode + ")" : "")
            + (requestId != null ? " [request " + requestId + "]" : "")
            + ": "
            + message,
        cause);
    this.providerId = providerId;
    this.operation = operation;
    this.status = status;
    this.errorCode = errorCode;
    this.requestId = requestId;
    this.retryable = retryable;
  }

  /** The provider's {@code id()}. */
  public String providerId() {
    return providerId;
  }

  /** The operation that failed, e.g. {@code addMember}. */
  public String operation() {
    return operation;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** The vendor's error code, or null. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /** The vendor's request id, or null. */
  public @Nullable String requestId() {
    return requestId;
  }

  /** Whether the same call may succeed if tried again later. */
  public boolean retryable() {
    return retryable;
  }
}
