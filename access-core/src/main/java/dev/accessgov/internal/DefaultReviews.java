package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Reviews;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.PeopleDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link Reviews} with campaigns held in this instance's memory and every decision executed and
 * recorded in the store at once (see {@link Reviews} for what is kept where). Not API.
 */
final class DefaultReviews implements Reviews {
  private final Catalog catalog;
  private final PeopleDirectory people;
  private final CampaignItems itemsBuilder;
  private final EmergencyItems emergency;
  private final ReviewerRules reviewerRules;
  private final Verdicts verdicts;
  private final Clock clock;
  private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
  private final List<String> order = new CopyOnWriteArrayList<>();

  DefaultReviews(
      Catalog catalog,
      PeopleDirectory people,
      CampaignItems itemsBuilder,
      EmergencyItems emergency,
      ReviewerRules reviewerRules,
      Verdicts verdicts,
      Clock clock) {
    this.catalog = catalog;
    this.people = people;
    this.itemsBuilder = itemsBuilder;
    this.emergency = emergency;
    this.reviewerRules = reviewerRules;
    this.verdicts = verdicts;
    this.clock = clock;
  }

  @Override
  public ReviewCampaign start(CampaignSpec spec) {
    requireNonNull(spec, "spec");
    Instant now = clock.instant();
    String id = newId();
    List<ReviewItem> items = new ArrayList<>();
    itemsBuilder.build(spec, id, now, items::add);
    return register(new Campaign(id, spec, now, items));
  }

  @Override
  public Optional<ReviewCampaign> startEmergencyReview(CampaignSpec template) {
    requireNonNull(template, "template");
    Instant now = clock.instant();
    String id = newId();
    synchronized (emergency) {
      EmergencyItems.Built built = emergency.build(template, id, now);
      return built.items().isEmpty()
          ? Optional.empty()
          : Optional.of(register(new Campaign(id, built.spec(), now, built.items())));
    }
  }

  private static String newId() {
    return "rc-" + UUID.randomUUID();
  }

  private ReviewCampaign register(Campaign c) {
    campaigns.put(c.id, c);
    order.add(c.id);
    return c.snapshot();
  }

  private Campaign require(String campaignId) {
    Campaign c = campaigns.get(requireNonNull(campaignId, "campaignId"));
    if (c == null) {
      throw new NotFoundException("no review campaign " + campaignId + " in this instance");
    }
    return c;
  }

  @Override
  public ReviewCampaign campaign(String campaignId) {
    return require(campaignId).snapshot();
  }

  @Override
  public List<ReviewCampaign> campaigns() {
    return order.stream().map(id -> campaigns.get(id).snapshot()).toList();
  }

  @Override
  public List<ReviewItem> items(String campaignId) {
    Campaign c = require(campaignId);
    synchronized (c) {
      return List.copyOf(c.items);
    }
  }

  @Override
  public List<ReviewItem> pending(String campaignId, PersonId reviewer) {
    requireNonNull(reviewer, "reviewer");
    return items(campaignId).stream()
        .filter(i -> !i.isDecided() && i.reviewer().equals(reviewer))
        .toList();
  }

  @Override
  public ReviewItem item(String itemId) {
    Campaign c = campaignOf(itemId);
    synchronized (c) {
      return requireItem(c, itemId);
    }
  }

  private Campaign campaignOf(String itemId) {
    requireNonNull(itemId, "itemId");
    int slash = itemId.lastIndexOf('/');
    Campaign c = slash < 0 ? null : campaigns.get(itemId.substring(0, slash));
    if (c == null) {
      throw new NotFoundException("no review item " + itemId + "; ids look like rc-.../12");
    }
    return c;
  }

  private static ReviewItem requireItem(Campaign c, String itemId) {
    ReviewItem item = null;
    try {
      item = c.item(Integer.parseInt(itemId.substring(itemId.lastIndexOf('/') + 1)));
    } catch (NumberFormatException e) {
      // reported below
    }
    if (item == null) {
      throw new NotFoundException(
          "no review item " + itemId + "; campaign " + c.id + " has " + c.items.size());
    }
    return item;
  }

  /** The item, checked open for a change by someone. */
  private static ReviewItem undecided(Campaign c, String itemId) {
    ReviewItem item = requireItem(c, itemId);
    if (c.status == CampaignStatus.CLOSED) {
      throw new StateConflictException("campaign " + c.id + " is closed");
    }
    if (item.isDecided()) {
      throw new StateConflictException(
          "item "
              + itemId
              + " was already decided "
              + item.decision().verdict()
              + " by "
              + item.decision().actor());
    }
    return item;
  }

  @Override
  public ReviewItem decide(String itemId, PersonId reviewer, Verdict verdict, String comment) {
    requireNonNull(reviewer, "reviewer");
    requireNonNull(verdict, "verdict");
    String why = GrantIntake.requireText(comment, "comment");
    Campaign c = campaignOf(itemId);
    synchronized (c) {
      ReviewItem item = undecided(c, itemId);
      if (!item.reviewer().equals(reviewer)) {
        throw new PolicyViolationException(
            reviewer + " may not decide item " + itemId + "; it is assigned to " + item.reviewer());
      }
      if (clock.instant().isBefore(c.opensAt)) {
        throw new StateConflictException(
            "campaign " + c.id + " opens for decisions at " + c.opensAt);
      }
      ReviewDecision d = verdicts.execute(c.spec, item, verdict, reviewer.asActor(), why, false);
      ReviewItem decided = item.withDecision(d);
      c.replace(decided);
      return decided;
    }
  }

  @Override
  public ReviewItem delegate(String itemId, PersonId from, PersonId to, String reason) {
    requireNonNull(from, "from");
    return handOver(
        itemId,
        to,
        reason,
        item -> item.reviewer().equals(from),
        from + " may not delegate item " + itemId + "; it is assigned to ");
  }

  @Override
  public ReviewItem reassign(String itemId, PersonId by, PersonId to, String reason) {
    requireNonNull(by, "by");
    Campaign c = campaignOf(itemId);
    return handOver(
        itemId,
        to,
        reason,
        item -> c.spec.owner().equals(by),
        by
            + " may not reassign item "
            + itemId
            + "; only the campaign owner "
            + c.spec.owner()
            + " may; it is assigned to ");
  }

  private ReviewItem handOver(
      String itemId,
      PersonId to,
      String reason,
      java.util.function.Predicate<ReviewItem> allowed,
      String refusal) {
    requireNonNull(to, "to");
    GrantIntake.requireText(reason, "reason");
    Campaign c = campaignOf(itemId);
    synchronized (c) {
      ReviewItem item = undecided(c, itemId);
      if (!allowed.test(item)) {
        throw new PolicyViolationException(refusal + item.reviewer());
      }
      if (to.equals(item.subject())) {
        throw new PolicyViolationException(
            to + " cannot review their own access (item " + itemId + ")");
      }
      if (people.find(to).isEmpty()) {
        throw new NotFoundException(
            "unknown reviewer " + to + ": the people directory does not know them");
      }
      ReviewItem moved = item.withReviewer(to, false);
      c.replace(moved);
      return moved;
    }
  }

  @Override
  public List<Reminder> remindersDue() {
    Instant now = clock.instant();
    List<Reminder> due = new ArrayList<>();
    for (String id : order) {
      Campaign c = campaigns.get(id);
      synchronized (c) {
        if (c.status == CampaignStatus.CLOSED) {
          continue;
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
                  (who, n) ->
                      due.add(new Reminder(c.id, c.spec.name(), who, n, c.deadline, dueAt)));
        }
      }
    }
    return due;
  }

  @Override
  public CloseResult close(String campaignId) {
    Campaign c = require(campaignId);
    synchronized (c) {
      if (c.status == CampaignStatus.CLOSED) {
        return new CloseResult.Closed(c.report);
      }
      Instant now = clock.instant();
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
  private ReviewItem atDeadline(Campaign c, ReviewItem item) {
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
