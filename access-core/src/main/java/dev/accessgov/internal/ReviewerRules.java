package dev.accessgov.internal;

import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.Reviewer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Names reviewers by a campaign's rules: canonical ids of known, active people, never the subject
 * (however the rules spell them). Not API.
 */
final class ReviewerRules {
  private final Catalog catalog;
  private final Identities identities;

  ReviewerRules(Catalog catalog, Identities identities) {
    this.catalog = catalog;
    this.identities = identities;
  }

  /**
   * The first active person the rules name who is not the subject (nor {@code avoid}), else the
   * owner. People who left are passed over, since they could not decide.
   *
   * @throws PolicyViolationException when only the subject is left
   */
  PersonId resolve(
      List<Reviewer> rules, PersonId subject, Role role, PersonId owner, @Nullable PersonId avoid) {
    for (Reviewer rule : rules) {
      for (PersonId candidate : candidates(rule, subject, role)) {
        if (identities.isActive(candidate)
            && !identities.same(candidate, subject)
            && (avoid == null || !identities.same(candidate, avoid))) {
          return identities.canonical(candidate);
        }
      }
    }
    if (identities.same(owner, subject)) {
      throw new PolicyViolationException(
          "nobody but "
              + subject
              + " could review their "
              + role.id()
              + "; add a reviewer rule naming someone else");
    }
    return identities.canonical(owner);
  }

  private List<PersonId> candidates(Reviewer rule, PersonId subject, Role role) {
    if (rule instanceof Reviewer.Manager) {
      return identities.managerOf(subject).map(List::of).orElse(List.of());
    }
    if (rule instanceof Reviewer.AppOwner) {
      return List.of(catalog.applicationOf(role).owner());
    }
    return ((Reviewer.Named) rule).people();
  }
}
