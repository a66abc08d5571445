package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import java.time.Instant;

/**
 * A reminder to a reviewer who still has items to decide, delivered through a {@link
 * dev.accessgov.spi.Notifier} (mail, chat, ticket comment).
 *
 * @param campaignId the campaign
 * @param campaignName its name
 * @param reviewer who to remind
 * @param pendingItems how many items they still have to decide
 * @param deadline when the campaign's deadline (or escalation deadline) falls
 * @param dueAt when the reminder became due
 */
public record Reminder(
    CampaignId campaignId,
    String campaignName,
    PersonId reviewer,
    int pendingItems,
    Instant deadline,
    Instant dueAt) {
  /** Checks required fields. */
  public Reminder {
    requireNonNull(campaignId, "campaignId");
    requireNonNull(campaignName, "campaignName");
    requireNonNull(reviewer, "reviewer");
    requireNonNull(deadline, "deadline");
    requireNonNull(dueAt, "dueAt");
  }

  /**
   * What makes this reminder one reminder: the campaign, its deadline, when the reminder fell due
   * and the reviewer. The store keeps each id once, and a {@link dev.accessgov.spi.Notifier} gets
   * it as the key to deliver it once.
   */
  public String id() {
    return campaignId + "|" + deadline + "|" + dueAt + "|" + reviewer;
  }
}
