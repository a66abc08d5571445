package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessException;
import dev.accessgov.InputLimits;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.Handover;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Reviews;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.Notifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Reviews} kept in the store's {@link GovernanceStore}: no campaign state lives in this
 * instance, so a restart or another instance carries on where this one stopped. Decisions settle
 * their items in the transaction that writes their evidence; hand-overs and deadline moves are
 * compare-and-set, so racing instances do each piece of work once. Not API.
 */
final class DefaultReviews implements Reviews {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(DefaultReviews.class);

  /** Items stored per transaction while a campaign starts. */
  static final int BATCH = 500;

  private final Authority authority;
  private final CampaignItems itemsBuilder;
  private final EmergencyItems emergency;
  private final Verdicts verdicts;
  private final CampaignDeadlines deadlines;
  private final GovernanceStore store;
  private final Clock clock;
  private final InputLimits limits;

  DefaultReviews(
      Catalog catalog,
      Authority authority,
      CampaignItems itemsBuilder,
      EmergencyItems emergency,
      ReviewerRules reviewerRules,
      Verdicts verdicts,
      GovernanceStore store,
      Notifier notifier,
      Clock clock,
      InputLimits limits) {
    this.limits = limits;
    this.authority = authority;
    this.itemsBuilder = itemsBuilder;
    this.emergency = emergency;
    this.verdicts = verdicts;
    this.store = store;
    this.deadlines = new CampaignDeadlines(catalog, reviewerRules, verdicts, store, notifier);
    this.clock = clock;
  }

  @Override
  public ReviewCampaign start(CampaignSpec spec) {
    requireNonNull(spec, "spec");
    Instant now = clock.instant();
    CampaignId id = CampaignId.random();
    create(id, spec, now);
    try (ItemWriter writer = new ItemWriter(store)) {
      List<ReviewItem> batch = new ArrayList<>(BATCH);
      itemsBuilder.build(
          spec,
          id,
          now,
          item -> {
            batch.add(item);
            if (batch.size() == BATCH) {
              writer.write(List.copyOf(batch));
              batch.clear();
            }
          });
      if (!batch.isEmpty()) {
        writer.write(List.copyOf(batch));
      }
      writer.finish();
    }
    return open(id);
  }

  @Override
  public Optional<ReviewCampaign> startEmergencyReview(CampaignSpec template) {
    requireNonNull(template, "template");
    Instant now = clock.instant();
    CampaignId id = CampaignId.random();
    EmergencyItems.Built built = emergency.build(template, id, now, store);
    if (built.items().isEmpty()) {
      return Optional.empty();
    }
    create(id, built.spec(), now);
    List<ReviewItem> items = built.items();
    for (int from = 0; from < items.size(); from += BATCH) {
      store.addItems(items.subList(from, Math.min(items.size(), from + BATCH)));
    }
    return Optional.of(open(id));
  }

  private void create(CampaignId id, CampaignSpec spec, Instant now) {
    Instant opensAt = spec.start() != null ? spec.start() : now;
    store.createCampaign(
        new ReviewCampaign(
            id, spec, CampaignStatus.STARTING, now, opensAt.plus(spec.duration()), 0, 0, null));
  }

  /** Opens the campaign, its items stored, for decisions. */
  private ReviewCampaign open(CampaignId id) {
    store.openCampaign(id);
    return campaign(id);
  }

  private ReviewCampaign require(CampaignId campaignId) {
    requireNonNull(campaignId, "campaignId");
    return store
        .campaign(campaignId)
        .orElseThrow(() -> new NotFoundException("no review campaign " + campaignId));
  }

  @Override
  public ReviewCampaign campaign(CampaignId campaignId) {
    return require(campaignId);
  }

  @Override
  public List<ReviewCampaign> campaigns() {
    return store.campaigns();
  }

  @Override
  public List<ReviewItem> items(CampaignId campaignId) {
    require(campaignId);
    List<ReviewItem> all = new ArrayList<>();
    CampaignItems.forEach(store, campaignId, all::add);
    return all;
  }

  @Override
  public List<ReviewItem> pending(CampaignId campaignId, PersonId reviewer) {
    PersonId who = authority.canonical(requireNonNull(reviewer, "reviewer"));
    require(campaignId);
    return store.pending(campaignId, who);
  }

  @Override
  public ReviewItem item(ItemId itemId) {
    requireNonNull(itemId, "itemId");
    return store
        .item(itemId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no review item " + itemId + " (campaign " + itemId.campaign() + ")"));
  }

  /** Refuses a change to {@code item} unless it is undecided and {@code c} is open. */
  private static void checkUndecided(ReviewCampaign c, ReviewItem item) {
    if (!c.status().isOpen()) {
      throw new StateConflictException("campaign " + c.id() + " is " + c.status());
    }
    if (item.isDecided()) {
      throw decidedAlready(item);
    }
  }

  private static StateConflictException decidedAlready(ReviewItem item) {
    return new StateConflictException(
        "item "
            + item.id()
            + " was already decided "
            + requireNonNull(item.decision()).verdict()
            + " by "
            + item.decision().actor());
  }

  @Override
  public ReviewItem decide(ItemId itemId, PersonId reviewer, Verdict verdict, String comment) {
    requireNonNull(itemId, "itemId");
    requireNonNull(reviewer, "reviewer");
    requireNonNull(verdict, "verdict");
    String why = limits.text(comment, "comment");
    ReviewItem item = item(itemId);
    ReviewCampaign c = require(itemId.campaign());
    checkUndecided(c, item);
    PersonId who = authority.reviewer(reviewer, item, "decide");
    if (verdict == Verdict.KEEP
        && item.unmanaged()
        && c.spec().explicitDecisionOnUnmanaged()
        && why.length() < CampaignSpec.UNMANAGED_KEEP_MIN_COMMENT) {
      throw new InvalidRequestException(
          "item "
              + itemId
              + " is an unmanaged account (outside the verified domains) and campaign "
              + c.id()
              + " needs an explicit decision on it: to keep it, say why it stays in a comment of at"
              + " least "
              + CampaignSpec.UNMANAGED_KEEP_MIN_COMMENT
              + " characters (e.g. the contract it serves), was '"
              + why
              + "'");
    }
    if (clock.instant().isBefore(c.opensAt())) {
      throw new StateConflictException(
          "campaign " + c.id() + " opens for decisions at " + c.opensAt());
    }
    try {
      verdicts.execute(c.spec(), item, verdict, who.asActor().toString(), why, false);
    } catch (GovernanceStore.ItemDecidedException raced) {
      ReviewItem now = item(itemId);
      throw now.isDecided() ? decidedAlready(now) : raced;
    }
    return item(itemId);
  }

  @Override
  public ReviewItem delegate(ItemId itemId, PersonId from, PersonId to, String reason) {
    requireNonNull(from, "from");
    return handOver(itemId, to, reason, (c, item) -> authority.reviewer(from, item, "delegate"));
  }

  @Override
  public ReviewItem reassign(ItemId itemId, PersonId by, PersonId to, String reason) {
    requireNonNull(by, "by");
    return handOver(
        itemId, to, reason, (c, item) -> authority.reassigner(by, c.spec().owner(), item));
  }

  /** Who may hand an item over: throws to refuse. */
  private interface Allowed {
    void check(ReviewCampaign c, ReviewItem item);
  }

  /** Moves an undecided item to {@code to} once {@code allowed} has accepted who asks. */
  private ReviewItem handOver(ItemId itemId, PersonId to, String reason, Allowed allowed) {
    requireNonNull(itemId, "itemId");
    requireNonNull(to, "to");
    limits.text(reason, "reason");
    ReviewItem item = item(itemId);
    ReviewCampaign c = require(itemId.campaign());
    checkUndecided(c, item);
    allowed.check(c, item);
    PersonId next = authority.newReviewer(to, item);
    if (!store.handOver(itemId, item.reviewer(), next, Handover.DELEGATE)) {
      ReviewItem now = item(itemId);
      throw now.isDecided()
          ? decidedAlready(now)
          : new StateConflictException(
              "item " + itemId + " moved to " + now.reviewer() + " meanwhile; look again");
    }
    return item(itemId);
  }

  @Override
  public List<Reminder> sendReminders() {
    return deadlines.sendReminders(clock.instant());
  }

  @Override
  public Map<CampaignId, CloseResult> closeDue() {
    Instant now = clock.instant();
    Map<CampaignId, CloseResult> done = new LinkedHashMap<>();
    for (ReviewCampaign c : store.campaigns()) {
      if (c.status().isOpen() && !now.isBefore(c.deadline())) {
        try {
          done.put(c.id(), deadlines.close(c, now));
        } catch (AccessException e) {
          // One campaign's trouble (a record that kept changing) does not hold up the others;
          // what it left undecided is taken up on the next run.
          log.warn(
              "deadline of campaign {} not fully applied, will run again: {}",
              c.id(),
              e.toString());
        }
      }
    }
    return done;
  }

  @Override
  public CloseResult close(CampaignId campaignId) {
    return deadlines.close(require(campaignId), clock.instant());
  }
}
