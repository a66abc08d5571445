package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import java.util.Arrays;
import java.util.List;

/**
 * A rule that names who reviews an item. A campaign tries its rules in order and takes the first
 * person found who is not the item's subject: nobody ever reviews their own access.
 */
public sealed interface Reviewer {

  /** The subject's manager, from the people directory. */
  static Reviewer manager() {
    return new Manager();
  }

  /** The owner of the item's application. */
  static Reviewer appOwner() {
    return new AppOwner();
  }

  /** The first of these people who is not the subject. */
  static Reviewer named(String... people) {
    return new Named(Arrays.stream(people).map(PersonId::of).toList());
  }

  /** The subject's manager. */
  record Manager() implements Reviewer {}

  /** The application owner. */
  record AppOwner() implements Reviewer {}

  /**
   * Named people, in order of preference.
   *
   * @param people at least one
   */
  record Named(List<PersonId> people) implements Reviewer {
    /** Copies the list and checks it is not empty. */
    public Named {
      people = List.copyOf(requireNonNull(people, "people"));
      if (people.isEmpty()) {
        throw new IllegalArgumentException("name at least one reviewer");
      }
    }
  }
}
