package dev.accessgov.spi;

import static dev.accessgov.evidence.EvidenceKeys.CAMPAIGN;
import static dev.accessgov.evidence.EvidenceKeys.EXCEPTION;
import static dev.accessgov.evidence.EvidenceKeys.ITEM;
import static dev.accessgov.evidence.EvidenceKeys.MOOT;
import static dev.accessgov.evidence.EvidenceKeys.REASON;

import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
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
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The governance state beside the records, in the same store and obtained from {@link
 * AccessStore#governance()}: review campaigns and their items (the membership snapshot taken at the
 * start, reviewers, delegations and escalations, decisions), reminders, reclaim notices with their
 * grace deadlines, and reclaim exemptions. Everything a service instance needs to carry on a
 * campaign or a grace period after a restart, or on another instance, is here. The promises every
 * implementation keeps, each checked by {@code dev.accessgov.testkit.GovernanceStoreContract}:
 *
 * <ul>
 *   <li><b>Decisions settle with their evidence.</b> An item is decided exactly when the evidence
 *       of its decision enters the chain. Whenever {@link AccessStore#insert}, {@link
 *       AccessStore#update} or {@link AccessStore#updateAll} seals a {@code REVIEW_KEPT} or {@code
 *       REVIEW_REVOKED} draft that names an item ({@link #settles(EvidenceDraft)}), the store
 *       writes the item's decision ({@link #decisionOf(EvidenceEvent)}) in the same transaction as
 *       the record and the event, so a decision, its evidence and the removal intent it starts
 *       commit together or not at all. A write whose draft names an item that is already decided,
 *       that the store does not hold, or whose campaign is not open ({@link CampaignStatus#OPEN} or
 *       {@link CampaignStatus#ESCALATED}) writes nothing and throws {@link ItemDecidedException}
 *       (in {@code updateAll}, that update is skipped like a stale one). An insert that finds an
 *       existing record by its idempotency key refuses such a draft all the same, so a racing
 *       second decision cannot pass for the first by landing on the same record. Of several racing
 *       decisions on one item, across threads and processes, exactly one commits.
 *   <li><b>Compare-and-set moves.</b> Hand-overs ({@link #handOver}) and campaign moves ({@link
 *       #moveCampaign}, {@link #close}) change state only from the state the caller read, so two
 *       instances acting on the same deadline do the work once.
 *   <li><b>Once-only records.</b> A reminder ({@link #addReminder}) and a reclaim notice ({@link
 *       #giveNotice}) are stored once per identity however often they are offered, and stay
 *       undelivered until {@linkplain #reminderDelivered marked delivered}, so delivery is at least
 *       once and keyed for the notifier to make it once.
 *   <li><b>One claim per directory change.</b> A person's {@link DirectoryState} moves only from
 *       the version the caller read ({@link #moveDirectoryState}): of several instances (or
 *       threads) that notice the same directory change and race to claim a lifecycle event for it,
 *       exactly one succeeds, so a change found by two reconciliation runs at once is transferred
 *       or offboarded under one event, never twice. A claim stores who asked and why ({@link
 *       DirectoryState#claimedBy()}, {@link DirectoryState#claimReason()}) and reads them back
 *       exactly, so an onboarding or transfer claimed before its first grant is durable intent that
 *       {@link dev.accessgov.AccessService#recover()} finishes as its caller asked.
 *   <li><b>Durable.</b> What a call stored is there after the store is closed and opened again (for
 *       stores that persist at all).
 * </ul>
 *
 * Implementations are thread-safe; arguments are never null. Failures of the underlying system are
 * {@link dev.accessgov.ProviderException}s.
 */
public interface GovernanceStore {

  // ---------------------------------------------------------------- campaigns

  /**
   * Stores a new campaign in {@link CampaignStatus#STARTING}, without items; its counts are
   * ignored.
   *
   * @throws IllegalArgumentException when a campaign with this id exists; nothing is written
   */
  void createCampaign(ReviewCampaign campaign);

  /**
   * Stores undecided items of a {@link CampaignStatus#STARTING} campaign, in one transaction. Items
   * are numbered by the caller; a batch may be offered again after a failure, and items already
   * stored with the same id are left as they are.
   *
   * @throws IllegalArgumentException when an item is decided, or its campaign is not stored or not
   *     starting; nothing is written
   */
  void addItems(List<ReviewItem> items);

  /**
   * Opens a starting campaign for decisions.
   *
   * @return true when it was {@link CampaignStatus#STARTING} and is now {@link
   *     CampaignStatus#OPEN}; false otherwise (nothing is written)
   */
  boolean openCampaign(CampaignId id);

  /** The campaign with its item and decision counts, or empty. */
  Optional<ReviewCampaign> campaign(CampaignId id);

  /** Every campaign, starting ones included, in the order they were created. */
  List<ReviewCampaign> campaigns();

  /**
   * Up to {@code limit} items of the campaign with numbers above {@code afterNumber}, in number
   * order: page through a campaign of any size with the last number of the previous page.
   */
  List<ReviewItem> items(CampaignId id, int afterNumber, int limit);

  /** The item, or empty. */
  Optional<ReviewItem> item(ItemId id);

  /** The campaign's undecided items {@code reviewer} holds, in number order. */
  List<ReviewItem> pending(CampaignId id, PersonId reviewer);

  /**
   * Gives an undecided item of an open campaign from {@code from} to {@code to}, marking it
   * escalated when {@code how} is {@link Handover#ESCALATE} (an escalated item stays escalated).
   *
   * @return true when the item was undecided, held by {@code from} and its campaign open, and is
   *     now {@code to}'s; false otherwise (nothing is written)
   */
  boolean handOver(ItemId id, PersonId from, PersonId to, Handover how);

  /**
   * Moves an open campaign to {@code status} and {@code deadline} (for the deadline escalating
   * items), only from exactly {@code expectedStatus} and {@code expectedDeadline}.
   *
   * @return true when it moved; false when the stored campaign differs (nothing is written)
   * @throws IllegalArgumentException when {@code status} is {@link CampaignStatus#STARTING} or
   *     {@link CampaignStatus#CLOSED} (use {@link #close})
   */
  boolean moveCampaign(
      CampaignId id,
      CampaignStatus expectedStatus,
      Instant expectedDeadline,
      CampaignStatus status,
      Instant deadline);

  /**
   * Closes a campaign that is in {@code expectedStatus} and seals {@code closing} into the evidence
   * chain, in one transaction.
   *
   * @return the sealed closing event, or empty when the campaign was not in {@code expectedStatus}
   *     (nothing is written)
   */
  Optional<EvidenceEvent> close(
      CampaignId id, CampaignStatus expectedStatus, Instant closedAt, EvidenceDraft closing);

  // ---------------------------------------------------------------- reminders

  /**
   * Stores a reminder, undelivered, unless one with the same {@link Reminder#id()} exists.
   *
   * @return true when it was stored now; false when it was there already
   */
  boolean addReminder(Reminder reminder);

  /** Up to {@code limit} reminders not yet delivered, oldest due first. */
  List<Reminder> undeliveredReminders(int limit);

  /** Marks a reminder delivered; idempotent, and nothing happens for an unknown id. */
  void reminderDelivered(String reminderId, Instant at);

  // ---------------------------------------------------------------- reclaim

  /**
   * Stores a reclaim notice, undelivered, unless the policy has one for the record already.
   *
   * @return the stored notice: {@code notice}, or the one given earlier (whose grace deadline
   *     stands)
   */
  ReclaimNotice giveNotice(ReclaimNotice notice);

  /** The policy's notice on the record, or empty. */
  Optional<ReclaimNotice> notice(String policy, RecordId record);

  /** Withdraws the policy's notice on the record (signed in again, or removed); idempotent. */
  void withdrawNotice(String policy, RecordId record);

  /** Up to {@code limit} notices not yet delivered, oldest first. */
  List<ReclaimNotice> undeliveredNotices(int limit);

  /** Marks a notice delivered; idempotent, and nothing happens when there is none. */
  void noticeDelivered(String policy, RecordId record, Instant at);

  /** Exemptions added at run time, in the order they were added. */
  List<Exemption> exemptions();

  /** Adds an exemption, unless an equal one is stored. */
  void addExemption(Exemption exemption);

  /**
   * Removes an exemption equal to {@code exemption}.
   *
   * @return whether one was stored
   */
  boolean removeExemption(Exemption exemption);

  // ---------------------------------------------------------------- directory
  //
  // A lifecycle call claims its event here (with who asked and why) before its first grant and
  // finishes it here after its last: a pending event whose claim is older than the lease duration
  // is what AccessService.recover() finishes. Every component of a DirectoryState, the claim's
  // actor and reason included, reads back exactly as moved.

  /**
   * The person's stored directory state, exactly as last moved (a pending claim's {@link
   * DirectoryState#claimedBy()} and {@link DirectoryState#claimReason()} included), or empty when
   * none was stored.
   */
  Optional<DirectoryState> directoryState(PersonId person);

  /**
   * Up to {@code limit} stored directory states of people whose id sorts after {@code after} (all
   * when null), in id order: page through them with the last id of the previous page.
   */
  List<DirectoryState> directoryStates(@Nullable PersonId after, int limit);

  /**
   * Stores {@code next} for its person as version {@code expectedVersion + 1}, only when the stored
   * state has version {@code expectedVersion} (0: none is stored). Of racing moves from one
   * version, across threads and processes, exactly one succeeds.
   *
   * @return the state as stored (with its new version), or empty when the stored version differs
   *     (nothing is written)
   */
  Optional<DirectoryState> moveDirectoryState(long expectedVersion, DirectoryState next);

  // ---------------------------------------------------------------- settlement

  /**
   * The item a draft decides: a {@code REVIEW_KEPT} or {@code REVIEW_REVOKED} draft with {@code
   * campaign} and {@code item} details; empty for any other draft. Stores call it on every draft
   * they seal.
   */
  static Optional<ItemId> settles(EvidenceDraft draft) {
    if (draft.type() != EvidenceType.REVIEW_KEPT && draft.type() != EvidenceType.REVIEW_REVOKED) {
      return Optional.empty();
    }
    Object campaign = draft.details().get(CAMPAIGN);
    Object item = draft.details().get(ITEM);
    return campaign instanceof String && item instanceof String s
        ? Optional.of(ItemId.of(s))
        : Optional.empty();
  }

  /** The decision a sealed {@code REVIEW_KEPT} or {@code REVIEW_REVOKED} event records. */
  static ReviewDecision decisionOf(EvidenceEvent event) {
    Verdict verdict =
        switch (event.type()) {
          case REVIEW_KEPT -> Verdict.KEEP;
          case REVIEW_REVOKED -> Verdict.REVOKE;
          default ->
              throw new IllegalArgumentException(
                  "event " + event.seq() + " is " + event.type() + ", not a review decision");
        };
    String comment = event.detailText(REASON);
    return new ReviewDecision(
        verdict,
        event.actor(),
        comment == null ? "" : comment,
        event.time(),
        dev.accessgov.record.RecordId.of(event.recordId()),
        event.hash(),
        event.seq(),
        Boolean.TRUE.equals(event.detail(EXCEPTION)),
        Boolean.TRUE.equals(event.detail(MOOT)));
  }

  /**
   * A write named a review item that cannot take a decision: it is decided already, the store does
   * not hold it, or its campaign is not open. Nothing was written.
   */
  final class ItemDecidedException extends dev.accessgov.StateConflictException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable ItemId item;

    /** For {@code item}, with a message saying why. */
    public ItemDecidedException(ItemId item, String message) {
      super(message);
      this.item = item;
    }

    /** The item. */
    public @Nullable ItemId item() {
      return item;
    }
  }
}
