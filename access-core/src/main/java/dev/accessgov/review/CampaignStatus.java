package dev.accessgov.review;

/** Where a review campaign stands. */
public enum CampaignStatus {
  /** Reviewers are deciding. */
  OPEN,
  /** The deadline passed; escalated items wait for their escalation reviewer. */
  ESCALATED,
  /** Every item is decided; the report is final. */
  CLOSED
}
