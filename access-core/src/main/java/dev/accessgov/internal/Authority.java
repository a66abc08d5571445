package dev.accessgov.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.Decision;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.spi.PeopleDirectory;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what: the one place that decides whether a person may approve, deny, extend, revoke,
 * offboard, decide, delegate or reassign. The rules are the table "Who may do what" in the root
 * README. Every method first resolves the actor (known and active, else refused) and returns their
 * canonical id, which is what evidence records. Not API.
 */
final class Authority {
  private final Catalog catalog;
  private final Identities identities;
  private final Approvals approvals;
  private final Set<PersonId> administrators;

  Authority(
      Catalog catalog, Identities identities, Approvals approvals, Set<PersonId> administrators) {
    this.catalog = catalog;
    this.identities = identities;
    this.approvals = approvals;
    this.administrators = Set.copyOf(administrators);
  }

  /** The canonical id of whoever {@code who} names, or {@code who} when the directory has none. */
  PersonId canonical(PersonId who) {
    return identities.canonical(who);
  }

  /**
   * Resolves the catalog's named approvers and the administrators at build time.
   *
   * @return the administrators' canonical ids
   * @throws AccessConfigurationException naming the role, SoD rule or administrator whose person
   *     the directory does not know
   */
  static Set<PersonId> checkConfiguration(
      Catalog catalog, PeopleDirectory people, Collection<PersonId> administrators) {
    for (Role role : catalog.roles()) {
      for (ApprovalStep step : role.approvalPolicy().steps()) {
        requireNamed(step, people, "role " + role.id());
      }
    }
    for (SodRule rule : catalog.sodRules()) {
      if (rule.extraStep() != null) {
        requireNamed(rule.extraStep(), people, "SoD rule '" + rule.name() + "'");
      }
    }
    Set<PersonId> admins = new LinkedHashSet<>();
    for (PersonId admin : administrators) {
      admins.add(
          people
              .find(admin)
              .orElseThrow(
                  () ->
                      new AccessConfigurationException(
                          "administrator "
                              + admin
                              + " is not in the people directory; name a person it knows"))
              .id());
    }
    return admins;
  }

  private static void requireNamed(ApprovalStep step, PeopleDirectory people, String owner) {
    if (step instanceof ApprovalStep.Named n) {
      for (PersonId approver : n.approvers()) {
        if (people.find(approver).isEmpty()) {
          throw new AccessConfigurationException(
              owner
                  + " names approver "
                  + approver
                  + ", whom the people directory does not know; add them to the directory or"
                  + " name a person it knows (by id, e-mail or login)");
        }
      }
    }
  }

  /**
   * Approve or deny the pending step: someone eligible for it, never the requester or subject.
   *
   * @param verb "approve" or "deny", for messages
   */
  PersonId approver(
      Decision.NeedsApproval pending, PersonId who, AccessRecord record, String verb) {
    PersonId actor = identities.actor(who, verb + " record " + record.id());
    boolean subject = identities.same(actor, record.subject());
    if (subject || identities.same(actor, record.requester())) {
      throw new PolicyViolationException(
          "self-approval refused: "
              + who
              + " is the "
              + (subject ? "subject" : "requester")
              + " of record "
              + record.id()
              + "; step "
              + pending.step().label()
              + " may be approved by "
              + sorted(pending.eligible()));
    }
    if (!pending.eligible().contains(actor)) {
      boolean already =
          Approvals.given(record).stream()
              .anyMatch(
                  g ->
                      g.approver() != null
                          && g.stepIndex() == pending.stepIndex()
                          && identities.same(actor, g.approver()));
      throw new PolicyViolationException(
          who
              + " has no authority for step "
              + pending.step().label()
              + " of record "
              + record.id()
              + (already ? " (they already approved it)" : "")
              + "; it may be approved by "
              + sorted(pending.eligible()));
    }
    return actor;
  }

  /**
   * Extend active access: someone eligible for one of the steps of the record's effective policy
   * (so never the subject or the requester); for a policy with only automatic steps, the app owner.
   */
  PersonId extender(PersonId who, AccessRecord record, Role role) {
    PersonId actor = identities.actor(who, "extend record " + record.id());
    Set<PersonId> may = sortedSet();
    boolean onlyAutomatic = true;
    for (ApprovalStep step : approvals.effectivePolicy(record, role).steps()) {
      if (!(step instanceof ApprovalStep.Auto)) {
        onlyAutomatic = false;
        may.addAll(approvals.eligible(step, record, role));
      }
    }
    if (onlyAutomatic) {
      may.addAll(approvals.eligible(ApprovalStep.appOwner(), record, role));
    }
    if (!may.contains(actor)) {
      throw new PolicyViolationException(
          who
              + " may not extend record "
              + record.id()
              + (identities.same(actor, record.subject()) ? " (they are its subject)" : "")
              + "; only those who may approve role "
              + role.id()
              + " for it may: "
              + may);
    }
    return actor;
  }

  /**
   * Revoke active access: the subject, their manager, the app owner, anyone a step of the record's
   * policy names, or an administrator.
   */
  PersonId revoker(PersonId who, AccessRecord record, Role role) {
    PersonId actor = identities.actor(who, "revoke record " + record.id());
    Set<PersonId> may = sortedSet();
    may.add(identities.canonical(record.subject()));
    identities.managerOf(record.subject()).ifPresent(may::add);
    may.add(identities.canonical(catalog.applicationOf(role).owner()));
    for (ApprovalStep step : approvals.effectivePolicy(record, role).steps()) {
      may.addAll(approvals.holders(step, record, role));
    }
    may.addAll(administrators);
    if (!may.contains(actor)) {
      throw new PolicyViolationException(
          who
              + " may not revoke record "
              + record.id()
              + "; it may be revoked by its subject, their manager, the app owner, the role's"
              + " approvers or an administrator: "
              + may);
    }
    return actor;
  }

  /** Offboard a person: their manager or an administrator. */
  PersonId offboarder(PersonId who, PersonId subject) {
    return lifecycleActor(who, subject, "offboard");
  }

  /** Onboard a person: their manager or an administrator. */
  PersonId onboarder(PersonId who, PersonId subject) {
    return lifecycleActor(who, subject, "onboard");
  }

  /** A lifecycle call for a person ({@code verb}: onboard, offboard): manager or administrator. */
  private PersonId lifecycleActor(PersonId who, PersonId subject, String verb) {
    PersonId actor = identities.actor(who, verb + " " + subject);
    Set<PersonId> may = sortedSet();
    identities.managerOf(subject).ifPresent(may::add);
    may.addAll(administrators);
    if (!may.contains(actor)) {
      throw new PolicyViolationException(
          who
              + " may not "
              + verb
              + " "
              + subject
              + "; their manager or an administrator may: "
              + may);
    }
    return actor;
  }

  /**
   * Transfer a person (grant the new position's birthright access, review the rest): their manager
   * (as the directory names them now, after the move) or an administrator, never the person
   * themselves.
   */
  PersonId mover(PersonId who, PersonId subject) {
    PersonId actor = identities.actor(who, "transfer " + subject);
    Set<PersonId> may = sortedSet();
    identities.managerOf(subject).ifPresent(may::add);
    may.addAll(administrators);
    if (!may.contains(actor) || identities.same(actor, subject)) {
      throw new PolicyViolationException(
          who + " may not transfer " + subject + "; their manager or an administrator may: " + may);
    }
    return actor;
  }

  /** Run the directory reconciliation, which may transfer and offboard anyone: an administrator. */
  PersonId directoryReconciler(PersonId who) {
    PersonId actor = identities.actor(who, "reconcile the directory");
    if (!administrators.contains(actor)) {
      throw new PolicyViolationException(
          who
              + " may not reconcile the directory (it transfers and offboards anyone); an"
              + " administrator may: "
              + administrators);
    }
    return actor;
  }

  /**
   * Decide a review item, or delegate it: only the reviewer it is assigned to, never its subject.
   *
   * @param verb "decide" or "delegate", for messages
   */
  PersonId reviewer(PersonId who, ReviewItem item, String verb) {
    PersonId actor = identities.actor(who, verb + " item " + item.id());
    if (!identities.same(actor, item.reviewer()) || identities.same(actor, item.subject())) {
      throw new PolicyViolationException(
          who
              + " may not "
              + verb
              + " item "
              + item.id()
              + "; it is assigned to "
              + item.reviewer());
    }
    return actor;
  }

  /** Reassign a review item: the campaign owner or an administrator. */
  PersonId reassigner(PersonId who, PersonId campaignOwner, ReviewItem item) {
    PersonId actor = identities.actor(who, "reassign item " + item.id());
    if (!identities.same(actor, campaignOwner) && !administrators.contains(actor)) {
      throw new PolicyViolationException(
          who
              + " may not reassign item "
              + item.id()
              + "; only the campaign owner "
              + campaignOwner
              + " or an administrator may; it is assigned to "
              + item.reviewer());
    }
    return actor;
  }

  /** The new reviewer of a delegated or reassigned item: known, active, not its subject. */
  PersonId newReviewer(PersonId to, ReviewItem item) {
    PersonId reviewer = identities.actor(to, "review item " + item.id());
    if (identities.same(reviewer, item.subject())) {
      throw new PolicyViolationException(
          to + " cannot review their own access (item " + item.id() + ")");
    }
    return reviewer;
  }

  private static Set<PersonId> sortedSet() {
    return new TreeSet<>(Comparator.comparing(PersonId::value));
  }

  private static Set<PersonId> sorted(Set<PersonId> people) {
    Set<PersonId> s = sortedSet();
    s.addAll(people);
    return s;
  }
}
