package dev.accessgov.record;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The answer to one walkthrough question: given, not due yet in this state, or missing. */
public sealed interface Answer {

  /** The answer as one line of text. */
  String text();

  /** Whether this answer is a defect: the record should answer but cannot. */
  default boolean isMissing() {
    return this instanceof Missing;
  }

  /**
   * An answer backed by evidence.
   *
   * @param text the answer
   * @param evidence sequence numbers of the events that prove it
   */
  record Given(String text, List<Long> evidence) implements Answer {
    /** Copies the list. */
    public Given {
      requireNonNull(text, "text");
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * The question has no answer yet because of the record's state (e.g. removal of active access).
   *
   * @param text why, e.g. {@code still active}
   */
  record NotYet(String text) implements Answer {
    /** Checks the text. */
    public NotYet {
      requireNonNull(text, "text");
    }
  }

  /**
   * The record should answer but its timeline lacks the evidence: a defect.
   *
   * @param text what is missing
   */
  record Missing(String text) implements Answer {
    /** Checks the text. */
    public Missing {
      requireNonNull(text, "text");
    }
  }
}
