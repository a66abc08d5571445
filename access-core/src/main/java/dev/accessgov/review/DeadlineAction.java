package dev.accessgov.review;

/** What happens to an item nobody decided by the campaign's deadline. */
public enum DeadlineAction {
  /** Remove the access, as a decision of {@code system:review-deadline}. */
  REVOKE,
  /** Keep the access and record that it was kept without a decision (an exception). */
  KEEP_WITH_EXCEPTION,
  /**
   * Hand the item to the escalation reviewer with a new deadline; what is still undecided then is
   * revoked.
   */
  ESCALATE
}
