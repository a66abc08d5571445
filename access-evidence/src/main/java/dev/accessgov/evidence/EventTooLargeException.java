package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

/**
 * An event was refused before it entered the log: its exported line would be longer than {@link
 * EvidenceEvent#MAX_LINE_BYTES}. Nothing was written; shorten the text the event carries.
 */
public final class EventTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the event and its size. */
  public EventTooLargeException(String message) {
    super(requireNonNull(message, "message"));
  }

  /** The message given at construction: which event, and how long its line would be. */
  @Override
  public String getMessage() {
    return requireNonNull(super.getMessage());
  }
}
