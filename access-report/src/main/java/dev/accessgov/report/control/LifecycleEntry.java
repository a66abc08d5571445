package dev.accessgov.report.control;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One joiner, mover or leaver event of the report's period: the lifecycle call, the records it made
 * or ended, and how long the identity providers took to carry it out.
 *
 * @param eventId the lifecycle event id every record of the event names
 * @param trigger {@code ONBOARDING} (joiner), {@code TRANSFER} (mover) or {@code OFFBOARDING}
 *     (leaver)
 * @param person whose event it is
 * @param calledAt the lifecycle call: the first event of the period that names the event
 * @param recordIds the records the event made or changed, in chain order
 * @param awaiting of those, how many still wait on an approval or the identity provider
 * @param idpChangedAt when the identity providers confirmed the last change the event made, or null
 *     while one is awaited or when the event changed nothing there
 * @param lag from {@code calledAt} to {@code idpChangedAt}, or null with it
 */
public record LifecycleEntry(
    String eventId,
    String trigger,
    String person,
    Instant calledAt,
    List<String> recordIds,
    int awaiting,
    @Nullable Instant idpChangedAt,
    @Nullable Duration lag) {

  /** Checks the required fields and copies the list. */
  public LifecycleEntry {
    requireNonNull(eventId, "eventId");
    requireNonNull(trigger, "trigger");
    requireNonNull(person, "person");
    requireNonNull(calledAt, "calledAt");
    recordIds = List.copyOf(requireNonNull(recordIds, "recordIds"));
  }
}
