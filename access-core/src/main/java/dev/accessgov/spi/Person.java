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
 * @param location where they work (an office, city or country, as the directory names it), or null
 * @param employmentType how they are employed (such as {@code employee} or {@code contractor}, as
 *     the directory names it), or null
 */
public record Person(
    PersonId id,
    String displayName,
    @Nullable PersonId manager,
    boolean active,
    @Nullable String department,
    @Nullable String title,
    Set<String> aliases,
    @Nullable String location,
    @Nullable String employmentType) {
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

  /** A person with aliases and no location or employment type. */
  public Person(
      PersonId id,
      String displayName,
      @Nullable PersonId manager,
      boolean active,
      @Nullable String department,
      @Nullable String title,
      Set<String> aliases) {
    this(id, displayName, manager, active, department, title, aliases, null, null);
  }

  /** A person with no aliases, location or employment type. */
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
    return new Person(
        id, displayName, manager, active, department, title, all, location, employmentType);
  }

  /** This person, marked active or not. */
  public Person withActive(boolean isActive) {
    return new Person(
        id, displayName, manager, isActive, department, title, aliases, location, employmentType);
  }

  /** This person with another manager (or none), as after a transfer. */
  public Person withManager(@Nullable PersonId newManager) {
    return new Person(
        id, displayName, newManager, active, department, title, aliases, location, employmentType);
  }

  /**
   * This person with {@code attribute} set to {@code value} (null: the directory has none), every
   * other field kept.
   */
  public Person with(PersonAttribute attribute, @Nullable String value) {
    requireNonNull(attribute, "attribute");
    return new Person(
        id,
        displayName,
        manager,
        active,
        attribute == PersonAttribute.DEPARTMENT ? value : department,
        attribute == PersonAttribute.TITLE ? value : title,
        aliases,
        attribute == PersonAttribute.LOCATION ? value : location,
        attribute == PersonAttribute.EMPLOYMENT_TYPE ? value : employmentType);
  }

  /** This person's value for {@code attribute}, or null when the directory has none. */
  public @Nullable String attribute(PersonAttribute attribute) {
    return requireNonNull(attribute, "attribute").valueOf(this);
  }

  /** Every identifier of this person in normalised form: their id and their aliases. */
  public Set<String> identifiers() {
    Set<String> all = new TreeSet<>(aliases);
    all.add(PeopleDirectory.normalize(id.value()));
    return Set.copyOf(all);
  }
}
