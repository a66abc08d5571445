package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.EvidenceLog;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.SweepResult;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.Decision;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.ReclaimPolicy;
import dev.accessgov.review.ReclaimResult;
import dev.accessgov.review.ReconcilePolicy;
import dev.accessgov.review.Reconciliation;
import dev.accessgov.review.Reviews;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketingProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AccessService} behind {@link AccessService#builder()}: request intake and the
 * approval, extension and removal transitions. Provider calls live in {@link Provisioning}. Not
 * API.
 */
public final class DefaultAccessService implements AccessService {
  private final Catalog catalog;
  private final PeopleDirectory people;
  private final AccessStore store;
  private final Clock clock;
  private final Approvals approvals;
  private final Records records;
  private final TicketMirror tickets;
  private final Provisioning provisioning;
  private final GrantIntake intake;
  private final StoredEvidenceLog evidence;
  private final Reconciler reconciler;
  private final DefaultReviews reviews;
  private final Reclaimer reclaimer;
  private final Sweeps sweeps;

  /** Wires the service; {@link dev.accessgov.AccessServiceBuilder} has checked the parts. */
  public DefaultAccessService(
      Catalog catalog,
      Map<String, IdentityProvider> providers,
      PeopleDirectory people,
      AccessStore store,
      @Nullable TicketingProvider ticketing,
      @Nullable CheckpointSigner signer,
      Clock clock,
      int sweepParallelism) {
    this.catalog = catalog;
    this.people = people;
    this.store = store;
    this.clock = clock;
    this.approvals = new Approvals(catalog, people);
    this.tickets = new TicketMirror(ticketing);
    this.records = new Records(store, tickets);
    this.provisioning = new Provisioning(catalog, providers, records, clock);
    this.intake = new GrantIntake(catalog, people, store, approvals, clock);
    this.evidence = new StoredEvidenceLog(store, signer, clock);
    this.sweeps = new Sweeps(store, records, provisioning, clock, sweepParallelism);
    LiveMembership live = new LiveMembership(catalog, providers, store);
    Removals removals = new Removals(records, provisioning);
    this.reconciler = new Reconciler(catalog, store, records, provisioning, live, removals, clock);
    this.reclaimer = new Reclaimer(catalog, live, removals, clock);
    ReviewerRules rules = new ReviewerRules(catalog, people);
    this.reviews =
        new DefaultReviews(
            catalog,
            people,
            new CampaignItems(catalog, people, live, rules),
            new EmergencyItems(catalog, store, people, live, rules),
            rules,
            new Verdicts(catalog, records, removals, live, clock),
            clock);
  }

  @Override
  public AccessRecord grant(GrantRequest request) {
    requireNonNull(request, "request");
    GrantIntake.Intake accepted = intake.accept(request);
    AccessRecord stored = records.insert(accepted.record(), accepted.events());
    if (!stored.id().equals(accepted.record().id())) {
      return intake.replay(request, stored);
    }
    stored = linkTicket(stored);
    return stored.state() == RecordState.PROVISIONING ? provisioning.provision(stored) : stored;
  }

  /**
   * Links the record to its ticket. A provisional ticket (the ticketing system was unreachable) is
   * linked under its placeholder and linked again by {@link #recover()} once the real ticket
   * exists; that second TICKET_LINKED event records how long the ticket was delayed.
   */
  private AccessRecord linkTicket(AccessRecord record) {
    TicketRef ticket = tickets.open(record);
    if (ticket == null
        || ticket.key().equals(record.ticketKey())
            && !record.events(EvidenceType.TICKET_LINKED).isEmpty()) {
      return record;
    }
    AccessRecord linked =
        records.mutate(
            record.id(),
            r ->
                ticket.key().equals(r.ticketKey())
                    ? null
                    : Records.Change.of(
                        r.toBuilder().ticketKey(ticket.key()).build(),
                        Drafts.ticketLinked(r, tickets.providerId(), ticket, clock.instant())));
    tickets.track(record.id(), ticket.provisional());
    return linked == null ? record : linked;
  }

  @Override
  public AccessRecord approve(RecordId id, PersonId approver, String comment) {
    requireNonNull(id, "id");
    requireNonNull(approver, "approver");
    requireNonNull(comment, "comment");
    AccessRecord approved =
        records.mutate(
            id,
            r -> {
              Role role = catalog.requireRole(r.roleId());
              Decision.NeedsApproval pending = pendingStep(r, role, "approved");
              approvals.authorize(pending, approver, r);
              Instant now = clock.instant();
              List<Approvals.Given> given = new ArrayList<>(Approvals.given(r));
              given.add(new Approvals.Given(pending.stepIndex(), approver));
              List<EvidenceDraft> events = new ArrayList<>();
              events.add(
                  Drafts.approved(
                      r, approver.asActor(), pending.step(), pending.stepIndex(), comment, now));
              RecordState next =
                  intake.advance(approvals.effectivePolicy(r, role), given, r, role, events, now);
              return new Records.Change(r.toBuilder().state(next).build(), events);
            });
    return approved.state() == RecordState.PROVISIONING
        ? provisioning.provision(approved)
        : approved;
  }

  @Override
  public AccessRecord deny(RecordId id, PersonId approver, String reason) {
    requireNonNull(id, "id");
    requireNonNull(approver, "approver");
    String why = GrantIntake.requireText(reason, "reason");
    return records.mutate(
        id,
        r -> {
          Role role = catalog.requireRole(r.roleId());
          Decision.NeedsApproval pending = pendingStep(r, role, "denied");
          approvals.authorize(pending, approver, r);
          Instant now = clock.instant();
          return Records.Change.of(
              r.toBuilder().state(RecordState.DENIED).endedAt(now).build(),
              Drafts.withReason(r, EvidenceType.DENIED, approver.asActor(), why, now));
        });
  }

  private Decision.NeedsApproval pendingStep(AccessRecord r, Role role, String verb) {
    if (r.state() != RecordState.PENDING_APPROVAL) {
      throw new StateConflictException(
          "record "
              + r.id()
              + " is "
              + r.state()
              + "; only PENDING_APPROVAL records can be "
              + verb);
    }
    ApprovalPolicy policy = approvals.effectivePolicy(r, role);
    Decision decision = approvals.evaluate(policy, Approvals.given(r), r, role);
    if (!(decision instanceof Decision.NeedsApproval pending)) {
      throw new StateConflictException("record " + r.id() + " needs no further approval");
    }
    return pending;
  }

  @Override
  public AccessRecord extend(RecordId id, PersonId approver, Duration by, String reason) {
    requireNonNull(id, "id");
    requireNonNull(approver, "approver");
    requireNonNull(by, "by");
    String why = GrantIntake.requireText(reason, "reason");
    if (by.isZero() || by.isNegative()) {
      throw new InvalidRequestException("an extension must be positive, was " + by);
    }
    return records.mutate(
        id,
        r -> {
          if (r.state() != RecordState.ACTIVE || r.expiresAt() == null) {
            throw new StateConflictException(
                "record "
                    + r.id()
                    + " is "
                    + r.state()
                    + (r.expiresAt() == null ? " with no end" : "")
                    + "; only ACTIVE time-bound access can be extended");
          }
          Role role = catalog.requireRole(r.roleId());
          Set<PersonId> authority = new HashSet<>();
          approvals
              .effectivePolicy(r, role)
              .steps()
              .forEach(s -> authority.addAll(approvals.eligible(s, r, role)));
          authority.add(catalog.applicationOf(role).owner());
          people.managerOf(r.subject()).ifPresent(authority::add);
          authority.remove(r.subject());
          if (!authority.contains(approver)) {
            throw new PolicyViolationException(
                approver
                    + " may not extend record "
                    + r.id()
                    + "; it may be extended by "
                    + authority);
          }
          Instant now = clock.instant();
          Instant newEnd = r.expiresAt().plus(by);
          Duration max = role.expiryPolicy().maximum();
          if (max != null && Duration.between(now, newEnd).compareTo(max) > 0) {
            throw new PolicyViolationException(
                "extending record "
                    + r.id()
                    + " by "
                    + by
                    + " would end it at "
                    + newEnd
                    + ", more than the maximum "
                    + max
                    + " of role "
                    + role.id()
                    + " from now; the latest allowed end is "
                    + now.plus(max));
          }
          return Records.Change.of(
              r.toBuilder().expiresAt(newEnd).build(),
              Drafts.extended(r, approver.asActor(), why, newEnd, now));
        });
  }

  @Override
  public AccessRecord revoke(RecordId id, PersonId by, String reason) {
    requireNonNull(id, "id");
    requireNonNull(by, "by");
    String why = GrantIntake.requireText(reason, "reason");
    if (people.find(by).isEmpty()) {
      throw new NotFoundException("unknown person " + by + " cannot revoke access");
    }
    AccessRecord started =
        records.mutate(
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
              return Records.Change.of(
                  r.toBuilder().state(RecordState.DEPROVISIONING).build(),
                  Drafts.withReason(r, EvidenceType.REVOKED, by.asActor(), why, clock.instant()));
            });
    return provisioning.deprovision(started);
  }

  @Override
  public AccessRecord note(RecordId id, String actor, String text) {
    requireNonNull(id, "id");
    requireNonNull(actor, "actor");
    String what = GrantIntake.requireText(text, "text");
    if (!actor.matches("(person|system):\\S+")) {
      throw new InvalidRequestException(
          "actor '" + actor + "' must be person:<id> or system:<name>");
    }
    return records.mutate(
        id,
        r ->
            Records.Change.of(
                r, Drafts.withReason(r, EvidenceType.NOTED, actor, what, clock.instant())));
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
  public SweepResult recover() {
    SweepResult result = sweeps.recover();
    for (RecordId id : tickets.provisional()) {
      records.find(id).ifPresent(this::linkTicket);
    }
    return result;
  }

  @Override
  public Reconciliation reconcile(ReconcilePolicy policy) {
    return reconciler.run(requireNonNull(policy, "policy"));
  }

  @Override
  public ReclaimResult reclaim(ReclaimPolicy policy, boolean dryRun) {
    return reclaimer.run(requireNonNull(policy, "policy"), dryRun);
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
