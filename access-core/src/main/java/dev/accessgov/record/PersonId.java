package dev.accessgov.record;

import static java.util.Objects.requireNonNull;

/**
 * A person as the host application names them: usually the login or work e-mail that the people
 * directory and the identity providers also know. Compared exactly (case-sensitive).
 *
 * @param value the identifier, not blank
 */
public record PersonId(String value) {
  /** Checks the value is not blank. */
  public PersonId {
    requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a person id must not be blank");
    }
  }

  /** Shorthand for {@code new PersonId(value)}. */
  public static PersonId of(String value) {
    return new PersonId(value);
  }

  /** How this person appears as an evidence actor: {@code person:<value>}. */
  public String asActor() {
    return "person:" + value;
  }

  @Override
  public String toString() {
    return value;
  }
}
