package dev.accessgov.internal;

import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignReport;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One campaign's state in memory: its items and their reviewers, the deadline, reminders sent.
 * Guarded by its own monitor. Not API.
 */
final class Campaign {
  final CampaignId id;
  final CampaignSpec spec;
  final Instant startedAt;
  final Instant opensAt;
  final List<ReviewItem> items;
  final Set<String> remindersSent = new HashSet<>();
  Instant deadline;
  CampaignStatus status = CampaignStatus.OPEN;
  @Nullable CampaignReport report;

  Campaign(CampaignId id, CampaignSpec spec, Instant startedAt, List<ReviewItem> items) {
    this.id = id;
    this.spec = spec;
    this.startedAt = startedAt;
    this.opensAt = spec.start() != null ? spec.start() : startedAt;
    this.deadline = opensAt.plus(spec.duration());
    this.items = items;
  }

  synchronized ReviewCampaign snapshot() {
    int decided = (int) items.stream().filter(ReviewItem::isDecided).count();
    return new ReviewCampaign(
        id,
        spec,
        status,
        startedAt,
        deadline,
        items.size(),
        decided,
        report == null ? null : report.closedAt());
  }

  /** The item with this number, from 1; null when out of range. */
  @Nullable ReviewItem item(int n) {
    return n >= 1 && n <= items.size() ? items.get(n - 1) : null;
  }

  void replace(ReviewItem item) {
    items.set(item.id().number() - 1, item);
  }

  /** Undecided items per reviewer, in first-seen order. */
  Map<PersonId, Integer> pendingByReviewer() {
    Map<PersonId, Integer> pending = new LinkedHashMap<>();
    for (ReviewItem i : items) {
      if (!i.isDecided()) {
        pending.merge(i.reviewer(), 1, Integer::sum);
      }
    }
    return pending;
  }

  CampaignReport buildReport(Instant closedAt) {
    int kept = 0;
    int revoked = 0;
    int keptWithException = 0;
    int revokedAtDeadline = 0;
    int unexplained = 0;
    Map<PersonId, int[]> progress = new LinkedHashMap<>();
    List<ReviewItem> decisions = new ArrayList<>(items.size());
    for (ReviewItem i : items) {
      ReviewDecision d = i.decision();
      if (d == null) {
        continue;
      }
      decisions.add(i);
      boolean keep = d.verdict() == Verdict.KEEP;
      if (d.atDeadline()) {
        keptWithException += keep ? 1 : 0;
        revokedAtDeadline += keep ? 0 : 1;
      } else {
        kept += keep ? 1 : 0;
        revoked += keep ? 0 : 1;
      }
      unexplained += i.unexplained() ? 1 : 0;
      int[] p = progress.computeIfAbsent(i.reviewer(), k -> new int[2]);
      p[0]++;
      p[1] += d.actor().equals(i.reviewer().asActor()) ? 1 : 0;
    }
    List<CampaignReport.ReviewerProgress> reviewers = new ArrayList<>();
    progress.forEach(
        (who, p) -> reviewers.add(new CampaignReport.ReviewerProgress(who, p[0], p[1])));
    return new CampaignReport(
        id,
        spec.name(),
        startedAt,
        closedAt,
        items.size(),
        kept,
        revoked,
        keptWithException,
        revokedAtDeadline,
        unexplained,
        reviewers,
        decisions);
  }
}
