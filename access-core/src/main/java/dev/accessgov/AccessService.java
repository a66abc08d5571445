package dev.accessgov;

import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.policy.Decision;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.reclaim.ReclaimResult;
import dev.accessgov.reconcile.ReconcilePolicy;
import dev.accessgov.reconcile.Reconciliation;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.review.Reviews;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The facade: request, approve, deny, extend and revoke access, and run the background work that
 * makes time-bound access end. Every change is one state transition of one {@link AccessRecord},
 * committed together with its evidence; an identity provider is called only after the intent is
 * stored. Methods are thread-safe. Bad input throws an {@link AccessException} subclass and changes
 * nothing.
 *
 * <pre>{@code
 * AccessService access = AccessService.builder()
 *     .catalog(catalog)
 *     .identityProvider(okta)
 *     .peopleDirectory(people)
 *     .build();
 * AccessRecord r = access.grant(GrantRequest.builder()
 *     .subject("bob").role("github/admin").requester("bob")
 *     .reason("release 4.2").duration(Duration.ofHours(6)).build());
 * }</pre>
 */
public interface AccessService {

  /** A builder; see {@link AccessServiceBuilder} for what is required and the defaults. */
  static AccessServiceBuilder builder() {
    return new AccessServiceBuilder();
  }

  /**
   * Requests access. When the role's policy approves automatically the access is provisioned before
   * this returns (the record is {@code ACTIVE}, or {@code PROVISIONING} if a provider failed
   * transiently); otherwise the record is {@code PENDING_APPROVAL}. A request repeated with the
   * same idempotency key returns the first record.
   *
   * @throws NotFoundException for an unknown role, subject or requester
   * @throws PolicyViolationException for a duration outside the role's window, a SoD conflict, an
   *     inactive subject, or a step nobody is eligible to approve
   * @throws StateConflictException when the subject already holds or awaits the role
   * @throws InvalidRequestException for a blank reason or a reused idempotency key
   */
  AccessRecord grant(GrantRequest request);

  /**
   * Approves the pending step of a request. When it was the last step, the access is provisioned
   * before this returns. The approver may be named by any of their identifiers; evidence records
   * their canonical id (see "Who may do what" in the README).
   *
   * @throws NotFoundException when {@code approver} is not in the people directory
   * @throws PolicyViolationException when {@code approver} is inactive in the people directory, is
   *     the requester or subject (under any of their identifiers), has already approved this step,
   *     or has no authority for it
   * @throws StateConflictException when the record is not {@code PENDING_APPROVAL}
   */
  AccessRecord approve(RecordId id, PersonId approver, String comment);

  /**
   * Refuses a pending request; nothing is provisioned. The same people may deny a step as may
   * approve it.
   *
   * @throws NotFoundException when {@code approver} is not in the people directory
   * @throws PolicyViolationException when {@code approver} is inactive in the people directory or
   *     has no authority for the pending step
   * @throws StateConflictException when the record is not {@code PENDING_APPROVAL}
   */
  AccessRecord deny(RecordId id, PersonId approver, String reason);

  /**
   * Applies an approval made in another system (such as a Jira Service Management approval) as
   * {@link #approve(RecordId, PersonId, String)} does, and records where it was made as structured
   * details of the {@code APPROVED} event (see {@link DecisionSource}). Idempotent per source: when
   * the record's timeline already holds an {@code APPROVED} event from an equal {@code source},
   * this changes nothing and returns the record as it is, whatever its state, so a redelivered
   * decision is neither applied twice nor refused.
   *
   * @throws PolicyViolationException when the approver is the requester or subject, has already
   *     approved this step, or has no authority for it
   * @throws StateConflictException when the record is not {@code PENDING_APPROVAL} and the decision
   *     was not applied before
   */
  AccessRecord approve(RecordId id, PersonId approver, String comment, DecisionSource source);

  /**
   * Applies a refusal made in another system as {@link #deny(RecordId, PersonId, String)} does, and
   * records where it was made as structured details of the {@code DENIED} event (see {@link
   * DecisionSource}). Idempotent per source: when the record's timeline already holds a {@code
   * DENIED} event from an equal {@code source}, this changes nothing and returns the record.
   *
   * @throws PolicyViolationException when the approver has no authority for the pending step
   * @throws StateConflictException when the record is not {@code PENDING_APPROVAL} and the decision
   *     was not applied before
   */
  AccessRecord deny(RecordId id, PersonId approver, String reason, DecisionSource source);

  /**
   * The approval step a record waits for and who may decide it now, as {@link #approve} would check
   * it: read-only, for front doors that ask the eligible approvers (chat messages, mail).
   * Thread-safe; changes nothing.
   *
   * @return the pending step with its eligible approvers (never the requester or subject, nor
   *     anyone who already approved the step), or empty when the record is not {@code
   *     PENDING_APPROVAL}
   * @throws NotFoundException when there is no such record
   */
  Optional<Decision.NeedsApproval> pendingApproval(RecordId id);

  /**
   * Moves the end of active time-bound access {@code by} later. The new end may lie at most the
   * role's maximum duration from now. Only someone eligible for a step of the record's approval
   * policy may extend it (so never the subject or the requester); when every step is automatic, the
   * application owner.
   *
   * @throws NotFoundException when {@code approver} is not in the people directory
   * @throws PolicyViolationException when {@code approver} is inactive in the people directory, for
   *     an extension past the maximum, or by someone without authority
   * @throws StateConflictException when the record is not {@code ACTIVE} or has no end
   */
  AccessRecord extend(RecordId id, PersonId approver, Duration by, String reason);

  /**
   * Removes active access before its end. Returns once the identity provider confirmed (the record
   * is {@code REVOKED}), or with the record still {@code DEPROVISIONING} when a provider failed;
   * {@link #recover()} finishes it. May be done by the subject (giving up their own access), their
   * manager, the application owner, anyone a step of the record's policy names, or an administrator
   * ({@link AccessServiceBuilder#administrators}).
   *
   * @throws NotFoundException when {@code by} is not in the people directory
   * @throws PolicyViolationException when {@code by} is inactive in the people directory or is none
   *     of those
   * @throws StateConflictException when the record is not {@code ACTIVE}
   */
  AccessRecord revoke(RecordId id, PersonId by, String reason);

  /**
   * Ends all of a person's access because they leave: every {@code ACTIVE} record of {@code
   * subject} is revoked as {@link #revoke} does, and every {@code PENDING_APPROVAL} request is
   * withdrawn ({@code DENIED}), each event flagged {@code offboarding} so that reports name the
   * trigger. The subject need not be active in the people directory any more. Done by the subject's
   * manager or an administrator. Records already ended are left alone, so a second call is
   * harmless; a grant being provisioned at that very moment is not touched, and a second call after
   * {@link #recover()} ends it.
   *
   * @return the records changed, in the order handled; a revoked one is {@code REVOKED}, or still
   *     {@code DEPROVISIONING} when a provider failed ({@link #recover()} finishes it)
   * @throws NotFoundException when {@code by} is not in the people directory
   * @throws PolicyViolationException when {@code by} is inactive in the people directory, or is
   *     neither the subject's manager nor an administrator
   * @throws InvalidRequestException for a blank reason
   */
  List<AccessRecord> offboard(PersonId subject, PersonId by, String reason);

  /**
   * Moves a person to what the people directory says about them now (department, title, location,
   * employment type): grants the birthright roles of the new position they do not hold, through the
   * normal policy and provisioning path, and puts every other active grant of theirs under an
   * immediate review ({@link dev.accessgov.review.LifecycleReviewPolicy}: by default their new
   * manager, else the application owner, has 7 days, and what nobody kept is revoked at the
   * deadline by {@link dev.accessgov.review.Reviews#closeDue()}). Everything carries one transfer
   * event: the grants' {@code REQUESTED} evidence, the review campaign ({@link
   * dev.accessgov.review.CampaignSpec#lifecycleEvent()}) and each review decision. Done by the
   * person's manager (as the directory names them now) or an administrator.
   *
   * <p>Idempotent per event: the event is claimed in the store before anything is done, with {@code
   * by} and {@code reason}, so a process that dies midway leaves durable intent: {@link #recover()}
   * on any instance finishes the same event as {@code by} asked (its grants and its review), and so
   * does a call repeated after the crash, or by another instance (grants carry an idempotency key
   * per event and role; the review is found by the event). A call repeated after the transfer
   * finished, with the directory unchanged, returns that transfer again without doing anything. A
   * later call after the directory changed again is a new transfer. The {@link #reconcileDirectory
   * directory reconciliation} runs the same logic for changes nobody reported.
   *
   * @return the event, the grants made for it, what was refused, and the review opened
   * @throws NotFoundException when {@code subject} or {@code by} is not in the people directory
   * @throws PolicyViolationException when {@code subject} is inactive (offboard them instead), or
   *     {@code by} is inactive, the subject, or neither their manager nor an administrator
   * @throws InvalidRequestException for a blank reason
   */
  dev.accessgov.lifecycle.TransferResult transfer(PersonId subject, PersonId by, String reason);

  /**
   * Finds the joiners, movers and leavers nobody reported: compares what the people directory says
   * about each person with the attributes last handled (kept in the store, {@link
   * dev.accessgov.spi.GovernanceStore#directoryState}) and runs the lifecycle logic for what
   * changed without a lifecycle call. A person whose department, title, location or employment type
   * changed is transferred as {@link #transfer} does; a person who left (inactive) or vanished from
   * the directory while holding live records is offboarded as {@link #offboard} does; a person seen
   * for the first time, or again after leaving, is recorded as the baseline and nothing else
   * happens (joining is {@code onboard}'s business). Everyone the directory lists ({@link
   * dev.accessgov.spi.PeopleDirectory#people()}) is looked at, plus whoever holds live records and
   * whoever was handled before. Evidence names {@code by} as the actor, and each change's lifecycle
   * event.
   *
   * <p>Once-only: each change is claimed in the store by compare-and-set before anything is done,
   * so two instances running this at once transfer or offboard each person once, and a run that
   * stopped midway is finished by the next under the same event. A person who cannot be handled (a
   * provider down) is reported as failed and tried again by the next run. The scheduler runs it
   * periodically when configured ({@code AccessScheduler.Builder.directoryReconcile}).
   *
   * @param by the administrator the work is done as (a service account is usual)
   * @return who was baselined, transferred, offboarded, or could not be handled
   * @throws NotFoundException when {@code by} is not in the people directory
   * @throws PolicyViolationException when {@code by} is inactive or not an administrator
   */
  dev.accessgov.lifecycle.DirectoryReconciliation reconcileDirectory(PersonId by);

  /**
   * Gives a person who joins their birthright access: one grant for every role the catalog's
   * {@linkplain dev.accessgov.catalog.Catalog#birthrightRolesFor birthright rules} call for, given
   * their attributes in the people directory now. Each grant goes through the ordinary path
   * (policy, approval, ticket, provisioning) requested by {@code by}, with the approval the rule
   * asks for: an automatic birthright is approved by the rule and recorded so ({@code APPROVED} by
   * {@code system:policy}), one that needs the application owner stays {@code PENDING_APPROVAL}.
   * Every record's {@code REQUESTED} evidence names the event ({@link
   * AccessRecord#lifecycleEvent()}), the rules and the approval. Done by the person's manager or an
   * administrator.
   *
   * <p>The event is {@link LifecycleEventId#of(LifecycleTrigger, PersonId)
   * onboarding:&lt;person&gt;}; use {@link #onboard(PersonId, PersonId, String, LifecycleEventId)}
   * for someone who joins again after leaving, or to name the HR system's event. Idempotent per
   * person and event: a repeated call grants nothing twice and returns the same records (each keyed
   * by person, event and role), whoever repeats it and with whatever reason.
   *
   * <p>Durable before any grant: the event is first claimed in the person's directory state ({@link
   * dev.accessgov.spi.GovernanceStore#moveDirectoryState}) with {@code by} and {@code reason}, and
   * marked finished once every role is handled. When the process dies midway, {@link #recover()} on
   * any instance finishes it alone: the grants it had stored, and the roles it had not reached yet,
   * requested by {@code by} for {@code reason}, each once. Calling {@code onboard} again finishes
   * it as well. The event is not claimed (only granted, which the keys keep once) when it finished
   * before, when another lifecycle event of the person is pending, or when the person's position
   * changed since it was last handled (a transfer's business).
   *
   * @return the event, its records, the roles already held through other requests, and the roles
   *     refused (such as by a separation-of-duties rule) with why
   * @throws NotFoundException when {@code person} or {@code by} is not in the people directory
   * @throws PolicyViolationException when {@code person} is inactive, or {@code by} is inactive or
   *     neither the person's manager nor an administrator
   * @throws InvalidRequestException for a blank reason
   * @throws ProviderException when a ticketing system or the store fails midway; the grants made
   *     before stand, and calling again with the same event finishes the rest
   */
  OnboardResult onboard(PersonId person, PersonId by, String reason);

  /**
   * {@link #onboard(PersonId, PersonId, String)} for the onboarding event {@code event}, such as
   * the HR system's id for this hire: idempotent per person and event, so a new event (a person who
   * joins again) grants afresh what the person does not hold.
   */
  OnboardResult onboard(PersonId person, PersonId by, String reason, LifecycleEventId event);

  /**
   * Records a fact about a record that changes nothing else: a {@code NOTED} event in its timeline
   * and the chain, in any state, final ones included. Use it for what the audit should see but the
   * record's state must not follow, such as a ticket moved to "Approved" by hand.
   *
   * @param actor who or what noticed it, such as {@code Actor.service("jira")} or {@code
   *     Actor.person(id)}
   * @param text what happened, not blank
   * @throws InvalidRequestException for a blank text
   * @throws NotFoundException when there is no such record
   */
  AccessRecord note(RecordId id, Actor actor, String text);

  /**
   * The record with this id.
   *
   * @throws NotFoundException when there is none
   */
  AccessRecord record(RecordId id);

  /** Records matching the query, oldest request first. */
  List<AccessRecord> find(RecordQuery query);

  /**
   * Every record matching {@code query}, however many: read lazily, page by page ({@code
   * query.limit()} records a page), oldest request first. Records changed while the stream is read
   * are seen as they are when their page is read.
   */
  default Stream<AccessRecord> findAll(RecordQuery query) {
    return RecordQuery.readAll(query, this::find);
  }

  /**
   * Removes every active grant whose end has passed, through the identity providers, and marks it
   * {@code EXPIRED}. Cost grows with the number of due grants. Safe to run concurrently with itself
   * and with other calls: each grant is expired once.
   */
  SweepResult expireDue();

  /**
   * Finishes records left {@code PROVISIONING} or {@code DEPROVISIONING} by a stopped process or a
   * failed provider call: reads membership back through the idempotent provider calls and completes
   * them. Call it at start-up and periodically. Also links records whose ticket was only
   * provisional to the real ticket, noting the delay.
   *
   * <p>Only records nobody works on are taken over. The instance that puts a record in flight owns
   * it through a lease, written with the intent and renewed while it works (see {@link
   * AccessServiceBuilder#leaseDuration}); a record is taken over only once that lease has lapsed
   * (its owner stopped) or was released (a provider call failed), or when it has none (written by
   * an earlier version), and never while a thread of this process works on it. Lapse is judged on
   * this service's clock against the lapse instant a service clock wrote, never against provider
   * times. The takeover is atomic, so with several instances each record is taken by one; its
   * {@code RECOVERED} event names the owner whose lease lapsed. Safe to call on every instance at
   * any time.
   *
   * <p>Then finishes the lifecycle events a stopped process claimed and did not finish: each {@link
   * #onboard onboarding} and {@link #transfer transfer} pending in a person's {@link
   * dev.accessgov.spi.DirectoryState}, run to its end as the caller who claimed it asked (their
   * {@link dev.accessgov.spi.DirectoryState#claimedBy()} and {@link
   * dev.accessgov.spi.DirectoryState#claimReason()}): an onboarding's remaining birthright grants,
   * a transfer's grants and its review. A claim is treated as a lease taken when it was claimed: it
   * is finished only once it is older than {@link AccessServiceBuilder#leaseDuration} (plus {@code
   * quietFor}), so a call still at work is not raced. Once only across instances: grants are keyed
   * per event and role, the review's id follows from the event, and the claim is finished by
   * compare-and-set. A transfer whose person moved again meanwhile goes to where they are now; one
   * whose person left is left to {@link #reconcileDirectory}, which also finishes the offboardings
   * it claimed. A lifecycle event that cannot be finished (a provider down) is logged and tried
   * again by the next call; the returned {@link SweepResult} lists records only, not lifecycle
   * events (their records are in the store under the event, {@link AccessRecord#lifecycleEvent()}).
   */
  default SweepResult recover() {
    return recover(Duration.ZERO);
  }

  /**
   * Like {@link #recover()}, but a lease must have lapsed (or been released) at least {@code
   * quietFor} ago before its record is taken over: a margin for clocks that differ between
   * instances, and for retrying failed provider calls no more often than that. Records without a
   * lease are taken over regardless.
   *
   * @throws InvalidRequestException for a negative duration or one longer than {@link
   *     dev.accessgov.policy.ExpiryPolicy#LONGEST}
   */
  SweepResult recover(Duration quietFor);

  /** The evidence chain. */
  EvidenceLog evidence();

  /**
   * Compares intended membership (active records) with actual membership (what the identity
   * providers list right now) for every group the catalog manages, and acts as {@code policy} says:
   * a missing membership is added again or flagged; a member no active record explains is flagged
   * (a record is opened for the access, due for review at once) or removed; a membership whose
   * grant has reached its end is removed. Every finding is a {@code DRIFT_DETECTED} event on the
   * record concerned. Records mid-change are left to {@link #recover()}. A run that completes ends
   * with one {@code RECONCILED} event holding its counts, found drift or not, so the chain shows
   * when reconcile ran (see {@link dev.accessgov.evidence.EvidenceType#RECONCILED}).
   *
   * <p>Idempotent: a second run straight after the first writes nothing but its own {@code
   * RECONCILED} event and calls no provider to change anything; findings it sees again are reported
   * as {@link dev.accessgov.reconcile.DriftAction#ALREADY_FLAGGED}. Memberships are streamed from
   * the providers page by page, and the active records read page by page, so every one is checked
   * however many there are. Safe to run concurrently with other calls.
   *
   * @return every finding and what was done about it
   * @throws ProviderException when a provider cannot list a group
   */
  Reconciliation reconcile(ReconcilePolicy policy);

  /**
   * Access review campaigns built from live identity-provider membership, whose decisions are
   * executed and recorded in the evidence chain. The same object on every call.
   */
  Reviews reviews();

  /**
   * Takes back access nobody uses, as {@code policy} says: lists the groups of every role whose
   * tier has a threshold (streamed from the providers), reads each member's last login, and for
   * active grants unused past the threshold gives notice, then on a run after the grace period
   * removes them through the identity provider with {@code RECLAIMED} evidence naming the policy
   * and the last-login value used. Exempt grants are listed, never touched. {@link #previewReclaim}
   * lists the same without changing anything.
   *
   * <p>Notices are kept in the store, once per policy and grant, with the end of their grace
   * period: a restart or another instance removes the grant at the time set when notice was first
   * given. A run delivers the notices not yet delivered through the service's {@link
   * dev.accessgov.spi.Notifier}. Exemptions are the policy's and those in the store ({@link
   * dev.accessgov.spi.GovernanceStore#exemptions()}). Unexplained access is left to {@link
   * #reconcile} and reviews.
   *
   * @return every inactive grant found and what happened to it
   */
  ReclaimResult reclaim(ReclaimPolicy policy);

  /**
   * What {@link #reclaim} would do now, without doing it: changes nothing, gives and delivers no
   * notice, removes nothing. Each inactive grant is listed as {@code WOULD_REMOVE} with the time it
   * would be removed (after the grace period of a notice not yet given), or as exempt.
   *
   * @return every inactive grant found and what a reclaim would do to it; {@link
   *     ReclaimResult#preview()} is true
   */
  ReclaimResult previewReclaim(ReclaimPolicy policy);

  /**
   * The organisation's verified domains this service marks unmanaged accounts against ({@code
   * AccessServiceBuilder.verifiedDomains}), for reports to mark the same. Default: {@link
   * dev.accessgov.policy.VerifiedDomains#none()}, nothing is marked.
   */
  default dev.accessgov.policy.VerifiedDomains verifiedDomains() {
    return dev.accessgov.policy.VerifiedDomains.none();
  }

  /** {@link #reconcile(ReconcilePolicy)} with {@link ReconcilePolicy#defaults()}. */
  default Reconciliation reconcile() {
    return reconcile(ReconcilePolicy.defaults());
  }
}
