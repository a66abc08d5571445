package dev.accessgov.review;

/** How a review item passes from one reviewer to another. */
public enum Handover {
  /** Given on by a person (delegation, reassignment): whether it is escalated does not change. */
  DELEGATE,
  /** Escalated at the deadline: the item is marked escalated, and stays so. */
  ESCALATE
}
