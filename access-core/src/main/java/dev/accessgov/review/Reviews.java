package dev.accessgov.review;

import dev.accessgov.record.PersonId;
import java.util.List;
import java.util.Optional;

/**
 * Access review campaigns built from live identity-provider membership; obtained from {@link
 * dev.accessgov.AccessService#reviews()}.
 *
 * <p>What is kept where: everything is in the store ({@link dev.accessgov.spi.GovernanceStore}):
 * campaigns, their items as the membership snapshot taken at the start, who reviews what,
 * delegations and escalations, decisions and reminders. A restart, or another instance on the same
 * database, carries on where this one stopped. Every decision, by a reviewer or by the deadline, is
 * executed at once and lands on the access record as {@code REVIEW_KEPT} or {@code REVIEW_REVOKED}
 * evidence naming the campaign and item, in the same transaction as the item's decision and the
 * removal intent; of two racing decisions on one item exactly one is recorded.
 *
 * <p>Methods are thread-safe and safe to call from several instances at once. Bad input throws an
 * {@link dev.accessgov.AccessException} subclass and changes nothing: unknown campaign or item
 * ({@link dev.accessgov.NotFoundException}), a person acting on an item that is not theirs or on
 * their own access ({@link dev.accessgov.PolicyViolationException}), an item already decided or a
 * closed campaign ({@link dev.accessgov.StateConflictException}), a blank comment ({@link
 * dev.accessgov.InvalidRequestException}).
 */
public interface Reviews {

  /**
   * Starts a campaign: lists every group in scope through the identity providers (streamed page by
   * page) and builds one item per membership, joined with its record and the people directory.
   * Members no record explains become items too, flagged unexplained. Items are stored in batches
   * as they are built (the campaign is {@code STARTING} meanwhile), so memory holds one batch, not
   * the population; the campaign opens once every item is stored.
   *
   * @return the open campaign
   * @throws dev.accessgov.PolicyViolationException when an item would have no reviewer but its own
   *     subject
   */
  ReviewCampaign start(CampaignSpec spec);

  /**
   * Starts a campaign over emergency grants that nobody has reviewed yet and that are in no open
   * emergency campaign, whether their access is still live or has already ended. The deadline is
   * the earliest such grant's activation plus the EMERGENCY cadence of {@code template} (24 hours
   * by default), or now when that has passed. Call it periodically, e.g. hourly.
   *
   * @param template reviewers, deadline rules and cadence to use; its scope and duration are
   *     ignored
   * @return the campaign, or empty when there is nothing to review
   */
  Optional<ReviewCampaign> startEmergencyReview(CampaignSpec template);

  /**
   * The campaign with this id.
   *
   * @throws dev.accessgov.NotFoundException when there is none
   */
  ReviewCampaign campaign(CampaignId campaignId);

  /** Every campaign in the store, oldest first. */
  List<ReviewCampaign> campaigns();

  /** The campaign's items, in item order. */
  List<ReviewItem> items(CampaignId campaignId);

  /** The campaign's undecided items {@code reviewer} holds. */
  List<ReviewItem> pending(CampaignId campaignId, PersonId reviewer);

  /** The item with this id. */
  ReviewItem item(ItemId itemId);

  /**
   * Decides an item. {@link Verdict#KEEP} records {@code REVIEW_KEPT} and moves the grant's next
   * review one cadence on; {@link Verdict#REVOKE} records {@code REVIEW_REVOKED} and removes the
   * membership through the identity provider before returning (the record ends {@code REVOKED}, or
   * stays {@code DEPROVISIONING} for {@code recover()} when the provider failed). For unexplained
   * access a record is opened first. Not idempotent: a second decision is refused. Only the
   * reviewer the item is assigned to decides it (administrators reassign instead).
   *
   * @return the decided item, with the evidence hash of its decision
   * @throws dev.accessgov.NotFoundException when {@code reviewer} is not in the people directory
   * @throws dev.accessgov.PolicyViolationException when {@code reviewer} is inactive or is not the
   *     item's reviewer
   */
  ReviewItem decide(ItemId itemId, PersonId reviewer, Verdict verdict, String comment);

  /**
   * Hands an item from its reviewer to someone else: a known, active person who is not its subject.
   *
   * @throws dev.accessgov.NotFoundException when {@code from} or {@code to} is not in the people
   *     directory
   * @throws dev.accessgov.PolicyViolationException when {@code from} does not hold the item or is
   *     inactive, or {@code to} is inactive or the item's subject
   */
  ReviewItem delegate(ItemId itemId, PersonId from, PersonId to, String reason);

  /**
   * The campaign owner or an administrator gives an item to another reviewer: a known, active
   * person who is not its subject.
   *
   * @throws dev.accessgov.NotFoundException when {@code by} or {@code to} is not in the people
   *     directory
   * @throws dev.accessgov.PolicyViolationException when {@code by} is neither the campaign owner
   *     nor an administrator or is inactive, or {@code to} is inactive or the item's subject
   */
  ReviewItem reassign(ItemId itemId, PersonId by, PersonId to, String reason);

  /**
   * Sends the reminders that fell due: stores one per reviewer with undecided items, per campaign
   * and reminder time (once, however many instances call this), then delivers every reminder not
   * yet delivered through the service's {@link dev.accessgov.spi.Notifier}. A delivery that fails
   * stays for the next call. Call it periodically, or let the scheduler do it.
   *
   * @return the reminders delivered by this call
   */
  List<Reminder> sendReminders();

  /**
   * Applies the deadline to every open or escalated campaign whose deadline has passed, as {@link
   * #close} does: undecided items are revoked, kept with an exception or escalated, and campaigns
   * with nothing left undecided close. Safe to run on several instances at once and to run again
   * after a crash midway: each item is decided once, each escalation happens once. The scheduler
   * runs it periodically.
   *
   * @return what happened to each campaign whose deadline had passed, by campaign
   */
  java.util.Map<CampaignId, CloseResult> closeDue();

  /**
   * Closes a campaign. Before its deadline only when every item is decided. At or after it,
   * undecided items are handled by the spec's deadline rule for their tier: revoked, kept with a
   * recorded exception, or escalated (then the campaign stays open until the escalation deadline,
   * and closing after that revokes what is still undecided). Closing a closed campaign returns its
   * report again.
   *
   * @throws dev.accessgov.StateConflictException before the deadline with items undecided
   */
  CloseResult close(CampaignId campaignId);
}
