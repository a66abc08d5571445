package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.CAMPAIGN;
import static dev.accessgov.evidence.EvidenceKeys.ITEMS;
import static dev.accessgov.evidence.EvidenceKeys.ITEMS_DIGEST;
import static dev.accessgov.evidence.EvidenceKeys.ITEM_COUNT;

import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignReport;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.Handover;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.Notifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A campaign's time-driven side: reminders before the deadline, what the deadline does to undecided
 * items (revoke, keep with a recorded exception, or escalate and later revoke), and the closing
 * event. Every step is safe to run on several instances at once: decisions settle once in the
 * store, hand-overs and campaign moves are compare-and-set, reminders are stored once. Not API.
 */
final class CampaignDeadlines {
  /**
   * Campaigns up to this many items list every item in their closing event; larger ones give the
   * count and a digest of the same lines, to keep the event within an evidence line's limit.
   */
  static final int LISTED_ITEMS = 50_000;

  private static final Logger log = LoggerFactory.getLogger(CampaignDeadlines.class);

  private final Catalog catalog;
  private final ReviewerRules reviewerRules;
  private final Verdicts verdicts;
  private final GovernanceStore store;
  private final Notifier notifier;

  CampaignDeadlines(
      Catalog catalog,
      ReviewerRules reviewerRules,
      Verdicts verdicts,
      GovernanceStore store,
      Notifier notifier) {
    this.catalog = catalog;
    this.reviewerRules = reviewerRules;
    this.verdicts = verdicts;
    this.store = store;
    this.notifier = notifier;
  }

  /**
   * Stores the reminders that fell due (one per reviewer with undecided items, per campaign and
   * reminder time, once however many instances ask), then delivers every undelivered reminder.
   *
   * @return the reminders this call delivered
   */
  List<Reminder> sendReminders(Instant now) {
    for (ReviewCampaign c : store.campaigns()) {
      if (!c.status().isOpen()) {
        continue;
      }
      Instant fell = null;
      for (Duration before : c.spec().reminders()) {
        Instant at = c.deadline().minus(before);
        if (!at.isAfter(now) && (fell == null || at.isAfter(fell))) {
          fell = at;
        }
      }
      if (fell != null) {
        Instant dueAt = fell;
        pendingByReviewer(c)
            .forEach(
                (who, n) ->
                    store.addReminder(
                        new Reminder(c.id(), c.spec().name(), who, n, c.deadline(), dueAt)));
      }
    }
    return deliverReminders(now);
  }

  /**
   * Delivers every reminder not yet delivered. One caller at a time per service: two threads that
   * read the same undelivered reminders would both deliver them; across processes the scheduler
   * runs this once at a time, and a reminder's id lets a notifier drop a redelivery after a crash.
   */
  private synchronized List<Reminder> deliverReminders(Instant now) {
    List<Reminder> delivered = new ArrayList<>();
    for (List<Reminder> due = store.undeliveredReminders(100);
        !due.isEmpty();
        due = store.undeliveredReminders(100)) {
      for (Reminder r : due) {
        try {
          notifier.remind(r);
        } catch (RuntimeException e) {
          log.warn("reminder {} not delivered, will be tried again: {}", r.id(), e.toString());
          return delivered;
        }
        store.reminderDelivered(r.id(), now);
        delivered.add(r);
      }
    }
    return delivered;
  }

  /** Undecided items per reviewer, in first-seen order. */
  private Map<PersonId, Integer> pendingByReviewer(ReviewCampaign c) {
    Map<PersonId, Integer> pending = new LinkedHashMap<>();
    CampaignItems.forEach(
        store,
        c.id(),
        i -> {
          if (!i.isDecided()) {
            pending.merge(i.reviewer(), 1, Integer::sum);
          }
        });
    return pending;
  }

  /** Closes {@code c}, applying the deadline rules when its deadline has passed. */
  CloseResult close(ReviewCampaign c, Instant now) {
    if (c.status() == CampaignStatus.CLOSED) {
      return new CloseResult.Closed(report(c));
    }
    if (c.status() == CampaignStatus.STARTING) {
      throw new StateConflictException(
          "campaign " + c.id() + " is still starting: its items are not all stored");
    }
    int undecided = c.items() - c.decided();
    if (undecided > 0 && now.isBefore(c.deadline())) {
      throw new StateConflictException(
          "campaign "
              + c.id()
              + " has "
              + undecided
              + " undecided items and its deadline is "
              + c.deadline()
              + "; decide them, or close it at or after the deadline");
    }
    // Items are never undecided again, so a campaign decided throughout needs neither pass.
    List<ReviewItem> waiting = new ArrayList<>();
    if (undecided > 0) {
      CampaignItems.forEach(
          store,
          c.id(),
          item -> {
            if (!item.isDecided()) {
              atDeadline(c, item);
            }
          });
      // Read again: escalated items wait, and another instance may have decided some meanwhile.
      CampaignItems.forEach(
          store,
          c.id(),
          item -> {
            if (!item.isDecided()) {
              waiting.add(item);
            }
          });
    }
    if (!waiting.isEmpty()) {
      Instant until = now.plus(c.spec().escalationWindow());
      if (c.status() == CampaignStatus.OPEN
          && store.moveCampaign(
              c.id(), c.status(), c.deadline(), CampaignStatus.ESCALATED, until)) {
        return new CloseResult.Escalated(waiting, until);
      }
      ReviewCampaign now2 = store.campaign(c.id()).orElseThrow();
      return new CloseResult.Escalated(waiting, now2.deadline());
    }
    ReviewCampaign decided = store.campaign(c.id()).orElseThrow();
    if (decided.status().isOpen()) {
      store.close(c.id(), decided.status(), now, closing(decided, now));
    }
    return new CloseResult.Closed(report(store.campaign(c.id()).orElseThrow()));
  }

  /** Applies the deadline rule to an undecided item; another instance may have done it already. */
  private void atDeadline(ReviewCampaign c, ReviewItem item) {
    DeadlineAction action = item.escalated() ? DeadlineAction.REVOKE : c.spec().onDeadline(item);
    String rule =
        "undecided at the deadline "
            + c.deadline()
            + "; rule for "
            + item.tier()
            + (item.unmanaged() && c.spec().explicitDecisionOnUnmanaged()
                ? " unmanaged accounts, which need an explicit decision"
                : "")
            + ": ";
    try {
      switch (action) {
        case ESCALATE:
          Role role = catalog.requireRole(item.roleId());
          PersonId to =
              reviewerRules.resolve(
                  c.spec().escalateTo(), item.subject(), role, c.spec().owner(), item.reviewer());
          store.handOver(item.id(), item.reviewer(), to, Handover.ESCALATE);
          return;
        case KEEP_WITH_EXCEPTION:
          verdicts.execute(
              c.spec(),
              item,
              Verdict.KEEP,
              Verdicts.DEADLINE_ACTOR,
              rule + "keep with a recorded exception",
              true);
          return;
        default:
          verdicts.execute(
              c.spec(),
              item,
              Verdict.REVOKE,
              Verdicts.DEADLINE_ACTOR,
              rule + (item.escalated() ? "escalated and still undecided: revoke" : "revoke"),
              false);
      }
    } catch (GovernanceStore.ItemDecidedException decidedElsewhere) {
      // Another instance, or the reviewer at the last moment, decided it first.
    }
  }

  /** The closing event: every item with its decision's record and evidence sequence number. */
  private EvidenceDraft closing(ReviewCampaign c, Instant now) {
    StringBuilder lines = new StringBuilder();
    MessageDigest digest = sha256();
    CampaignItems.forEach(
        store,
        c.id(),
        item -> {
          ReviewDecision d = item.decision();
          String line =
              item.id().number()
                  + " "
                  + (d == null ? "UNDECIDED" : d.verdict())
                  + " "
                  + (d == null ? "-" : d.recordId())
                  + " "
                  + (d == null ? "-" : d.evidenceSeq())
                  + "\n";
          digest.update(line.getBytes(StandardCharsets.UTF_8));
          if (c.items() <= LISTED_ITEMS) {
            lines.append(line);
          }
        });
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put(CAMPAIGN, c.id().value());
    details.put(ITEM_COUNT, (long) c.items());
    details.put(ITEMS_DIGEST, "sha256:" + HexFormat.of().formatHex(digest.digest()));
    if (c.items() <= LISTED_ITEMS) {
      details.put(ITEMS, lines.toString());
    }
    return EvidenceDraft.of(
        c.id().value(), EvidenceType.CAMPAIGN_CLOSED, Verdicts.REVIEW_ACTOR, now, details);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The report of a closed campaign, from its stored items. */
  private CampaignReport report(ReviewCampaign c) {
    int[] counts =
        new int[5]; // kept, revoked, kept with exception, revoked at deadline, unexplained
    Map<PersonId, int[]> progress = new LinkedHashMap<>();
    List<ReviewItem> decisions = new ArrayList<>(c.items());
    CampaignItems.forEach(
        store,
        c.id(),
        i -> {
          ReviewDecision d = i.decision();
          if (d == null) {
            return;
          }
          decisions.add(i);
          boolean keep = d.verdict() == Verdict.KEEP;
          counts[(d.atDeadline() ? 2 : 0) + (keep ? 0 : 1)]++;
          counts[4] += i.unexplained() ? 1 : 0;
          int[] p = progress.computeIfAbsent(i.reviewer(), k -> new int[2]);
          p[0]++;
          p[1] += d.actor().equals(i.reviewer().asActor().toString()) ? 1 : 0;
        });
    List<CampaignReport.ReviewerProgress> reviewers = new ArrayList<>();
    progress.forEach(
        (who, p) -> reviewers.add(new CampaignReport.ReviewerProgress(who, p[0], p[1])));
    Instant closedAt = c.closedAt() != null ? c.closedAt() : c.deadline();
    return new CampaignReport(
        c.id(),
        c.spec().name(),
        c.startedAt(),
        closedAt,
        c.items(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        reviewers,
        decisions);
  }
}
