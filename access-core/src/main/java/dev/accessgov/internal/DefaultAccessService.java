package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.EvidenceLog;
import dev.accessgov.GrantRequest;
import dev.accessgov.InputLimits;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.StateConflictException;
import dev.accessgov.SweepResult;
import dev.accessgov.UsageEvidence;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.lifecycle.DirectoryReconciliation;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.lifecycle.TransferResult;
import dev.accessgov.policy.Decision;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.VerifiedDomains;
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
import dev.accessgov.record.RecordState;
import dev.accessgov.review.LifecycleReviewPolicy;
import dev.accessgov.review.Reviews;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.CheckpointSink;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.Notifier;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.TicketingProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AccessService} behind {@link AccessService#builder()}: request intake and the
 * approval, extension and removal transitions. Provider calls live in {@link Provisioning}. Not
 * API.
 */
public final class DefaultAccessService implements AccessService {
  private final Catalog catalog;
  private final Identities identities;
  private final Authority authority;
  private final AccessStore store;
  private final Clock clock;
  private final Records records;
  private final TicketMirror tickets;
  private final Provisioning provisioning;
  private final Grants grants;
  private final StoredEvidenceLog evidence;
  private final Reconciler reconciler;
  private final DefaultReviews reviews;
  private final Reclaimer reclaimer;
  private final Sweeps sweeps;
  private final ApproverActions approverActions;
  private final Removals removals;
  private final InputLimits limits;
  private final Transfers transfers;
  private final DirectoryReconciler directory;
  private final Onboarding onboarding;
  private final Unmanaged unmanaged;
  private final LifecycleRecovery lifecycleRecovery;

  /**
   * Wires the service; {@link dev.accessgov.AccessServiceBuilder} has checked the parts.
   *
   * @param administrators who may also revoke any access, offboard anyone and reassign review
   *     items, as the people directory names them
   * @param leaseDuration how long a lease on in-flight work runs without renewal
   * @param instanceName a readable prefix for this instance's lease owner id, or null
   * @param notifier delivers reminders and reclaim notices
   * @param observer hears what the service did
   * @param usage how usage evidence is recorded when time-bound access ends, or null for none
   * @param lifecycleReviews who reviews what a transfer puts in question, how long they have, and
   *     what happens at the deadline
   * @param domains the organisation's verified domains, against which accounts are marked unmanaged
   * @throws dev.accessgov.AccessConfigurationException when a named approver of the catalog or an
   *     administrator is not in the people directory
   */
  public DefaultAccessService(
      Catalog catalog,
      Map<String, IdentityProvider> providers,
      PeopleDirectory people,
      Set<PersonId> administrators,
      AccessStore store,
      @Nullable TicketingProvider ticketing,
      @Nullable CheckpointSigner signer,
      CheckpointSink sink,
      Clock clock,
      int sweepParallelism,
      InputLimits limits,
      Duration leaseDuration,
      @Nullable String instanceName,
      Notifier notifier,
      AccessObserver observer,
      @Nullable UsageEvidence usage,
      LifecycleReviewPolicy lifecycleReviews,
      VerifiedDomains domains) {
    this.catalog = catalog;
    this.unmanaged = new Unmanaged(domains, people);
    this.store = store;
    this.clock = clock;
    this.limits = limits;
    Set<PersonId> admins = Authority.checkConfiguration(catalog, people, administrators);
    this.identities = new Identities(people);
    Approvals approvals = new Approvals(catalog, identities);
    this.authority = new Authority(catalog, identities, approvals, admins);
    this.tickets = new TicketMirror(ticketing);
    Leases leases = new Leases(store.leases(), owner(instanceName), leaseDuration, clock);
    this.records = new Records(store, tickets, leases, new Transitions(observer));
    providers = ObservedProvider.wrap(providers, observer, clock);
    this.provisioning = new Provisioning(catalog, providers, records, clock, leases);
    GrantIntake intake =
        new GrantIntake(catalog, people, store, approvals, clock, limits, ticketing);
    this.grants = new Grants(intake, identities, records, tickets, provisioning, clock);
    this.evidence = new StoredEvidenceLog(store, signer, sink, clock);
    BirthrightGrants birthrights = new BirthrightGrants(catalog, grants, store);
    this.onboarding = new Onboarding(people, authority, birthrights, store.governance(), clock);
    this.approverActions =
        new ApproverActions(catalog, authority, approvals, records, provisioning, intake, clock);
    this.sweeps = new Sweeps(store, records, provisioning, clock, leases, sweepParallelism);
    if (usage != null) {
      UsageWatch watch = new UsageWatch(catalog, providers, records, clock, usage);
      provisioning.observeUsage(watch);
      sweeps.observeUsage(watch, new UsageSchedule(store, records, watch, clock));
    }
    LiveMembership live = new LiveMembership(catalog, providers, store);
    this.removals = new Removals(records, provisioning);
    this.reconciler =
        new Reconciler(catalog, store, records, provisioning, live, removals, clock, unmanaged);
    GovernanceStore gov = store.governance();
    this.reclaimer = new Reclaimer(catalog, live, removals, gov, notifier, clock);
    ReviewerRules rules = new ReviewerRules(catalog, identities);
    this.reviews =
        new DefaultReviews(
            catalog,
            authority,
            new CampaignItems(catalog, people, live, rules, unmanaged),
            new EmergencyItems(catalog, store, people, live, rules, unmanaged),
            rules,
            new Verdicts(catalog, records, removals, live, clock),
            gov,
            notifier,
            clock,
            limits);
    this.transfers =
        new Transfers(
            catalog,
            people,
            store,
            birthrights,
            new LifecycleReviews(catalog, gov, people, live, rules, unmanaged, clock),
            lifecycleReviews,
            clock);
    this.directory = new DirectoryReconciler(people, store, transfers, clock);
    this.lifecycleRecovery =
        new LifecycleRecovery(gov, onboarding, transfers, leaseDuration, clock);
  }

  /**
   * The lease owner id of this service: unique per instance (a random UUID), prefixed with the
   * instance name when one was given, so evidence of a takeover says whose work was taken.
   */
  private static String owner(@Nullable String instanceName) {
    String id = java.util.UUID.randomUUID().toString();
    return instanceName == null ? id : instanceName + "/" + id;
  }

  @Override
  public AccessRecord grant(GrantRequest request) {
    requireNonNull(request, "request");
    try (RecordMdc scope = RecordMdc.operation(List.of(), "grant")) {
      return grants.grant(request);
    }
  }

  @Override
  public AccessRecord approve(RecordId id, PersonId approver, String comment) {
    checkComment(comment);
    try (RecordMdc scope = RecordMdc.operation(id, "approve")) {
      return approverActions.approve(id, approver, comment);
    }
  }

  /** A comment may be blank; one that is given must be clean text within the limit. */
  private void checkComment(@Nullable String comment) {
    if (comment != null && !comment.isBlank()) {
      limits.text(comment, "comment");
    }
  }

  @Override
  public AccessRecord deny(RecordId id, PersonId approver, String reason) {
    limits.text(reason, "reason");
    try (RecordMdc scope = RecordMdc.operation(id, "deny")) {
      return approverActions.deny(id, approver, reason);
    }
  }

  @Override
  public AccessRecord approve(
      RecordId id, PersonId approver, String comment, DecisionSource source) {
    checkComment(comment);
    requireNonNull(source, "source");
    try (RecordMdc scope = RecordMdc.operation(id, "approve")) {
      return approverActions.approve(id, approver, comment, source);
    }
  }

  @Override
  public AccessRecord deny(RecordId id, PersonId approver, String reason, DecisionSource source) {
    limits.text(reason, "reason");
    requireNonNull(source, "source");
    try (RecordMdc scope = RecordMdc.operation(id, "deny")) {
      return approverActions.deny(id, approver, reason, source);
    }
  }

  @Override
  public AccessRecord extend(RecordId id, PersonId approver, Duration by, String reason) {
    limits.text(reason, "reason");
    try (RecordMdc scope = RecordMdc.operation(id, "extend")) {
      return approverActions.extend(id, approver, by, reason);
    }
  }

  @Override
  public AccessRecord revoke(RecordId id, PersonId by, String reason) {
    requireNonNull(id, "id");
    requireNonNull(by, "by");
    String why = limits.text(reason, "reason");
    try (RecordMdc scope = RecordMdc.operation(id, "revoke")) {
      return end(
          id,
          r -> {
            PersonId who = authority.revoker(by, r, catalog.requireRole(r.roleId()));
            return Drafts.withReason(r, EvidenceType.REVOKED, who.asActor().toString(), why, now());
          });
    }
  }

  @Override
  public List<AccessRecord> offboard(PersonId subject, PersonId by, String reason) {
    requireNonNull(subject, "subject");
    requireNonNull(by, "by");
    String why = limits.text(reason, "reason");
    PersonId who = authority.offboarder(by, subject);
    LifecycleEvent event =
        LifecycleEvent.of(LifecycleTrigger.OFFBOARDING, identities.canonical(subject));
    List<AccessRecord> changed = new ArrayList<>();
    RecordQuery open =
        RecordQuery.all()
            .subject(identities.canonical(subject).value())
            .states(RecordState.ACTIVE, RecordState.PENDING_APPROVAL);
    // Read first, then change: each change moves the record out of the query's states.
    for (AccessRecord r : findAll(open).toList()) {
      try (RecordMdc scope = RecordMdc.operation(r.id(), "offboard")) {
        AccessRecord done =
            r.state() == RecordState.ACTIVE
                ? removals.startIfActive(
                    r.id(),
                    x ->
                        List.of(
                            Drafts.offboarded(
                                x,
                                EvidenceType.REVOKED,
                                who.asActor().toString(),
                                why,
                                event,
                                now())))
                : withdrawIfPending(r.id(), who, why, event);
        if (done != null) {
          changed.add(done);
        }
      }
    }
    return changed;
  }

  @Override
  public TransferResult transfer(PersonId subject, PersonId by, String reason) {
    requireNonNull(subject, "subject");
    requireNonNull(by, "by");
    String why = limits.text(reason, "reason");
    PersonId who = authority.mover(by, subject);
    try (RecordMdc scope = RecordMdc.operation(List.of(), "transfer")) {
      return transfers.transfer(identities.canonical(subject), who, why);
    }
  }

  @Override
  public DirectoryReconciliation reconcileDirectory(PersonId by) {
    requireNonNull(by, "by");
    PersonId who = authority.directoryReconciler(by);
    try (RecordMdc scope = RecordMdc.operation(List.of(), "reconcileDirectory")) {
      return directory.run(who, (subject, why) -> offboard(subject, who, why));
    }
  }

  @Override
  public OnboardResult onboard(PersonId person, PersonId by, String reason) {
    return onboardFor(person, by, reason, null);
  }

  @Override
  public OnboardResult onboard(
      PersonId person, PersonId by, String reason, LifecycleEventId event) {
    return onboardFor(person, by, reason, requireNonNull(event, "event"));
  }

  private OnboardResult onboardFor(
      PersonId person, PersonId by, String reason, @Nullable LifecycleEventId event) {
    requireNonNull(person, "person");
    requireNonNull(by, "by");
    String why = limits.text(reason, "reason");
    try (RecordMdc scope = RecordMdc.operation(List.of(), "onboard")) {
      OnboardResult joined = onboarding.onboard(person, by, why, event);
      // Where the new hire starts is what a later transfer moves them from (when onboarding could
      // not claim its event, another lifecycle event or an earlier one recorded it).
      transfers.baseline(joined.subject());
      return joined;
    }
  }

  /** Ends active access with {@code trigger} as its REVOKED event; conflicts otherwise. */
  private AccessRecord end(RecordId id, Function<AccessRecord, EvidenceDraft> trigger) {
    AccessRecord started =
        records.update(
            id,
            r -> {
              if (r.state() != RecordState.ACTIVE) {
                throw new StateConflictException(
                    "record "
                        + r.id()
                        + " is "
                        + r.state()
                        + "; only ACTIVE access can be revoked"
                        + (r.state() == RecordState.PENDING_APPROVAL
                            ? " (deny a pending request instead)"
                            : ""));
              }
              return Removals.intent(r, List.of(trigger.apply(r)));
            });
    return provisioning.deprovision(started);
  }

  private @Nullable AccessRecord withdrawIfPending(
      RecordId id, PersonId by, String why, LifecycleEvent event) {
    return records.mutate(
        id,
        r ->
            r.state() != RecordState.PENDING_APPROVAL
                ? null
                : Records.Change.of(
                    r.toBuilder().state(RecordState.DENIED).endedAt(now()).build(),
                    Drafts.offboarded(
                        r, EvidenceType.DENIED, by.asActor().toString(), why, event, now())));
  }

  private Instant now() {
    return clock.instant();
  }

  @Override
  public AccessRecord note(RecordId id, Actor actor, String text) {
    requireNonNull(id, "id");
    requireNonNull(actor, "actor");
    String what = limits.text(text, "text");
    String by = actor.toString();
    try (RecordMdc scope = RecordMdc.operation(id, "note")) {
      return records.update(
          id,
          r ->
              Records.Change.of(
                  r, Drafts.withReason(r, EvidenceType.NOTED, by, what, clock.instant())));
    }
  }

  @Override
  public Optional<Decision.NeedsApproval> pendingApproval(RecordId id) {
    return approverActions.pending(id);
  }

  @Override
  public AccessRecord record(RecordId id) {
    return records.load(requireNonNull(id, "id"));
  }

  @Override
  public List<AccessRecord> find(RecordQuery query) {
    return store.query(requireNonNull(query, "query"));
  }

  @Override
  public SweepResult expireDue() {
    return sweeps.expireDue();
  }

  @Override
  public SweepResult recover(Duration quietFor) {
    requireNonNull(quietFor, "quietFor");
    if (quietFor.isNegative() || quietFor.compareTo(ExpiryPolicy.LONGEST) > 0) {
      throw new InvalidRequestException(
          "quietFor must lie between zero and " + ExpiryPolicy.LONGEST + ", was " + quietFor);
    }
    SweepResult result = sweeps.recover(quietFor);
    // After the records: a lifecycle event finished here finds its grants no longer in flight.
    lifecycleRecovery.recover(quietFor);
    for (RecordId id : tickets.provisional()) {
      records.find(id).ifPresent(grants::linkTicket);
    }
    return result;
  }

  @Override
  public Reconciliation reconcile(ReconcilePolicy policy) {
    requireNonNull(policy, "policy");
    // Each record it removes or opens is named by Provisioning; the operation stays "reconcile".
    try (RecordMdc scope = RecordMdc.operation(List.of(), "reconcile")) {
      return reconciler.run(policy);
    }
  }

  @Override
  public ReclaimResult reclaim(ReclaimPolicy policy) {
    requireNonNull(policy, "policy");
    try (RecordMdc scope = RecordMdc.operation(List.of(), "reclaim")) {
      return reclaimer.run(policy, false);
    }
  }

  @Override
  public ReclaimResult previewReclaim(ReclaimPolicy policy) {
    requireNonNull(policy, "policy");
    try (RecordMdc scope = RecordMdc.operation(List.of(), "previewReclaim")) {
      return reclaimer.run(policy, true);
    }
  }

  @Override
  public VerifiedDomains verifiedDomains() {
    return unmanaged.domains();
  }

  @Override
  public Reviews reviews() {
    return reviews;
  }

  @Override
  public EvidenceLog evidence() {
    return evidence;
  }

  @Override
  public String toString() {
    return "AccessService[" + catalog.roles().size() + " roles, store " + store + "]";
  }
}
