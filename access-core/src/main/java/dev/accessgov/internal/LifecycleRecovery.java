package dev.accessgov.internal;

import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.DirectoryState;
import dev.accessgov.spi.GovernanceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle half of recover: finishes the onboardings and transfers a process claimed in a
 * person's {@link DirectoryState} and never finished. A claim is treated as a lease on the event
 * taken when it was claimed: it is finished only once it is older than the lease duration plus
 * {@code quietFor}, so a call still working on it is not raced (and if it were, grants are keyed
 * per event and role, the review's id follows from the event, and the final move is
 * compare-and-set, so nothing is done twice). Offboardings the directory reconciliation claimed are
 * its own next run's to finish. Not API.
 */
final class LifecycleRecovery {
  private static final Logger log = LoggerFactory.getLogger(LifecycleRecovery.class);

  /** Stored states read per page. */
  private static final int PAGE = 500;

  private final GovernanceStore gov;
  private final Onboarding onboarding;
  private final Transfers transfers;
  private final Duration lease;
  private final Clock clock;

  LifecycleRecovery(
      GovernanceStore gov,
      Onboarding onboarding,
      Transfers transfers,
      Duration lease,
      Clock clock) {
    this.gov = gov;
    this.onboarding = onboarding;
    this.transfers = transfers;
    this.lease = lease;
    this.clock = clock;
  }

  /**
   * Finishes every abandoned onboarding and transfer claim; one that fails is logged and left for
   * the next run. Returns how many were finished.
   */
  int recover(Duration quietFor) {
    Instant abandoned = clock.instant().minus(lease).minus(quietFor);
    int finished = 0;
    PersonId after = null;
    for (List<DirectoryState> page = gov.directoryStates(null, PAGE);
        !page.isEmpty();
        page = gov.directoryStates(after, PAGE)) {
      for (DirectoryState state : page) {
        if (!state.at().isAfter(abandoned) && finish(state)) {
          finished++;
        }
      }
      after = page.get(page.size() - 1).person();
    }
    return finished;
  }

  private boolean finish(DirectoryState state) {
    LifecycleEvent event = state.pendingEvent();
    PersonId by = state.claimedBy();
    String reason = state.claimReason();
    if (event == null || by == null || reason == null) {
      // Nothing pending, or a claim that does not say for whom (the reconciliation's own).
      return false;
    }
    try (RecordMdc scope = RecordMdc.operation(List.of(), "recover")) {
      if (event.trigger() == LifecycleTrigger.ONBOARDING) {
        onboarding.resume(state, by, reason);
      } else if (event.trigger() == LifecycleTrigger.TRANSFER) {
        transfers.resume(state, by, reason);
      } else {
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      // Exception messages of this library never carry secrets.
      log.warn(
          "recover could not finish lifecycle event {} of {}; the next recover() tries again: {}",
          event.id(),
          state.person(),
          e.toString());
      return false;
    }
  }
}
