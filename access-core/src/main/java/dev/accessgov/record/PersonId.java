package dev.accessgov.record;

import static java.util.Objects.requireNonNull;

/**
 * A person as the host application names them: usually the login or work e-mail that the people
 * directory and the identity providers also know. Compared exactly (case-sensitive).
 *
 * @param value the identifier: not blank, at most {@value dev.accessgov.InputLimits#MAX_ID_LENGTH}
 *     characters, no control characters
 */
public record PersonId(String value) {
  /**
   * Checks the value against {@link dev.accessgov.InputLimits#id}.
   *
   * @throws dev.accessgov.InvalidRequestException when it is blank, too long or not clean text
   */
  public PersonId {
    requireNonNull(value, "value");
    dev.accessgov.InputLimits.id(value, "a person id");
  }

  /** Shorthand for {@code new PersonId(value)}. */
  public static PersonId of(String value) {
    return new PersonId(value);
  }

  /** This person as an evidence actor, written {@code person:<value>}. */
  public Actor asActor() {
    return Actor.person(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
