package dev.accessgov.spi;

/** What a membership change did. Each value is a success: add and remove are idempotent. */
public enum MembershipOutcome {
  /** The user was added to the group. */
  ADDED,
  /** The user was already a member; nothing changed. */
  ALREADY_MEMBER,
  /** The user was removed from the group. */
  REMOVED,
  /** The user was not a member; nothing changed. */
  NOT_A_MEMBER
}
