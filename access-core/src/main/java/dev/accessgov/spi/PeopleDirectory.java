package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who people are and who their managers are. Used to check that subjects and actors exist and are
 * active, and to find who may approve a {@code MANAGER} step. Implementations are thread-safe and
 * may be backed by an HR system or an identity provider's profiles.
 *
 * <p><b>Identity guarantee.</b> A person may be named by several identifiers: their id, their
 * e-mail addresses, their logins at the identity providers ({@link Person#aliases()}). Every one of
 * them, compared after {@linkplain #normalize normalising} (surrounding whitespace removed,
 * lower-cased), resolves to the same {@link Person}, whose {@link Person#id()} is the person's
 * canonical id. No identifier belongs to two people. The access service resolves every actor
 * (approver, extender, revoker, offboarder, reviewer, delegate) through {@link #find}, refuses
 * anyone unknown or inactive, compares canonical ids wherever it asks "is this the same person?"
 * (self-approval, "not the subject"), and records canonical ids in evidence. Checked by {@code
 * PeopleDirectoryContract} in access-testkit.
 */
public interface PeopleDirectory {

  /**
   * The person {@code id} names, by their canonical id or any alias, in any case and with any
   * surrounding whitespace; empty when the directory does not know the identifier. Inactive people
   * are returned too, with {@link Person#active()} false. The person's directory attributes
   * (department, title, location, employment type) are returned as the directory holds them now:
   * birthright rules ({@link dev.accessgov.catalog.BirthrightRule}) and lifecycle calls read them
   * here.
   */
  Optional<Person> find(PersonId id);

  /**
   * The person any identifier of theirs names, as {@link #find} resolves it; empty for a blank or
   * unknown identifier.
   */
  default Optional<Person> resolve(String identifier) {
    requireNonNull(identifier, "identifier");
    return identifier.isBlank() ? Optional.empty() : find(PersonId.of(identifier.strip()));
  }

  /**
   * Everyone the directory knows, active or not, each once, as {@link #find} returns them: used by
   * the directory reconciliation ({@code AccessService.reconcileDirectory}) to notice transfers and
   * leavers nobody reported. Optional: the default lists nobody, and the reconciliation then looks
   * at the people who hold live records and those it handled before, so a person who holds nothing
   * yet is first looked at once they hold something. Directories that can list their people (an HR
   * export, an identity provider's user list) override it. The caller closes the stream; it may be
   * read lazily, page by page.
   */
  default Stream<Person> people() {
    return Stream.empty();
  }

  /** The person's manager (as a canonical id), or empty when they have none or are unknown. */
  default Optional<PersonId> managerOf(PersonId id) {
    return find(id).map(Person::manager).map(m -> find(m).map(Person::id).orElse(m));
  }

  /**
   * The form in which identifiers are compared: surrounding whitespace removed, lower-cased in the
   * root locale.
   */
  static String normalize(String identifier) {
    return requireNonNull(identifier, "identifier").strip().toLowerCase(Locale.ROOT);
  }
}
