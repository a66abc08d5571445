package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A person as the people directory (HR system, IdP profile) knows them.
 *
 * @param id the person's canonical id: the one every other identifier of theirs resolves to, and
 *     the one evidence records
 * @param displayName how to show them
 * @param manager their manager, or null
 * @param active whether they currently work here
 * @param department their department, or null
 * @param title their job title, or null
 * @param aliases their other identifiers (e-mail addresses, identity provider logins), held in
 *     {@linkplain PeopleDirectory#normalize normalised} form; never blank, never their own id
 */
public record Person(
    PersonId id,
    String displayName,
    @Nullable PersonId manager,
    boolean active,
    @Nullable String department,
    @Nullable String title,
    Set<String> aliases) {
  /** Checks required fields and normalises the aliases. */
  public Person {
    requireNonNull(id, "id");
    requireNonNull(displayName, "displayName");
    requireNonNull(aliases, "aliases");
    Set<String> normalised = new TreeSet<>();
    for (String alias : aliases) {
      requireNonNull(alias, "alias");
      if (alias.isBlank()) {
        throw new IllegalArgumentException("person " + id + " has a blank alias");
      }
      normalised.add(PeopleDirectory.normalize(alias));
    }
    normalised.remove(PeopleDirectory.normalize(id.value()));
    aliases = Set.copyOf(normalised);
  }

  /** A person with no aliases. */
  public Person(
      PersonId id,
      String displayName,
      @Nullable PersonId manager,
      boolean active,
      @Nullable String department,
      @Nullable String title) {
    this(id, displayName, manager, active, department, title, Set.of());
  }

  /** An active person with a manager (or none) and no department, title or aliases. */
  public static Person of(String id, @Nullable String manager) {
    return new Person(
        PersonId.of(id), id, manager == null ? null : PersonId.of(manager), true, null, null);
  }

  /** This person with {@code more} added to their aliases. */
  public Person withAliases(Set<String> more) {
    Set<String> all = new TreeSet<>(aliases);
    all.addAll(requireNonNull(more, "more"));
    return new Person(id, displayName, manager, active, department, title, all);
  }

  /** This person, marked active or not. */
  public Person withActive(boolean isActive) {
    return new Person(id, displayName, manager, isActive, department, title, aliases);
  }

  /** Every identifier of this person in normalised form: their id and their aliases. */
  public Set<String> identifiers() {
    Set<String> all = new TreeSet<>(aliases);
    all.add(PeopleDirectory.normalize(id.value()));
    return Set.copyOf(all);
  }
}
