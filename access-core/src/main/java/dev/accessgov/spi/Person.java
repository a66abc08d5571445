package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import org.jspecify.annotations.Nullable;

/**
 * A person as the people directory (HR system, IdP profile) knows them.
 *
 * @param id the person
 * @param displayName how to show them
 * @param manager their manager, or null
 * @param active whether they currently work here
 * @param department their department, or null
 * @param title their job title, or null
 */
public record Person(
    PersonId id,
    String displayName,
    @Nullable PersonId manager,
    boolean active,
    @Nullable String department,
    @Nullable String title) {
  /** Checks required fields. */
  public Person {
    requireNonNull(id, "id");
    requireNonNull(displayName, "displayName");
  }

  /** An active person with a manager (or none) and no department or title. */
  public static Person of(String id, @Nullable String manager) {
    return new Person(
        PersonId.of(id), id, manager == null ? null : PersonId.of(manager), true, null, null);
  }
}
