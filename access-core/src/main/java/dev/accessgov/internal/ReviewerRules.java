package dev.accessgov.internal;

import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.Reviewer;
import dev.accessgov.spi.PeopleDirectory;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Names reviewers by a campaign's rules; never the subject. Not API. */
final class ReviewerRules {
  private final Catalog catalog;
  private final PeopleDirectory people;

  ReviewerRules(Catalog catalog, PeopleDirectory people) {
    this.catalog = catalog;
    this.people = people;
  }

  /**
   * The first person the rules name who is not the subject (nor {@code avoid}), else the owner.
   *
   * @throws PolicyViolationException when only the subject is left
   */
  PersonId resolve(
      List<Reviewer> rules, PersonId subject, Role role, PersonId owner, @Nullable PersonId avoid) {
    for (Reviewer rule : rules) {
      for (PersonId candidate : candidates(rule, subject, role)) {
        if (!candidate.equals(subject) && !candidate.equals(avoid)) {
          return candidate;
        }
      }
    }
    if (owner.equals(subject)) {
      throw new PolicyViolationException(
          "nobody but "
              + subject
              + " could review their "
              + role.id()
              + "; add a reviewer rule naming someone else");
    }
    return owner;
  }

  private List<PersonId> candidates(Reviewer rule, PersonId subject, Role role) {
    if (rule instanceof Reviewer.Manager) {
      Optional<PersonId> manager = people.managerOf(subject);
      return manager.map(List::of).orElse(List.of());
    }
    if (rule instanceof Reviewer.AppOwner) {
      return List.of(catalog.applicationOf(role).owner());
    }
    return ((Reviewer.Named) rule).people();
  }
}
