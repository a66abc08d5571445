package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InputLimits;
import dev.accessgov.NotFoundException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Reviews;
import dev.accessgov.review.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link Reviews} with campaigns held in this instance's memory and every decision executed and
 * recorded in the store at once (see {@link Reviews} for what is kept where). Not API.
 */
final class DefaultReviews implements Reviews {
  private final Authority authority;
  private final CampaignItems itemsBuilder;
  private final EmergencyItems emergency;
  private final Verdicts verdicts;
  private final CampaignDeadlines deadlines;
  private final Clock clock;
  private final Map<CampaignId, Campaign> campaigns = new ConcurrentHashMap<>();
  private final List<CampaignId> order = new CopyOnWriteArrayList<>();

  private final InputLimits limits;

  DefaultReviews(
      Catalog catalog,
      Authority authority,
      CampaignItems itemsBuilder,
      EmergencyItems emergency,
      ReviewerRules reviewerRules,
      Verdicts verdicts,
      Clock clock,
      InputLimits limits) {
    this.limits = limits;
    this.authority = authority;
    this.itemsBuilder = itemsBuilder;
    this.emergency = emergency;
    this.verdicts = verdicts;
    this.deadlines = new CampaignDeadlines(catalog, reviewerRules, verdicts);
    this.clock = clock;
  }

  @Override
  public ReviewCampaign start(CampaignSpec spec) {
    requireNonNull(spec, "spec");
    Instant now = clock.instant();
    CampaignId id = CampaignId.random();
    List<ReviewItem> items = new ArrayList<>();
    itemsBuilder.build(spec, id, now, items::add);
    return register(new Campaign(id, spec, now, items));
  }

  @Override
  public Optional<ReviewCampaign> startEmergencyReview(CampaignSpec template) {
    requireNonNull(template, "template");
    Instant now = clock.instant();
    CampaignId id = CampaignId.random();
    synchronized (emergency) {
      EmergencyItems.Built built = emergency.build(template, id, now);
      return built.items().isEmpty()
          ? Optional.empty()
          : Optional.of(register(new Campaign(id, built.spec(), now, built.items())));
    }
  }

  private ReviewCampaign register(Campaign c) {
    campaigns.put(c.id, c);
    order.add(c.id);
    return c.snapshot();
  }

  private Campaign require(CampaignId campaignId) {
    Campaign c = campaigns.get(requireNonNull(campaignId, "campaignId"));
    if (c == null) {
      throw new NotFoundException("no review campaign " + campaignId + " in this instance");
    }
    return c;
  }

  @Override
  public ReviewCampaign campaign(CampaignId campaignId) {
    return require(campaignId).snapshot();
  }

  @Override
  public List<ReviewCampaign> campaigns() {
    return order.stream().map(id -> campaigns.get(id).snapshot()).toList();
  }

  @Override
  public List<ReviewItem> items(CampaignId campaignId) {
    Campaign c = require(campaignId);
    synchronized (c) {
      return List.copyOf(c.items);
    }
  }

  @Override
  public List<ReviewItem> pending(CampaignId campaignId, PersonId reviewer) {
    PersonId who = authority.canonical(requireNonNull(reviewer, "reviewer"));
    return items(campaignId).stream()
        .filter(i -> !i.isDecided() && i.reviewer().equals(who))
        .toList();
  }

  @Override
  public ReviewItem item(ItemId itemId) {
    Campaign c = campaignOf(itemId);
    synchronized (c) {
      return requireItem(c, itemId);
    }
  }

  private Campaign campaignOf(ItemId itemId) {
    requireNonNull(itemId, "itemId");
    Campaign c = campaigns.get(itemId.campaign());
    if (c == null) {
      throw new NotFoundException("no review item " + itemId + "; ids look like rc-.../12");
    }
    return c;
  }

  private static ReviewItem requireItem(Campaign c, ItemId itemId) {
    ReviewItem item = c.item(itemId.number());
    if (item == null) {
      throw new NotFoundException(
          "no review item " + itemId + "; campaign " + c.id + " has " + c.items.size());
    }
    return item;
  }

  /** The item, checked open for a change by someone. */
  private static ReviewItem undecided(Campaign c, ItemId itemId) {
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
  public ReviewItem decide(ItemId itemId, PersonId reviewer, Verdict verdict, String comment) {
    requireNonNull(reviewer, "reviewer");
    requireNonNull(verdict, "verdict");
    String why = limits.text(comment, "comment");
    Campaign c = campaignOf(itemId);
    synchronized (c) {
      ReviewItem item = undecided(c, itemId);
      PersonId who = authority.reviewer(reviewer, item, "decide");
      if (clock.instant().isBefore(c.opensAt)) {
        throw new StateConflictException(
            "campaign " + c.id + " opens for decisions at " + c.opensAt);
      }
      ReviewDecision d = verdicts.execute(c.spec, item, verdict, who.asActor(), why, false);
      ReviewItem decided = item.withDecision(d);
      c.replace(decided);
      return decided;
    }
  }

  @Override
  public ReviewItem delegate(ItemId itemId, PersonId from, PersonId to, String reason) {
    requireNonNull(from, "from");
    return handOver(itemId, to, reason, item -> authority.reviewer(from, item, "delegate"));
  }

  @Override
  public ReviewItem reassign(ItemId itemId, PersonId by, PersonId to, String reason) {
    requireNonNull(by, "by");
    Campaign c = campaignOf(itemId);
    return handOver(itemId, to, reason, item -> authority.reassigner(by, c.spec.owner(), item));
  }

  /** Moves an undecided item to {@code to} once {@code allowed} has accepted who asks. */
  private ReviewItem handOver(
      ItemId itemId, PersonId to, String reason, Consumer<ReviewItem> allowed) {
    requireNonNull(to, "to");
    limits.text(reason, "reason");
    Campaign c = campaignOf(itemId);
    synchronized (c) {
      ReviewItem item = undecided(c, itemId);
      allowed.accept(item);
      ReviewItem moved = item.withReviewer(authority.newReviewer(to, item), false);
      c.replace(moved);
      return moved;
    }
  }

  @Override
  public List<Reminder> remindersDue() {
    Instant now = clock.instant();
    List<Reminder> due = new ArrayList<>();
    for (CampaignId id : order) {
      due.addAll(deadlines.remindersDue(campaigns.get(id), now));
    }
    return due;
  }

  @Override
  public CloseResult close(CampaignId campaignId) {
    return deadlines.close(require(campaignId), clock.instant());
  }
}
