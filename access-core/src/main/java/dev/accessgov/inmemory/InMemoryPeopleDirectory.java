package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** A {@link PeopleDirectory} held in memory, filled by the test or example that uses it. */
public final class InMemoryPeopleDirectory implements PeopleDirectory {
  private final Map<PersonId, Person> people = new ConcurrentHashMap<>();

  /** An empty directory. */
  public InMemoryPeopleDirectory() {}

  /** Adds or replaces a person. */
  public InMemoryPeopleDirectory put(Person person) {
    people.put(requireNonNull(person, "person").id(), person);
    return this;
  }

  /** Adds an active person with the given manager (or none). */
  public InMemoryPeopleDirectory add(String id, @Nullable String manager) {
    return put(Person.of(id, manager));
  }

  /** Marks a person as having left (inactive). */
  public InMemoryPeopleDirectory deactivate(String id) {
    people.computeIfPresent(
        PersonId.of(id),
        (k, p) ->
            new Person(p.id(), p.displayName(), p.manager(), false, p.department(), p.title()));
    return this;
  }

  @Override
  public Optional<Person> find(PersonId id) {
    return Optional.ofNullable(people.get(requireNonNull(id, "id")));
  }
}
