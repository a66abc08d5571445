package dev.accessgov.record;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InputLimits;
import dev.accessgov.InvalidRequestException;

/**
 * Who or what did something the evidence records: a {@link Person}, or a {@link Service} (the
 * library acting on its own, such as {@code expiry}, or a provider acting through it, such as a
 * ticketing system).
 *
 * <p>{@code toString()} is the actor's form in evidence ({@code person:<id>} or {@code
 * system:<name>}, the {@code actor} field of {@code FORMAT.md}) and {@link #parse} reads it back:
 * {@code Actor.parse(event.actor())} types the actor of any event, old logs included.
 */
public sealed interface Actor permits Actor.Person, Actor.Service {
  /** The evidence prefix of a person. */
  String PERSON_PREFIX = "person:";

  /** The evidence prefix of the library or a provider acting through it. */
  String SERVICE_PREFIX = "system:";

  /** A person: {@code person:<id>}. */
  static Actor person(PersonId id) {
    return new Person(id);
  }

  /** The library, or a provider acting through it, named {@code name}: {@code system:<name>}. */
  static Actor service(String name) {
    return new Service(name);
  }

  /**
   * The actor written as {@code text} in evidence.
   *
   * @throws InvalidRequestException when {@code text} is not {@code person:<id>} with a valid
   *     {@link PersonId}, or {@code system:<name>} with a valid {@link Service} name
   */
  static Actor parse(String text) {
    requireNonNull(text, "text");
    if (text.startsWith(PERSON_PREFIX)) {
      return new Person(PersonId.of(text.substring(PERSON_PREFIX.length())));
    }
    if (text.startsWith(SERVICE_PREFIX)) {
      return new Service(text.substring(SERVICE_PREFIX.length()));
    }
    InputLimits.id(text, "an actor"); // a clean message for control characters and the like
    throw new InvalidRequestException("actor '" + text + "' must be person:<id> or system:<name>");
  }

  /**
   * A person.
   *
   * @param id who
   */
  record Person(PersonId id) implements Actor {
    /** Checks the id is given. */
    public Person {
      requireNonNull(id, "id");
    }

    /** {@code person:<id>}. */
    @Override
    public String toString() {
      return PERSON_PREFIX + id.value();
    }
  }

  /**
   * The library acting on its own (such as {@code expiry} or {@code reconcile}), or a provider
   * acting through it (such as {@code jira}).
   *
   * @param name the part's name: an id ({@link InputLimits#id}) without white space
   */
  record Service(String name) implements Actor {
    /**
     * Checks the name.
     *
     * @throws InvalidRequestException when it is blank, holds white space or breaks {@link
     *     InputLimits#id}
     */
    public Service {
      InputLimits.id(name, "a system actor's name");
      if (!name.matches("\\S+")) {
        throw new InvalidRequestException(
            "a system actor's name must not hold white space, was '" + name + "'");
      }
    }

    /** {@code system:<name>}. */
    @Override
    public String toString() {
      return SERVICE_PREFIX + name;
    }
  }
}
