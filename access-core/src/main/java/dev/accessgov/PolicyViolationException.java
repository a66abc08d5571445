package dev.accessgov;

/**
 * A well-formed request that the governing policy refuses: self-approval, an approver without
 * authority for the pending step, a separation-of-duties conflict, a duration outside the role's
 * allowed window. Nothing was changed. Retrying the same request will fail the same way.
 */
public class PolicyViolationException extends AccessException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the rule, the offending value and what would be accepted. */
  public PolicyViolationException(String message) {
    super(message);
  }
}
