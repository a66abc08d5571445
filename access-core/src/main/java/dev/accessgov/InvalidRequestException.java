package dev.accessgov;

/**
 * A request is malformed: a blank reason, a non-positive duration, an idempotency key reused for a
 * different request. Nothing was changed; correct the request and send it again.
 */
public class InvalidRequestException extends AccessException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the bad value and what would be accepted. */
  public InvalidRequestException(String message) {
    super(message);
  }
}
