package dev.accessgov;

/**
 * Something a request names does not exist: an access record, a role, a person. Nothing was
 * changed.
 */
public class NotFoundException extends AccessException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names what was looked for and where. */
  public NotFoundException(String message) {
    super(message);
  }
}
