package dev.accessgov.record;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Identifies one {@link AccessRecord}. New ids are random UUIDs with an {@code ar-} prefix, so
 * several instances writing one database never collide and an id pasted into a ticket is easy to
 * recognise.
 *
 * @param value the identifier: not blank, at most {@value dev.accessgov.InputLimits#MAX_ID_LENGTH}
 *     characters, no control characters
 */
public record RecordId(String value) {
  /**
   * Checks the value against {@link dev.accessgov.InputLimits#id}.
   *
   * @throws dev.accessgov.InvalidRequestException when it is blank, too long or not clean text
   */
  public RecordId {
    requireNonNull(value, "value");
    dev.accessgov.InputLimits.id(value, "a record id");
  }

  /** Shorthand for {@code new RecordId(value)}. */
  public static RecordId of(String value) {
    return new RecordId(value);
  }

  /** A fresh random id. */
  public static RecordId random() {
    return new RecordId("ar-" + UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value;
  }
}
