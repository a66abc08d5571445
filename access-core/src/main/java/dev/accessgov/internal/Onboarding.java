package dev.accessgov.internal;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.DirectoryState;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link dev.accessgov.AccessService#onboard}: one birthright grant per role the new hire's
 * attributes call for, each through the ordinary grant path, keyed so that the same event never
 * grants a role twice. Before the first grant the event is claimed in the person's {@link
 * DirectoryState} (with who asked and why), and the state moves on once every role is handled, so
 * an onboarding the process died in is durable intent that {@link #resume} (run by recover)
 * finishes. Not API.
 */
final class Onboarding {
  /** Claims tried before giving up on a person whose state keeps moving under us. */
  private static final int CLAIMS = 5;

  private final PeopleDirectory people;
  private final Authority authority;
  private final BirthrightGrants birthrights;
  private final GovernanceStore gov;
  private final Clock clock;

  Onboarding(
      PeopleDirectory people,
      Authority authority,
      BirthrightGrants birthrights,
      GovernanceStore gov,
      Clock clock) {
    this.people = people;
    this.authority = authority;
    this.birthrights = birthrights;
    this.gov = gov;
    this.clock = clock;
  }

  /** Onboards {@code subject}; {@code reason} is already checked. */
  OnboardResult onboard(
      PersonId subject, PersonId by, String reason, @Nullable LifecycleEventId eventId) {
    PersonId who = authority.onboarder(by, subject);
    Person person = activePerson(subject);
    LifecycleEvent event =
        eventId == null
            ? LifecycleEvent.of(LifecycleTrigger.ONBOARDING, person.id())
            : LifecycleEvent.onboarding(eventId);
    return claimed(person, event, who, reason);
  }

  /**
   * Finishes the onboarding {@code state} has pending, as the caller who claimed it asked (their
   * authority was checked when they claimed it).
   */
  OnboardResult resume(DirectoryState state, PersonId by, String reason) {
    LifecycleEvent event = state.pendingEvent();
    if (event == null || event.trigger() != LifecycleTrigger.ONBOARDING) {
      throw new IllegalArgumentException("no onboarding is pending for " + state.person());
    }
    return claimed(activePerson(state.person()), event, by, reason);
  }

  /**
   * Claims {@code event} for the person (unless it is claimed already), grants, and moves the state
   * on. Not claimed, only granted (grants are keyed per event, so that alone keeps them once): an
   * event finished before, a person another lifecycle event is pending for, and a person whose
   * position changed since it was last handled (claiming would hide that change from the directory
   * reconciliation, whose transfer reviews it).
   */
  private OnboardResult claimed(Person person, LifecycleEvent event, PersonId who, String reason) {
    PersonId id = person.id();
    Map<String, String> now = Transfers.attributes(person);
    DirectoryState state = gov.directoryState(id).orElse(DirectoryState.none(id, clock.instant()));
    for (int attempt = 1; ; attempt++) {
      LifecycleEvent pending = state.pendingEvent();
      if (event.equals(pending)) {
        // Claimed by a call that died midway, or by one running now: both grant per event key.
        return finish(state, person, event, who, reason);
      }
      boolean gone = "false".equals(state.seen().get("active"));
      if (pending != null
          || event.equals(state.lastEvent())
          || (state.stored() && !gone && !state.seen().equals(now))) {
        return grant(person, event, who, reason);
      }
      Optional<DirectoryState> claim =
          gov.moveDirectoryState(
              state.version(), state.claiming(event, now, who, reason, clock.instant()));
      if (claim.isPresent()) {
        return finish(claim.get(), person, event, who, reason);
      }
      if (attempt >= CLAIMS) {
        throw new StateConflictException(
            "the directory state of " + id + " kept changing while onboarding; try again");
      }
      state = gov.directoryState(id).orElse(DirectoryState.none(id, clock.instant()));
    }
  }

  private OnboardResult finish(
      DirectoryState claimed, Person person, LifecycleEvent event, PersonId who, String reason) {
    OnboardResult result = grant(person, event, who, reason);
    // Lost only to another instance that finished the same event, or a newer claim: either way
    // this event's grants are made.
    gov.moveDirectoryState(claimed.version(), claimed.finished(clock.instant()));
    return result;
  }

  private Person activePerson(PersonId subject) {
    Person person =
        people
            .find(subject)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "unknown person "
                            + subject
                            + " cannot be onboarded: the people directory does not know them"));
    if (!person.active()) {
      throw new PolicyViolationException(
          subject
              + " is not active in the people directory; onboard a person once the directory"
              + " marks them active");
    }
    return person;
  }

  /** Grants every birthright role of {@code person} under {@code event}, each once. */
  private OnboardResult grant(Person person, LifecycleEvent event, PersonId who, String reason) {
    BirthrightGrants.Outcome done =
        birthrights.grant(
            person,
            event,
            who,
            reason,
            e -> e instanceof PolicyViolationException || e instanceof InvalidRequestException);
    return new OnboardResult(
        event, person.id(), done.granted(), done.alreadyHeld(), done.refused());
  }
}
