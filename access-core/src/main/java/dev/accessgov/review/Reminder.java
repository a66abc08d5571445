package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;
import java.time.Instant;

/**
 * A reminder the host delivers (mail, chat, ticket comment): a reviewer still has items to decide.
 *
 * @param campaignId the campaign
 * @param campaignName its name
 * @param reviewer who to remind
 * @param pendingItems how many items they still have to decide
 * @param deadline when the campaign's deadline (or escalation deadline) falls
 * @param dueAt when the reminder became due
 */
public record Reminder(
    String campaignId,
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
}
