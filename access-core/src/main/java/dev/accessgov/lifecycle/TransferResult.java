package dev.accessgov.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.review.CampaignId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a transfer did: the birthright grants the new position adds, and the immediate review of
 * everything else the person holds, all under one lifecycle event.
 *
 * @param event the transfer event; every grant and review decision names it
 * @param subject who moved, by their canonical id
 * @param from the directory attributes the move started from, as last handled ({@code department},
 *     {@code title}, {@code location}, {@code employmentType}); empty when none were recorded
 * @param to the attributes the person has now
 * @param granted one record per birthright role of the new position granted for this event: {@code
 *     ACTIVE}, {@code PENDING_APPROVAL} or {@code PROVISIONING} (a provider failed; {@code
 *     recover()} finishes it). A repeated call returns the same records.
 * @param alreadyHeld live records of birthright roles of the new position the person already held
 *     or awaited; left as they are
 * @param refused birthright roles not granted, with why (such as a separation-of-duties rule)
 * @param underReview the active records the new position does not justify, put under the event's
 *     immediate review; at its deadline what nobody kept is handled by the lifecycle review policy
 *     (revoked by default)
 * @param review the immediate review campaign, or null when nothing needed reviewing
 */
public record TransferResult(
    LifecycleEvent event,
    PersonId subject,
    Map<String, String> from,
    Map<String, String> to,
    List<AccessRecord> granted,
    List<AccessRecord> alreadyHeld,
    Map<RoleId, String> refused,
    List<RecordId> underReview,
    @Nullable CampaignId review) {

  /** Checks fields and copies the collections. */
  public TransferResult {
    requireNonNull(event, "event");
    requireNonNull(subject, "subject");
    from = Collections.unmodifiableMap(new TreeMap<>(from));
    to = Collections.unmodifiableMap(new TreeMap<>(to));
    granted = List.copyOf(granted);
    alreadyHeld = List.copyOf(alreadyHeld);
    refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    underReview = List.copyOf(underReview);
  }

  /** The event's id. */
  public LifecycleEventId eventId() {
    return event.id();
  }

  /** The immediate review campaign, if anything needed reviewing. */
  public Optional<CampaignId> reviewCampaign() {
    return Optional.ofNullable(review);
  }
}
