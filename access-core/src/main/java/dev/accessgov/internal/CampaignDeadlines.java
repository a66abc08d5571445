package dev.accessgov.internal;

import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A campaign's time-driven side: reminders before the deadline, and what the deadline does to
 * undecided items (revoke, keep with a recorded exception, or escalate and later revoke). Not API.
 */
final class CampaignDeadlines {
  private final Catalog catalog;
  private final ReviewerRules reviewerRules;
  private final Verdicts verdicts;

  CampaignDeadlines(Catalog catalog, ReviewerRules reviewerRules, Verdicts verdicts) {
    this.catalog = catalog;
    this.reviewerRules = reviewerRules;
    this.verdicts = verdicts;
  }

  /** The reminders of {@code c} that fell due since they were last asked for. */
  List<Reminder> remindersDue(Campaign c, Instant now) {
    List<Reminder> due = new ArrayList<>();
    synchronized (c) {
      if (c.status == CampaignStatus.CLOSED) {
        return due;
      }
      Instant fell = null;
      for (Duration before : c.spec.reminders()) {
        Instant at = c.deadline.minus(before);
        if (!at.isAfter(now) && c.remindersSent.add(c.deadline + "|" + before)) {
          fell = fell == null || at.isAfter(fell) ? at : fell;
        }
      }
      if (fell != null) {
        Instant dueAt = fell;
        c.pendingByReviewer()
            .forEach(
                (who, n) -> due.add(new Reminder(c.id, c.spec.name(), who, n, c.deadline, dueAt)));
      }
    }
    return due;
  }

  /** Closes {@code c}, applying the deadline rules when its deadline has passed. */
  CloseResult close(Campaign c, Instant now) {
    synchronized (c) {
      if (c.status == CampaignStatus.CLOSED) {
        return new CloseResult.Closed(c.report);
      }
      long undecided = c.items.stream().filter(i -> !i.isDecided()).count();
      if (undecided > 0 && now.isBefore(c.deadline)) {
        throw new StateConflictException(
            "campaign "
                + c.id
                + " has "
                + undecided
                + " undecided items and its deadline is "
                + c.deadline
                + "; decide them, or close it at or after the deadline");
      }
      List<ReviewItem> escalated = new ArrayList<>();
      for (ReviewItem item : List.copyOf(c.items)) {
        if (!item.isDecided()) {
          ReviewItem escalatedItem = atDeadline(c, item);
          if (escalatedItem != null) {
            escalated.add(escalatedItem);
          }
        }
      }
      if (!escalated.isEmpty()) {
        c.status = CampaignStatus.ESCALATED;
        c.deadline = now.plus(c.spec.escalationWindow());
        return new CloseResult.Escalated(escalated, c.deadline);
      }
      c.status = CampaignStatus.CLOSED;
      c.report = c.buildReport(now);
      return new CloseResult.Closed(c.report);
    }
  }

  /** Applies the deadline rule to an undecided item; returns it when it was escalated. */
  private @Nullable ReviewItem atDeadline(Campaign c, ReviewItem item) {
    DeadlineAction action =
        item.escalated() ? DeadlineAction.REVOKE : c.spec.onDeadline().get(item.tier());
    String rule = "undecided at the deadline " + c.deadline + "; rule for " + item.tier() + ": ";
    switch (action) {
      case ESCALATE:
        Role role = catalog.requireRole(item.roleId());
        PersonId to =
            reviewerRules.resolve(
                c.spec.escalateTo(), item.subject(), role, c.spec.owner(), item.reviewer());
        ReviewItem moved = item.withReviewer(to, true);
        c.replace(moved);
        return moved;
      case KEEP_WITH_EXCEPTION:
        c.replace(
            item.withDecision(
                verdicts.execute(
                    c.spec,
                    item,
                    Verdict.KEEP,
                    Verdicts.DEADLINE_ACTOR,
                    rule + "keep with a recorded exception",
                    true)));
        return null;
      default:
        c.replace(
            item.withDecision(
                verdicts.execute(
                    c.spec,
                    item,
                    Verdict.REVOKE,
                    Verdicts.DEADLINE_ACTOR,
                    rule + (item.escalated() ? "escalated and still undecided: revoke" : "revoke"),
                    false)));
        return null;
    }
  }
}
