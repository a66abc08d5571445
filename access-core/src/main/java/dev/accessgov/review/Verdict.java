package dev.accessgov.review;

/** A reviewer's answer to a review item. */
public enum Verdict {
  /** The access is still needed. */
  KEEP,
  /** The access goes, at once. */
  REVOKE
}
