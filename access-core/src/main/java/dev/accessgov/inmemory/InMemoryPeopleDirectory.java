package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.NotFoundException;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PeopleDirectory} held in memory, filled by the test or example that uses it. Keeps the
 * directory's identity guarantee: it refuses an identifier that already names someone else.
 */
public final class InMemoryPeopleDirectory implements PeopleDirectory {
  /** Canonical id by normalised identifier (ids and aliases alike). */
  private final Map<String, PersonId> index = new HashMap<>();

  private final Map<PersonId, Person> people = new HashMap<>();

  /** An empty directory. */
  public InMemoryPeopleDirectory() {}

  /**
   * Adds a person, or replaces the one with the same id (their old aliases go with them).
   *
   * @throws AccessConfigurationException when the person's id or an alias names someone else
   */
  public synchronized InMemoryPeopleDirectory put(Person person) {
    requireNonNull(person, "person");
    for (String identifier : person.identifiers()) {
      PersonId owner = index.get(identifier);
      if (owner != null && !owner.equals(person.id())) {
        throw new AccessConfigurationException(
            "identifier '"
                + identifier
                + "' of "
                + person.id()
                + " already belongs to "
                + owner
                + "; one identifier names one person");
      }
    }
    Person old = people.put(person.id(), person);
    if (old != null) {
      old.identifiers().forEach(index::remove);
    }
    person.identifiers().forEach(i -> index.put(i, person.id()));
    return this;
  }

  /** Adds an active person with the given manager (or none). */
  public InMemoryPeopleDirectory add(String id, @Nullable String manager) {
    return put(Person.of(id, manager));
  }

  /**
   * Gives the person {@code id} names more identifiers (e-mail addresses, IdP logins).
   *
   * @throws NotFoundException when {@code id} names nobody
   * @throws AccessConfigurationException when an alias already names someone else
   */
  public InMemoryPeopleDirectory alias(String id, String... aliases) {
    return update(id, p -> p.withAliases(Set.of(aliases)));
  }

  /**
   * Marks a person as having left (inactive).
   *
   * @throws NotFoundException when {@code id} names nobody
   */
  public InMemoryPeopleDirectory deactivate(String id) {
    return update(id, p -> p.withActive(false));
  }

  /**
   * Replaces the person {@code id} names with what {@code change} makes of them, as an HR system
   * records a transfer: e.g. {@code update("alice", p -> p.with(PersonAttribute.DEPARTMENT,
   * "finance"))}.
   *
   * @throws NotFoundException when {@code id} names nobody
   * @throws AccessConfigurationException when the changed person's id or an alias names someone
   *     else
   */
  public synchronized InMemoryPeopleDirectory update(String id, UnaryOperator<Person> change) {
    requireNonNull(change, "change");
    Person person =
        resolve(id)
            .orElseThrow(
                () -> new NotFoundException("no person " + id + " in this in-memory directory"));
    return put(change.apply(person));
  }

  @Override
  public synchronized Optional<Person> find(PersonId id) {
    PersonId canonical = index.get(PeopleDirectory.normalize(requireNonNull(id, "id").value()));
    return canonical == null ? Optional.empty() : Optional.ofNullable(people.get(canonical));
  }

  /**
   * Removes a person and their identifiers, as a directory that no longer lists someone; nothing
   * happens when {@code id} names nobody.
   */
  public synchronized InMemoryPeopleDirectory remove(String id) {
    find(PersonId.of(id))
        .ifPresent(
            p -> {
              people.remove(p.id());
              p.identifiers().forEach(index::remove);
            });
    return this;
  }

  /** Everyone in this directory, in id order (a snapshot). */
  @Override
  public synchronized java.util.stream.Stream<Person> people() {
    return people.values().stream()
        .sorted(java.util.Comparator.comparing(p -> p.id().value()))
        .toList()
        .stream();
  }
}
