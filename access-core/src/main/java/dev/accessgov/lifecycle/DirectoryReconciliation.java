package dev.accessgov.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a directory reconciliation run did ({@code AccessService.reconcileDirectory}): the people
 * whose directory attributes changed without a lifecycle call, transferred; those who left or
 * vanished from the directory while holding access, offboarded; and those seen for the first time,
 * whose attributes were recorded as the baseline later runs compare with.
 *
 * @param at when the run started
 * @param looked how many people it looked at
 * @param baselined people seen for the first time (or again after leaving): attributes recorded,
 *     nothing changed
 * @param transfers the transfers it ran, one per person whose attributes changed
 * @param offboarded people who left or vanished, by their offboarding event, with the records
 *     changed
 * @param failed people it could not handle this time, with why; the next run tries again
 */
public record DirectoryReconciliation(
    Instant at,
    int looked,
    List<PersonId> baselined,
    List<TransferResult> transfers,
    Map<PersonId, Offboarded> offboarded,
    Map<PersonId, String> failed) {

  /** Checks fields and copies the collections. */
  public DirectoryReconciliation {
    requireNonNull(at, "at");
    baselined = List.copyOf(baselined);
    transfers = List.copyOf(transfers);
    offboarded = Collections.unmodifiableMap(new LinkedHashMap<>(offboarded));
    failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
  }

  /**
   * One leaver the run offboarded.
   *
   * @param event the offboarding event
   * @param records the records changed, as {@code AccessService.offboard} returns them
   */
  public record Offboarded(LifecycleEvent event, List<AccessRecord> records) {
    /** Checks and copies. */
    public Offboarded {
      requireNonNull(event, "event");
      records = List.copyOf(records);
    }
  }
}
