package dev.accessgov.inmemory;

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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link GovernanceStore} of an {@link InMemoryAccessStore}: maps guarded by the store's write
 * lock, so a decision's evidence and its item change under one lock, as one transaction would.
 */
final class InMemoryGovernance implements GovernanceStore {
  private final ReentrantLock lock;
  private final Function<List<EvidenceDraft>, List<EvidenceEvent>> seal;
  private final Map<CampaignId, ReviewCampaign> campaigns = new LinkedHashMap<>();
  private final Map<CampaignId, TreeMap<Integer, ReviewItem>> items = new LinkedHashMap<>();
  private final Map<String, Reminder> reminders = new LinkedHashMap<>();
  private final Set<String> remindersDelivered = new HashSet<>();
  private final Map<String, ReclaimNotice> notices = new LinkedHashMap<>();
  private final Set<String> noticesDelivered = new HashSet<>();
  private final List<Exemption> exemptions = new ArrayList<>();
  private final TreeMap<String, DirectoryState> directory = new TreeMap<>();

  /**
   * @param lock the store's write lock
   * @param seal seals drafts into the store's chain; called under {@code lock}
   */
  InMemoryGovernance(ReentrantLock lock, Function<List<EvidenceDraft>, List<EvidenceEvent>> seal) {
    this.lock = lock;
    this.seal = seal;
  }

  private <T> T locked(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  /** The items of a stored campaign: every stored campaign has an entry, made when it is stored. */
  private TreeMap<Integer, ReviewItem> itemsOf(CampaignId id) {
    return requireNonNull(items.get(id), "items of a stored campaign");
  }

  // ------------------------------------------------------------ settlement, under the lock

  /** Throws unless every item the drafts decide can take its decision; writes nothing. */
  void checkSettles(List<EvidenceDraft> drafts) {
    Set<ItemId> seen = new HashSet<>();
    for (EvidenceDraft d : drafts) {
      Optional<ItemId> settled = GovernanceStore.settles(d);
      if (settled.isEmpty()) {
        continue;
      }
      ItemId id = settled.get();
      ReviewCampaign c = campaigns.get(id.campaign());
      ReviewItem item = c == null ? null : itemsOf(c.id()).get(id.number());
      if (c == null || item == null) {
        throw new ItemDecidedException(id, "no review item " + id + " in the store");
      }
      if (!c.status().isOpen()) {
        throw new ItemDecidedException(id, "campaign " + c.id() + " is " + c.status());
      }
      if (item.isDecided() || !seen.add(id)) {
        throw new ItemDecidedException(id, "item " + id + " is decided already");
      }
    }
  }

  /** Writes the decisions the sealed events carry; after {@link #checkSettles}. */
  void settle(List<EvidenceEvent> sealed, List<EvidenceDraft> drafts) {
    for (int i = 0; i < drafts.size(); i++) {
      Optional<ItemId> settled = GovernanceStore.settles(drafts.get(i));
      if (settled.isPresent()) {
        ItemId id = settled.get();
        TreeMap<Integer, ReviewItem> of = itemsOf(id.campaign());
        ReviewItem item = requireNonNull(of.get(id.number()), "checkSettles found the item");
        of.put(id.number(), item.withDecision(GovernanceStore.decisionOf(sealed.get(i))));
      }
    }
  }

  // ------------------------------------------------------------ campaigns

  @Override
  public void createCampaign(ReviewCampaign campaign) {
    requireNonNull(campaign, "campaign");
    locked(
        () -> {
          if (campaigns.containsKey(campaign.id())) {
            throw new IllegalArgumentException("campaign " + campaign.id() + " exists");
          }
          campaigns.put(
              campaign.id(),
              new ReviewCampaign(
                  campaign.id(),
                  campaign.spec(),
                  CampaignStatus.STARTING,
                  campaign.startedAt(),
                  campaign.deadline(),
                  0,
                  0,
                  null));
          items.put(campaign.id(), new TreeMap<>());
          return null;
        });
  }

  @Override
  public void addItems(List<ReviewItem> batch) {
    List<ReviewItem> copy = List.copyOf(batch);
    locked(
        () -> {
          for (ReviewItem i : copy) {
            ReviewCampaign c = campaigns.get(i.campaignId());
            if (c == null || c.status() != CampaignStatus.STARTING) {
              throw new IllegalArgumentException(
                  "item "
                      + i.id()
                      + ": its campaign is "
                      + (c == null ? "not stored" : c.status()));
            }
            if (i.isDecided()) {
              throw new IllegalArgumentException("item " + i.id() + " is decided");
            }
          }
          copy.forEach(i -> itemsOf(i.campaignId()).putIfAbsent(i.id().number(), i));
          return null;
        });
  }

  @Override
  public boolean openCampaign(CampaignId id) {
    return move(id, CampaignStatus.STARTING, null, CampaignStatus.OPEN, null, null);
  }

  private boolean move(
      CampaignId id,
      CampaignStatus expected,
      @Nullable Instant expectedDeadline,
      CampaignStatus status,
      @Nullable Instant deadline,
      @Nullable Instant closedAt) {
    requireNonNull(id, "id");
    return locked(
        () -> {
          ReviewCampaign c = campaigns.get(id);
          if (c == null
              || c.status() != expected
              || (expectedDeadline != null && !c.deadline().equals(expectedDeadline))) {
            return false;
          }
          campaigns.put(id, c.with(status, deadline == null ? c.deadline() : deadline, closedAt));
          return true;
        });
  }

  @Override
  public Optional<ReviewCampaign> campaign(CampaignId id) {
    requireNonNull(id, "id");
    return locked(() -> Optional.ofNullable(campaigns.get(id)).map(this::counted));
  }

  private ReviewCampaign counted(ReviewCampaign c) {
    TreeMap<Integer, ReviewItem> of = itemsOf(c.id());
    int decided = (int) of.values().stream().filter(ReviewItem::isDecided).count();
    return new ReviewCampaign(
        c.id(),
        c.spec(),
        c.status(),
        c.startedAt(),
        c.deadline(),
        of.size(),
        decided,
        c.closedAt());
  }

  @Override
  public List<ReviewCampaign> campaigns() {
    return locked(() -> campaigns.values().stream().map(this::counted).toList());
  }

  @Override
  public List<ReviewItem> items(CampaignId id, int afterNumber, int limit) {
    requireNonNull(id, "id");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return locked(
        () -> {
          TreeMap<Integer, ReviewItem> of = items.get(id);
          return of == null
              ? List.of()
              : of.tailMap(afterNumber, false).values().stream().limit(limit).toList();
        });
  }

  @Override
  public Optional<ReviewItem> item(ItemId id) {
    requireNonNull(id, "id");
    return locked(
        () -> Optional.ofNullable(items.get(id.campaign())).map(of -> of.get(id.number())));
  }

  @Override
  public List<ReviewItem> pending(CampaignId id, PersonId reviewer) {
    requireNonNull(id, "id");
    requireNonNull(reviewer, "reviewer");
    return locked(
        () ->
            items.getOrDefault(id, new TreeMap<>()).values().stream()
                .filter(i -> !i.isDecided() && i.reviewer().equals(reviewer))
                .toList());
  }

  @Override
  public boolean handOver(ItemId id, PersonId from, PersonId to, Handover how) {
    requireNonNull(id, "id");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return locked(
        () -> {
          ReviewCampaign c = campaigns.get(id.campaign());
          if (c == null || !c.status().isOpen()) {
            return false;
          }
          ReviewItem item = itemsOf(c.id()).get(id.number());
          if (item == null || item.isDecided() || !item.reviewer().equals(from)) {
            return false;
          }
          itemsOf(c.id()).put(id.number(), item.withReviewer(to, how));
          return true;
        });
  }

  @Override
  public boolean moveCampaign(
      CampaignId id,
      CampaignStatus expectedStatus,
      Instant expectedDeadline,
      CampaignStatus status,
      Instant deadline) {
    requireNonNull(expectedStatus, "expectedStatus");
    requireNonNull(expectedDeadline, "expectedDeadline");
    requireNonNull(deadline, "deadline");
    if (status == CampaignStatus.STARTING || status == CampaignStatus.CLOSED) {
      throw new IllegalArgumentException("a campaign is not moved to " + status);
    }
    // Only an open campaign moves: a starting one is opened, a closed one is never reopened.
    if (!expectedStatus.isOpen()) {
      return false;
    }
    return move(id, expectedStatus, expectedDeadline, status, deadline, null);
  }

  @Override
  public Optional<EvidenceEvent> close(
      CampaignId id, CampaignStatus expectedStatus, Instant closedAt, EvidenceDraft closing) {
    requireNonNull(id, "id");
    requireNonNull(expectedStatus, "expectedStatus");
    requireNonNull(closedAt, "closedAt");
    requireNonNull(closing, "closing");
    return locked(
        () -> {
          ReviewCampaign c = campaigns.get(id);
          if (c == null || c.status() != expectedStatus || c.status() == CampaignStatus.CLOSED) {
            return Optional.empty();
          }
          EvidenceEvent sealed = seal.apply(List.of(closing)).get(0);
          campaigns.put(id, c.with(CampaignStatus.CLOSED, c.deadline(), closedAt));
          return Optional.of(sealed);
        });
  }

  // ------------------------------------------------------------ reminders

  @Override
  public boolean addReminder(Reminder reminder) {
    requireNonNull(reminder, "reminder");
    return locked(() -> reminders.putIfAbsent(reminder.id(), reminder) == null);
  }

  @Override
  public List<Reminder> undeliveredReminders(int limit) {
    return locked(
        () ->
            reminders.values().stream()
                .filter(r -> !remindersDelivered.contains(r.id()))
                .sorted(Comparator.comparing(Reminder::dueAt).thenComparing(Reminder::id))
                .limit(limit)
                .toList());
  }

  @Override
  public void reminderDelivered(String reminderId, Instant at) {
    requireNonNull(reminderId, "reminderId");
    requireNonNull(at, "at");
    locked(() -> reminders.containsKey(reminderId) && remindersDelivered.add(reminderId));
  }

  // ------------------------------------------------------------ reclaim

  @Override
  public ReclaimNotice giveNotice(ReclaimNotice notice) {
    requireNonNull(notice, "notice");
    return locked(
        () -> {
          ReclaimNotice earlier = notices.putIfAbsent(notice.id(), notice);
          return earlier == null ? notice : earlier;
        });
  }

  @Override
  public Optional<ReclaimNotice> notice(String policy, RecordId record) {
    String key = key(policy, record);
    return locked(() -> Optional.ofNullable(notices.get(key)));
  }

  private static String key(String policy, RecordId record) {
    return requireNonNull(policy, "policy") + "|" + requireNonNull(record, "record");
  }

  @Override
  public void withdrawNotice(String policy, RecordId record) {
    String key = key(policy, record);
    locked(
        () -> {
          notices.remove(key);
          return noticesDelivered.remove(key);
        });
  }

  @Override
  public List<ReclaimNotice> undeliveredNotices(int limit) {
    return locked(
        () ->
            notices.values().stream()
                .filter(n -> !noticesDelivered.contains(n.id()))
                .sorted(
                    Comparator.comparing(ReclaimNotice::givenAt).thenComparing(ReclaimNotice::id))
                .limit(limit)
                .toList());
  }

  @Override
  public void noticeDelivered(String policy, RecordId record, Instant at) {
    String key = key(policy, record);
    requireNonNull(at, "at");
    locked(() -> notices.containsKey(key) && noticesDelivered.add(key));
  }

  @Override
  public List<Exemption> exemptions() {
    return locked(() -> List.copyOf(exemptions));
  }

  @Override
  public void addExemption(Exemption exemption) {
    requireNonNull(exemption, "exemption");
    locked(() -> exemptions.contains(exemption) || exemptions.add(exemption));
  }

  @Override
  public boolean removeExemption(Exemption exemption) {
    requireNonNull(exemption, "exemption");
    return locked(() -> exemptions.remove(exemption));
  }

  // ------------------------------------------------------------ directory

  @Override
  public Optional<DirectoryState> directoryState(PersonId person) {
    requireNonNull(person, "person");
    return locked(() -> Optional.ofNullable(directory.get(person.value())));
  }

  @Override
  public List<DirectoryState> directoryStates(@Nullable PersonId after, int limit) {
    return locked(
        () ->
            (after == null ? directory : directory.tailMap(after.value(), false))
                .values().stream().limit(limit).toList());
  }

  @Override
  public Optional<DirectoryState> moveDirectoryState(long expectedVersion, DirectoryState next) {
    requireNonNull(next, "next");
    return locked(
        () -> {
          DirectoryState stored = directory.get(next.person().value());
          long version = stored == null ? 0 : stored.version();
          if (version != expectedVersion) {
            return Optional.empty();
          }
          DirectoryState moved = next.withVersion(version + 1);
          directory.put(next.person().value(), moved);
          return Optional.of(moved);
        });
  }
}
