package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.util.Optional;

/**
 * Resolves the identifiers people are named by to their canonical ids, so that every "is this the
 * same person?" question is asked of canonical ids (the {@link PeopleDirectory} identity
 * guarantee). Not API.
 */
final class Identities {
  private final PeopleDirectory people;

  Identities(PeopleDirectory people) {
    this.people = people;
  }

  /** The canonical id of the person {@code id} names; {@code id} itself when nobody is known. */
  PersonId canonical(PersonId id) {
    return people.find(requireNonNull(id, "id")).map(Person::id).orElse(id);
  }

  /** Whether {@code a} and {@code b} name the same person. */
  boolean same(PersonId a, PersonId b) {
    return canonical(a).equals(canonical(b));
  }

  /** Whether {@code id} names a known, active person. */
  boolean isActive(PersonId id) {
    return people.find(id).map(Person::active).orElse(false);
  }

  /** The person's manager as a canonical id, if any. */
  Optional<PersonId> managerOf(PersonId id) {
    return people.managerOf(id).map(this::canonical);
  }

  /**
   * The canonical id of an actor, who must be known and active.
   *
   * @param action what they try to do, for the message ("approve record ar-1")
   * @throws NotFoundException when the directory does not know {@code who}
   * @throws PolicyViolationException when {@code who} is not active
   */
  PersonId actor(PersonId who, String action) {
    requireNonNull(who, "who");
    Person person =
        people
            .find(who)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "unknown person "
                            + who
                            + " cannot "
                            + action
                            + ": the people directory does not know them"));
    if (!person.active()) {
      throw new PolicyViolationException(
          who
              + (who.equals(person.id()) ? "" : " (" + person.id() + ")")
              + " is not active in the people directory and cannot "
              + action);
    }
    return person.id();
  }
}
