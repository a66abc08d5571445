package dev.accessgov;

/**
 * The operation does not fit the record's current state: approving a denied or expired record,
 * revoking access that is already being removed, granting a role the subject already holds. Nothing
 * was changed; read the record again to see where it stands.
 */
public class StateConflictException extends AccessException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception whose message names the record, its state and the states that would be accepted.
   */
  public StateConflictException(String message) {
    super(message);
  }
}
