package dev.accessgov.review;

/** Where a review campaign stands. */
public enum CampaignStatus {
  /**
   * Its items are being built from live membership and stored in batches; nobody decides yet. A
   * start that died leaves the campaign so, and it is never opened.
   */
  STARTING,
  /** Reviewers are deciding. */
  OPEN,
  /** The deadline passed; escalated items wait for their escalation reviewer. */
  ESCALATED,
  /** Every item is decided; the report is final. */
  CLOSED;

  /** Whether items take decisions and hand-overs: {@link #OPEN} or {@link #ESCALATED}. */
  public boolean isOpen() {
    return this == OPEN || this == ESCALATED;
  }
}
