package dev.accessgov.internal;

import dev.accessgov.AccessException;
import dev.accessgov.lifecycle.DirectoryReconciliation;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.TransferResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.DirectoryState;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The directory reconciliation: compares what the people directory says about each person with the
 * attributes last handled ({@link DirectoryState}) and runs the lifecycle logic for what changed
 * without a lifecycle call. A changed position is a transfer; a person who left or vanished while
 * holding live records is offboarded; a person seen for the first time is recorded as the baseline.
 * Every piece of work is first claimed in the store by compare-and-set, so two instances running at
 * once claim each change once, and a run that stopped midway is finished by the next under the same
 * event. Not API.
 */
final class DirectoryReconciler {
  /** Stored states read per page. */
  private static final int PAGE = 500;

  private final PeopleDirectory people;
  private final AccessStore store;
  private final GovernanceStore gov;
  private final Transfers transfers;
  private final Clock clock;

  DirectoryReconciler(PeopleDirectory people, AccessStore store, Transfers transfers, Clock clock) {
    this.people = people;
    this.store = store;
    this.gov = store.governance();
    this.transfers = transfers;
    this.clock = clock;
  }

  /**
   * Runs once, as {@code by}.
   *
   * @param offboard offboards a person with a reason, as {@code AccessService.offboard} by {@code
   *     by}
   */
  DirectoryReconciliation run(
      PersonId by, BiFunction<PersonId, String, List<AccessRecord>> offboard) {
    Instant at = clock.instant();
    Set<String> ids = population();
    List<PersonId> baselined = new ArrayList<>();
    List<TransferResult> moved = new ArrayList<>();
    Map<PersonId, DirectoryReconciliation.Offboarded> left = new LinkedHashMap<>();
    Map<PersonId, String> failed = new LinkedHashMap<>();
    for (String id : ids) {
      PersonId named = PersonId.of(id);
      try {
        handle(named, by, offboard, baselined, moved, left);
      } catch (AccessException e) {
        // One person's trouble (a provider down, a policy refusing) does not hold up the rest;
        // their claim stays in the store and the next run finishes it.
        failed.put(named, e.getMessage());
      }
    }
    return new DirectoryReconciliation(at, ids.size(), baselined, moved, left, failed);
  }

  /**
   * Everyone to look at: whom the directory lists, who holds live records, and whom a state was
   * stored for (a person who vanished from the directory is found there).
   */
  private Set<String> population() {
    Set<String> ids = new TreeSet<>();
    try (Stream<Person> listed = people.people()) {
      listed.forEach(p -> ids.add(p.id().value()));
    }
    RecordQuery.readAll(RecordQuery.all().states(RecordState.live()), store::query)
        .forEach(r -> ids.add(r.subject().value()));
    PersonId after = null;
    for (List<DirectoryState> page = gov.directoryStates(null, PAGE);
        !page.isEmpty();
        page = gov.directoryStates(after, PAGE)) {
      page.forEach(s -> ids.add(s.person().value()));
      after = page.get(page.size() - 1).person();
    }
    return ids;
  }

  private void handle(
      PersonId named,
      PersonId by,
      BiFunction<PersonId, String, List<AccessRecord>> offboard,
      List<PersonId> baselined,
      List<TransferResult> moved,
      Map<PersonId, DirectoryReconciliation.Offboarded> left) {
    Person person = people.find(named).orElse(null);
    PersonId id = person != null ? person.id() : named;
    Map<String, String> now = Transfers.attributes(person);
    DirectoryState state = gov.directoryState(id).orElse(DirectoryState.none(id, clock.instant()));
    LifecycleEvent pending = state.pendingEvent();
    if (person == null || !person.active()) {
      if (pending != null && pending.trigger() == LifecycleTrigger.OFFBOARDING) {
        left.put(id, offboard(state, pending, id, offboard));
      } else if (holdsLive(id)) {
        // The event offboard writes in the evidence, so the claim and the records name one event.
        LifecycleEvent event = LifecycleEvent.of(LifecycleTrigger.OFFBOARDING, id);
        Optional<DirectoryState> claimed =
            gov.moveDirectoryState(state.version(), state.claiming(event, now, clock.instant()));
        // Lost: another instance claimed this leaver; it offboards them.
        if (claimed.isPresent()) {
          left.put(id, offboard(claimed.get(), event, id, offboard));
        }
      } else if (!state.seen().equals(now) || pending != null) {
        gov.moveDirectoryState(state.version(), state.seeing(now, clock.instant()));
      }
      return;
    }
    if (pending != null && pending.trigger() == LifecycleTrigger.ONBOARDING) {
      // An onboarding's claim is its intent: the call or recover() finishes it, and a baseline
      // written over it would lose the roles it has not granted yet.
      return;
    }
    boolean transferPending = pending != null && pending.trigger() == LifecycleTrigger.TRANSFER;
    boolean wasGone = "false".equals(state.seen().get("active"));
    if (!state.stored() || (!transferPending && wasGone) || (pending != null && !transferPending)) {
      // First sight, or back after leaving (joining again is onboarding's business, not a
      // transfer's): what the directory says now is the baseline.
      if (gov.moveDirectoryState(state.version(), state.seeing(now, clock.instant())).isPresent()) {
        baselined.add(id);
      }
      return;
    }
    if (transferPending || !state.seen().equals(now)) {
      moved.add(
          transfers.transfer(
              id,
              by,
              "directory changed without a lifecycle call: "
                  + Transfers.describe(state.seen())
                  + " → "
                  + Transfers.describe(now)));
    }
  }

  private DirectoryReconciliation.Offboarded offboard(
      DirectoryState claimed,
      LifecycleEvent event,
      PersonId id,
      BiFunction<PersonId, String, List<AccessRecord>> offboard) {
    List<AccessRecord> changed = offboard.apply(id, "left the directory without a lifecycle call");
    gov.moveDirectoryState(claimed.version(), claimed.finished(clock.instant()));
    return new DirectoryReconciliation.Offboarded(event, changed);
  }

  private boolean holdsLive(PersonId id) {
    return !store
        .query(RecordQuery.all().subject(id.value()).states(RecordState.live()).limit(1))
        .isEmpty();
  }
}
