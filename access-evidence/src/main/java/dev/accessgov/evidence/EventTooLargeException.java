package dev.accessgov.evidence;

/**
 * An event was refused before it entered the log: its exported line would be longer than {@link
 * EvidenceEvent#MAX_LINE_BYTES}. Nothing was written; shorten the text the event carries.
 */
public final class EventTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the event and its size. */
  public EventTooLargeException(String message) {
    super(message);
  }
}
