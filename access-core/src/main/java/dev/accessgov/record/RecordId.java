package dev.accessgov.record;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Identifies one {@link AccessRecord}. New ids are random UUIDs with an {@code ar-} prefix, so
 * several instances writing one database never collide and an id pasted into a ticket is easy to
 * recognise.
 *
 * @param value the identifier, not blank
 */
public record RecordId(String value) {
  /** Checks the value is not blank. */
  public RecordId {
    requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a record id must not be blank");
    }
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
