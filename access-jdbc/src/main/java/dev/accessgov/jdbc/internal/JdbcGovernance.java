package dev.accessgov.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.reclaim.Exemption;
import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.Handover;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.spi.DirectoryState;
import dev.accessgov.spi.GovernanceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@link GovernanceStore} of {@link dev.accessgov.jdbc.JdbcAccessStore}. Every write goes
 * through the store's group commit, under the chain head lock: checks and the writes they guard
 * cannot interleave with another process's, SQLite keeps its single writer, and {@link #close}
 * moves the campaign and appends its closing event in one transaction. A refused write throws
 * before it changes anything, as the group commit requires. Reads are single queries outside a
 * transaction. Decisions are settled by the record writes themselves ({@link Settlement}). Not API.
 */
final class JdbcGovernance implements GovernanceStore {
  private final Transactions tx;
  private final GroupCommit writes;

  JdbcGovernance(Transactions tx, GroupCommit writes) {
    this.tx = tx;
    this.writes = writes;
  }

  // ---------------------------------------------------------------- campaigns

  @Override
  public void createCampaign(ReviewCampaign campaign) {
    requireNonNull(campaign, "campaign");
    writes.execute(
        "governance.createCampaign",
        (c, chain) -> {
          if (CampaignRows.status(c, campaign.id()) != null) {
            throw new IllegalArgumentException("campaign " + campaign.id() + " exists");
          }
          CampaignRows.insert(c, campaign);
        });
  }

  @Override
  public void addItems(List<ReviewItem> items) {
    List<ReviewItem> batch = List.copyOf(items);
    if (batch.isEmpty()) {
      return;
    }
    Map<CampaignId, List<ReviewItem>> byCampaign = new LinkedHashMap<>();
    for (ReviewItem i : batch) {
      if (i.isDecided()) {
        throw new IllegalArgumentException("item " + i.id() + " is decided");
      }
      byCampaign.computeIfAbsent(i.campaignId(), k -> new ArrayList<>()).add(i);
    }
    writes.execute(
        "governance.addItems",
        (c, chain) -> {
          for (CampaignId id : byCampaign.keySet()) {
            CampaignStatus status = CampaignRows.status(c, id);
            if (status != CampaignStatus.STARTING) {
              throw new IllegalArgumentException(
                  "items of campaign "
                      + id
                      + ": its campaign is "
                      + (status == null ? "not stored" : status)
                      + ", and items are added only while it is STARTING");
            }
          }
          for (Map.Entry<CampaignId, List<ReviewItem>> e : byCampaign.entrySet()) {
            List<ReviewItem> of = e.getValue();
            int min = of.stream().mapToInt(i -> i.id().number()).min().orElseThrow();
            int max = of.stream().mapToInt(i -> i.id().number()).max().orElseThrow();
            Set<Integer> stored = ItemRows.existing(c, e.getKey(), min, max);
            List<ReviewItem> fresh = new ArrayList<>(of.size());
            for (ReviewItem i : of) {
              // Stored already (an earlier offer, or earlier in this batch): left as it is.
              if (stored.add(i.id().number())) {
                fresh.add(i);
              }
            }
            ItemRows.insert(c, fresh);
          }
        });
  }

  @Override
  public boolean openCampaign(CampaignId id) {
    requireNonNull(id, "id");
    return writes.submit("governance.openCampaign", (c, chain) -> CampaignRows.open(c, id));
  }

  @Override
  public Optional<ReviewCampaign> campaign(CampaignId id) {
    requireNonNull(id, "id");
    return tx.read("governance.campaign", c -> CampaignRows.find(c, id));
  }

  @Override
  public List<ReviewCampaign> campaigns() {
    return tx.read("governance.campaigns", CampaignRows::all);
  }

  @Override
  public List<ReviewItem> items(CampaignId id, int afterNumber, int limit) {
    requireNonNull(id, "id");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return limit == 0
        ? List.of()
        : tx.read("governance.items", c -> ItemRows.page(c, id, afterNumber, limit));
  }

  @Override
  public Optional<ReviewItem> item(ItemId id) {
    requireNonNull(id, "id");
    return tx.read("governance.item", c -> ItemRows.find(c, id));
  }

  @Override
  public List<ReviewItem> pending(CampaignId id, PersonId reviewer) {
    requireNonNull(id, "id");
    requireNonNull(reviewer, "reviewer");
    return tx.read("governance.pending", c -> ItemRows.pending(c, id, reviewer));
  }

  @Override
  public boolean handOver(ItemId id, PersonId from, PersonId to, Handover how) {
    requireNonNull(id, "id");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return writes.submit(
        "governance.handOver",
        (c, chain) -> {
          Optional<ReviewItem> item = ItemRows.find(c, id);
          if (item.isPresent() && item.get().subject().equals(to)) {
            throw new IllegalArgumentException(to + " cannot review their own access");
          }
          return ItemRows.handOver(c, id, from, to, how == Handover.ESCALATE);
        });
  }

  @Override
  public boolean moveCampaign(
      CampaignId id,
      CampaignStatus expectedStatus,
      Instant expectedDeadline,
      CampaignStatus status,
      Instant deadline) {
    requireNonNull(id, "id");
    requireNonNull(expectedStatus, "expectedStatus");
    requireNonNull(expectedDeadline, "expectedDeadline");
    requireNonNull(status, "status");
    requireNonNull(deadline, "deadline");
    if (status == CampaignStatus.STARTING || status == CampaignStatus.CLOSED) {
      throw new IllegalArgumentException(
          "a campaign is not moved to "
              + status
              + "; open it with openCampaign, close it with close");
    }
    return writes.submit(
        "governance.moveCampaign",
        (c, chain) -> CampaignRows.move(c, id, expectedStatus, expectedDeadline, status, deadline));
  }

  @Override
  public Optional<EvidenceEvent> close(
      CampaignId id, CampaignStatus expectedStatus, Instant closedAt, EvidenceDraft closing) {
    requireNonNull(id, "id");
    requireNonNull(expectedStatus, "expectedStatus");
    requireNonNull(closedAt, "closedAt");
    requireNonNull(closing, "closing");
    return writes.submit(
        "governance.close",
        (c, chain) -> {
          if (!CampaignRows.close(c, id, expectedStatus, closedAt)) {
            return Optional.empty();
          }
          List<EvidenceEvent> sealed = chain.seal(List.of(closing));
          chain.append(c, sealed);
          return Optional.of(sealed.get(0));
        });
  }

  // ---------------------------------------------------------------- reminders

  @Override
  public boolean addReminder(Reminder reminder) {
    requireNonNull(reminder, "reminder");
    return writes.submit("governance.addReminder", (c, chain) -> ReminderRows.add(c, reminder));
  }

  @Override
  public List<Reminder> undeliveredReminders(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return limit == 0
        ? List.of()
        : tx.read("governance.undeliveredReminders", c -> ReminderRows.undelivered(c, limit));
  }

  @Override
  public void reminderDelivered(String reminderId, Instant at) {
    requireNonNull(reminderId, "reminderId");
    requireNonNull(at, "at");
    writes.execute(
        "governance.reminderDelivered",
        (c, chain) -> {
          ReminderRows.delivered(c, reminderId, at);
        });
  }

  // ---------------------------------------------------------------- reclaim

  @Override
  public ReclaimNotice giveNotice(ReclaimNotice notice) {
    requireNonNull(notice, "notice");
    return writes.submit(
        "governance.giveNotice",
        (c, chain) -> {
          Optional<ReclaimNotice> earlier =
              ReclaimRows.notice(c, notice.policy(), notice.recordId());
          if (earlier.isPresent()) {
            return earlier.get();
          }
          ReclaimRows.insert(c, notice);
          return notice;
        });
  }

  @Override
  public Optional<ReclaimNotice> notice(String policy, RecordId record) {
    requireNonNull(policy, "policy");
    requireNonNull(record, "record");
    return tx.read("governance.notice", c -> ReclaimRows.notice(c, policy, record));
  }

  @Override
  public void withdrawNotice(String policy, RecordId record) {
    requireNonNull(policy, "policy");
    requireNonNull(record, "record");
    writes.execute(
        "governance.withdrawNotice",
        (c, chain) -> {
          ReclaimRows.withdraw(c, policy, record);
        });
  }

  @Override
  public List<ReclaimNotice> undeliveredNotices(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return limit == 0
        ? List.of()
        : tx.read("governance.undeliveredNotices", c -> ReclaimRows.undelivered(c, limit));
  }

  @Override
  public void noticeDelivered(String policy, RecordId record, Instant at) {
    requireNonNull(policy, "policy");
    requireNonNull(record, "record");
    requireNonNull(at, "at");
    writes.execute(
        "governance.noticeDelivered",
        (c, chain) -> {
          ReclaimRows.delivered(c, policy, record, at);
        });
  }

  @Override
  public List<Exemption> exemptions() {
    return tx.read("governance.exemptions", ReclaimRows::exemptions);
  }

  @Override
  public void addExemption(Exemption exemption) {
    requireNonNull(exemption, "exemption");
    writes.execute(
        "governance.addExemption",
        (c, chain) -> {
          ReclaimRows.addExemption(c, exemption);
        });
  }

  @Override
  public boolean removeExemption(Exemption exemption) {
    requireNonNull(exemption, "exemption");
    return writes.submit(
        "governance.removeExemption", (c, chain) -> ReclaimRows.removeExemption(c, exemption));
  }

  @Override
  public String toString() {
    return "JdbcGovernance";
  }

  // ---------------------------------------------------------------- directory

  @Override
  public Optional<DirectoryState> directoryState(PersonId person) {
    requireNonNull(person, "person");
    return tx.read("governance.directoryState", c -> DirectoryRows.find(c, person));
  }

  @Override
  public List<DirectoryState> directoryStates(@Nullable PersonId after, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return limit == 0
        ? List.of()
        : tx.read("governance.directoryStates", c -> DirectoryRows.page(c, after, limit));
  }

  @Override
  public Optional<DirectoryState> moveDirectoryState(long expectedVersion, DirectoryState next) {
    requireNonNull(next, "next");
    return writes.submit(
        "governance.moveDirectoryState",
        (c, chain) -> DirectoryRows.move(c, expectedVersion, next));
  }
}
