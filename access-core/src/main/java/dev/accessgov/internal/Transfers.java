package dev.accessgov.internal;

import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.TransferResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.LifecycleReviewPolicy;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.DirectoryState;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import dev.accessgov.spi.PersonAttribute;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Transfers: a person's directory attributes changed, so the birthright roles of the new position
 * are granted and everything else they hold goes under an immediate review, all under one lifecycle
 * event. The event is claimed in the person's {@link DirectoryState} by compare-and-set before
 * anything is done, and the state is moved on once everything is done, so a call repeated after a
 * crash midway (or another instance noticing the same change) finishes the same event: grants carry
 * an idempotency key per event and role, and the review's id follows from the event. Not API.
 */
final class Transfers {
  /** Claims tried before giving up on a person whose state keeps moving under us. */
  private static final int CLAIMS = 5;

  private final Catalog catalog;
  private final PeopleDirectory people;
  private final AccessStore store;
  private final GovernanceStore gov;
  private final BirthrightGrants birthrights;
  private final LifecycleReviews reviews;
  private final LifecycleReviewPolicy policy;
  private final Clock clock;

  Transfers(
      Catalog catalog,
      PeopleDirectory people,
      AccessStore store,
      BirthrightGrants birthrights,
      LifecycleReviews reviews,
      LifecycleReviewPolicy policy,
      Clock clock) {
    this.catalog = catalog;
    this.people = people;
    this.store = store;
    this.gov = store.governance();
    this.birthrights = birthrights;
    this.reviews = reviews;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * The attributes of {@code person} that decide their birthright access, by {@link
   * PersonAttribute#key()}; those the directory has no value for are absent. A person who left (or
   * vanished from the directory) is marked {@code active=false}.
   */
  static Map<String, String> attributes(@Nullable Person person) {
    Map<String, String> m = new TreeMap<>();
    if (person == null || !person.active()) {
      m.put("active", "false");
      return m;
    }
    for (PersonAttribute a : PersonAttribute.values()) {
      String v = a.valueOf(person);
      if (v != null) {
        m.put(a.key(), v);
      }
    }
    return m;
  }

  /**
   * Records where a person stands now as the baseline later transfers and reconciliations compare
   * with, unless a state is stored for them already: called when they are onboarded.
   */
  void baseline(PersonId subject) {
    people
        .find(subject)
        .filter(Person::active)
        .ifPresent(
            p -> {
              if (gov.directoryState(p.id()).isEmpty()) {
                gov.moveDirectoryState(
                    0,
                    DirectoryState.none(p.id(), clock.instant())
                        .seeing(attributes(p), clock.instant()));
              }
            });
  }

  /**
   * Transfers {@code subject} to what the directory says now, as {@code by} (already checked). When
   * the last finished transfer already moved the person to these attributes, that transfer is
   * returned again (it finds its grants and review, and adds nothing).
   */
  TransferResult transfer(PersonId subject, PersonId by, String reason) {
    Person person =
        people
            .find(subject)
            .orElseThrow(() -> new NotFoundException("no person " + subject + " in the directory"));
    if (!person.active()) {
      throw new PolicyViolationException(
          subject + " is inactive in the directory: offboard them instead of transferring");
    }
    PersonId id = person.id();
    Map<String, String> target = attributes(person);
    DirectoryState state = gov.directoryState(id).orElse(DirectoryState.none(id, clock.instant()));
    for (int attempt = 1; ; attempt++) {
      LifecycleEvent pending = state.pendingEvent();
      if (pending != null
          && pending.trigger() == LifecycleTrigger.TRANSFER
          && state.pending().equals(target)) {
        return finish(state, pending, person, by, reason);
      }
      LifecycleEvent last = state.lastEvent();
      if (pending == null
          && last != null
          && last.trigger() == LifecycleTrigger.TRANSFER
          && state.seen().equals(target)) {
        // Done before: the same event again finds its grants and its review, and adds nothing.
        return execute(last, person, state.seen(), by, reason);
      }
      LifecycleEvent event =
          LifecycleEvent.transfer(
              LifecycleEventId.of("transfer:" + id.value() + ":" + (state.version() + 1)));
      Optional<DirectoryState> claimed =
          gov.moveDirectoryState(
              state.version(), state.claiming(event, target, by, reason, clock.instant()));
      if (claimed.isPresent()) {
        return finish(claimed.get(), event, person, by, reason);
      }
      if (attempt >= CLAIMS) {
        throw new StateConflictException(
            "the directory state of " + id + " kept changing while transferring; try again");
      }
      state = gov.directoryState(id).orElse(DirectoryState.none(id, clock.instant()));
    }
  }

  /**
   * Finishes the transfer {@code state} has pending, as the caller who claimed it asked (their
   * authority was checked when they claimed it). When the person moved again since the claim, the
   * transfer goes to where they are now, as a new call would.
   *
   * @throws PolicyViolationException when the person left meanwhile (the directory reconciliation
   *     offboards them)
   */
  TransferResult resume(DirectoryState state, PersonId by, String reason) {
    LifecycleEvent event = state.pendingEvent();
    if (event == null || event.trigger() != LifecycleTrigger.TRANSFER) {
      throw new IllegalArgumentException("no transfer is pending for " + state.person());
    }
    Person person = people.find(state.person()).filter(Person::active).orElse(null);
    if (person == null) {
      throw new PolicyViolationException(
          state.person()
              + " left the directory during their transfer; the directory reconciliation offboards"
              + " them");
    }
    return attributes(person).equals(state.pending())
        ? finish(state, event, person, by, reason)
        : transfer(person.id(), by, reason);
  }

  /** Runs the claimed event to its end and moves the person's state on. */
  private TransferResult finish(
      DirectoryState claimed, LifecycleEvent event, Person person, PersonId by, String reason) {
    TransferResult result = execute(event, person, claimed.seen(), by, reason);
    // Lost only to another instance that finished the same event, or a newer claim: either way
    // this event's work is done.
    gov.moveDirectoryState(claimed.version(), claimed.finished(clock.instant()));
    return result;
  }

  /** Grants the new birthright roles and reviews the rest; idempotent per event. */
  private TransferResult execute(
      LifecycleEvent event, Person person, Map<String, String> from, PersonId by, String reason) {
    PersonId subject = person.id();
    Set<RoleId> wanted = catalog.birthrightRolesFor(person);
    Set<RoleId> before = catalog.birthrightRolesFor(positioned(person, from));
    // Every failure refuses only its role: the review of the rest is opened all the same.
    BirthrightGrants.Outcome done =
        birthrights.grant(person, event, by, "transfer: " + reason, e -> true);
    List<AccessRecord> questioned =
        RecordQuery.readAll(
                RecordQuery.all().subject(subject.value()).states(RecordState.ACTIVE), store::query)
            .filter(r -> !wanted.contains(r.roleId()))
            .toList();
    Optional<ReviewCampaign> review =
        reviews.open(
            event,
            subject,
            questioned,
            by,
            "transfer of " + subject + ": " + describe(from) + " → " + describe(attributes(person)),
            r ->
                before.contains(r.roleId())
                    ? "birthright of the old position ("
                        + describe(from)
                        + "), not of the new one: keep only if the new work needs it"
                    : "not a birthright of the new position: keep only if the new work needs it",
            policy);
    List<RecordId> underReview =
        review.isEmpty() ? List.of() : reviews.recordsOf(review.get().id());
    return new TransferResult(
        event,
        subject,
        from,
        attributes(person),
        done.granted(),
        done.alreadyHeld(),
        done.refused(),
        underReview,
        review.map(ReviewCampaign::id).orElse(null));
  }

  /** The person as they were at {@code attributes} (the attributes last handled). */
  private static Person positioned(Person now, Map<String, String> attributes) {
    Person p = now;
    for (PersonAttribute a : PersonAttribute.values()) {
      p = p.with(a, attributes.get(a.key()));
    }
    return p;
  }

  /** Attributes as people read them: {@code department=finance, title=analyst}. */
  static String describe(Map<String, String> attributes) {
    if (attributes.isEmpty()) {
      return "no attributes recorded";
    }
    StringBuilder b = new StringBuilder();
    attributes.forEach(
        (k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return b.toString();
  }
}
