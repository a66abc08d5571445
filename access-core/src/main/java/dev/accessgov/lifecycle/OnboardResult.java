package dev.accessgov.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an onboarding did: the records of its birthright grants, all carrying its event id.
 *
 * @param event the onboarding event
 * @param subject who was onboarded, by their canonical id
 * @param records one record per birthright role granted for this event, in catalog order: {@code
 *     ACTIVE}, {@code PENDING_APPROVAL} (the birthright needs an approval), or {@code PROVISIONING}
 *     when a provider failed ({@code recover()} finishes it). A repeated call returns the same
 *     records.
 * @param alreadyHeld live records of birthright roles the person already held or awaited through
 *     another request or event; left as they are
 * @param refused birthright roles not granted, with why (such as a separation-of-duties rule that
 *     forbids one together with access the person holds)
 */
public record OnboardResult(
    LifecycleEvent event,
    PersonId subject,
    List<AccessRecord> records,
    List<AccessRecord> alreadyHeld,
    Map<RoleId, String> refused) {
  /** Checks fields and copies the collections. */
  public OnboardResult {
    requireNonNull(event, "event");
    requireNonNull(subject, "subject");
    records = List.copyOf(records);
    alreadyHeld = List.copyOf(alreadyHeld);
    refused = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refused));
  }

  /** The event's id. */
  public LifecycleEventId eventId() {
    return event.id();
  }
}
