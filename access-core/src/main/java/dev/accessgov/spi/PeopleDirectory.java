package dev.accessgov.spi;

import dev.accessgov.record.PersonId;
import java.util.Optional;

/**
 * Who people are and who their managers are. Used to check that subjects exist and are active, and
 * to find who may approve a {@code MANAGER} step. Implementations are thread-safe and may be backed
 * by an HR system or an identity provider's profiles.
 */
public interface PeopleDirectory {

  /** The person with this id, or empty when the directory does not know them. */
  Optional<Person> find(PersonId id);

  /** The person's manager, or empty when they have none or are unknown. */
  default Optional<PersonId> managerOf(PersonId id) {
    return find(id).map(Person::manager);
  }
}
