package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.NotFoundException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.RecordLeases;
import dev.accessgov.spi.StaleRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Read-decide-write against the store with optimistic concurrency: the decision is made again on a
 * fresh read whenever another writer got there first, so two threads never both act on the same
 * version. A change that puts a record in flight ({@code PROVISIONING} or {@code DEPROVISIONING})
 * carries this service's lease claim, so the store writes the intent and its owner in one
 * transaction. Publishes every committed change to the ticket mirror and the observer: the one
 * place where record transitions commit. Not API.
 */
final class Records {
  private static final int MAX_ATTEMPTS = 20;

  private final AccessStore store;
  private final TicketMirror tickets;
  private final Leases leases;
  private final Transitions transitions;

  /** A state change and the evidence that explains it. */
  record Change(AccessRecord next, List<EvidenceDraft> events) {
    static Change of(AccessRecord next, EvidenceDraft... events) {
      return new Change(next, List.of(events));
    }
  }

  Records(AccessStore store, TicketMirror tickets, Leases leases, Transitions transitions) {
    this.store = store;
    this.tickets = tickets;
    this.leases = leases;
    this.transitions = transitions;
  }

  Optional<AccessRecord> find(RecordId id) {
    return store.find(id);
  }

  /**
   * The subject's live record of {@code role} (the store keeps at most one), when the store has
   * just refused to admit another.
   *
   * @throws StateConflictException when it ended meanwhile; the caller's run looks again later
   */
  AccessRecord holder(PersonId subject, RoleId role) {
    return store
        .query(
            RecordQuery.all()
                .subject(subject.value())
                .role(role.value())
                .states(RecordState.live())
                .limit(1))
        .stream()
        .findFirst()
        .orElseThrow(
            () ->
                new StateConflictException(
                    "the live record of "
                        + role
                        + " for "
                        + subject
                        + " ended while it was being looked at; try again"));
  }

  AccessRecord load(RecordId id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("no access record " + id));
  }

  /**
   * Applies {@code decide} to the current record and stores its change, retrying on a concurrent
   * update. {@code decide} throws to refuse (nothing is written) or returns null when there is
   * nothing to do.
   */
  @Nullable AccessRecord mutate(RecordId id, Function<AccessRecord, @Nullable Change> decide) {
    for (int attempt = 1; ; attempt++) {
      AccessRecord current = load(id);
      Change change = decide.apply(current);
      if (change == null) {
        return null;
      }
      try {
        return commit(current, change);
      } catch (StaleRecordException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new StateConflictException(
              "record " + id + " kept changing under " + MAX_ATTEMPTS + " attempts; try again");
        }
      }
    }
  }

  /** As {@link #mutate}, for a {@code decide} that always changes the record or throws. */
  AccessRecord update(RecordId id, Function<AccessRecord, Change> decide) {
    return requireNonNull(mutate(id, decide::apply), "decide returned no change");
  }

  /**
   * Stores one change of {@code current}, its times kept in the record's order ({@link
   * RecordTime#ordered}); throws {@link StaleRecordException} when the record moved on.
   */
  AccessRecord commit(AccessRecord current, Change change) {
    Change ordered = RecordTime.ordered(current, change);
    AccessRecord stored =
        store.update(ordered.next(), ordered.events(), claimFor(current, ordered.next()));
    publish(current, stored);
    return stored;
  }

  /**
   * Stores the changes of several records in as few store transactions as the store can ({@link
   * AccessStore#updateAll}), times ordered as by {@link #commit}; {@code changes.get(i)} changes
   * {@code currents.get(i)}.
   *
   * @return for each, the stored record, or null when that record had moved on (nothing stored)
   */
  List<@Nullable AccessRecord> commitAll(List<AccessRecord> currents, List<Change> changes) {
    List<AccessStore.Update> updates = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      Change c = RecordTime.ordered(currents.get(i), changes.get(i));
      updates.add(
          new AccessStore.Update(c.next(), c.events(), claimFor(currents.get(i), c.next())));
    }
    List<@Nullable AccessRecord> stored = store.updateAll(updates);
    for (int i = 0; i < stored.size(); i++) {
      AccessRecord after = stored.get(i);
      if (after != null) {
        publish(currents.get(i), after);
      }
    }
    return stored;
  }

  AccessRecord insert(AccessRecord record, List<EvidenceDraft> events, Admission admission) {
    AccessRecord stored =
        store.insert(
            record, events, admission, record.state().isInFlight() ? leases.claim() : null);
    if (stored.id().equals(record.id())) {
      publish(null, stored);
    }
    return stored;
  }

  /** This service's lease claim when the change puts the record in flight, else null. */
  private RecordLeases.@Nullable Claim claimFor(AccessRecord current, AccessRecord next) {
    return next.state().isInFlight() && !current.state().isInFlight() ? leases.claim() : null;
  }

  private void publish(@Nullable AccessRecord before, AccessRecord after) {
    // A freshly linked ticket gets the whole timeline, not just the linking event.
    int from = before == null || before.ticketKey() == null ? 0 : before.timeline().size();
    List<EvidenceEvent> added =
        after.timeline().subList(Math.min(from, after.timeline().size()), after.timeline().size());
    tickets.publish(after, added);
    transitions.committed(before, after);
  }
}
