package dev.accessgov.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.GrantRequest;
import dev.accessgov.InputLimits;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.BirthrightApproval;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.Decision;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.JustificationRule;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import dev.accessgov.spi.TicketState;
import dev.accessgov.spi.TicketingProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link GrantRequest} against the catalog, the people directory and the policies, and
 * turns it into a new record with its first events. Every check runs before anything is written.
 * Not API.
 */
final class GrantIntake {
  private final Catalog catalog;
  private final PeopleDirectory people;
  private final AccessStore store;
  private final Approvals approvals;
  private final Clock clock;
  private final InputLimits limits;
  private final @Nullable TicketingProvider ticketing;

  /**
   * A record ready to insert, with its first events, and the admission it was decided under: the
   * subject's live records it was checked against.
   */
  record Intake(AccessRecord record, List<EvidenceDraft> events, Admission admission) {}

  GrantIntake(
      Catalog catalog,
      PeopleDirectory people,
      AccessStore store,
      Approvals approvals,
      Clock clock,
      InputLimits limits,
      @Nullable TicketingProvider ticketing) {
    this.ticketing = ticketing;
    this.catalog = catalog;
    this.people = people;
    this.store = store;
    this.approvals = approvals;
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * What makes a request a birthright grant: the names of the catalog's rules that give the person
   * the role, and the approval it needs instead of the role's own policy.
   */
  record Birthright(List<String> rules, BirthrightApproval approval) {
    Birthright {
      rules = List.copyOf(rules);
    }
  }

  Intake accept(GrantRequest request) {
    return accept(request, null);
  }

  /** Decides a request, a birthright grant when {@code birthright} is given. */
  Intake accept(GrantRequest request, @Nullable Birthright birthright) {
    String reason = limits.text(request.reason(), "reason");
    request.requestedDuration().ifPresent(d -> ExpiryPolicy.checkRequested(d, "duration"));
    Role role = catalog.requireRole(request.role());
    JustificationRule rule = catalog.justification(role);
    Optional<String> openTicket = justify(role, rule, reason, request.ticketKey());
    requirePerson(request.subject(), "subject");
    requirePerson(request.requester(), "requester");
    Optional<Duration> duration =
        role.expiryPolicy().resolve(request.requestedDuration(), "role " + role.id());

    List<AccessRecord> holding =
        store.query(
            RecordQuery.all().subject(request.subject().value()).states(RecordState.live()));
    if (openTicket.isPresent() && holding.stream().noneMatch(r -> sameKey(r, request))) {
      // A repeat of a request whose record is live was checked when it was made; the ticket
      // closing since, or the ticketing system being down now, does not change the answer.
      requireOpenTicket(role, rule, openTicket.get());
    }
    for (AccessRecord existing : holding) {
      if (existing.roleId().equals(role.id()) && !sameKey(existing, request)) {
        throw new StateConflictException(
            request.subject()
                + " already has "
                + role.id()
                + " in record "
                + existing.id()
                + " ("
                + existing.state()
                + "); extend or revoke it instead of requesting it again");
      }
    }
    Set<RoleId> held = holding.stream().map(AccessRecord::roleId).collect(Collectors.toSet());
    SodRule conflict = approvals.conflict(role, held);
    if (conflict != null && conflict.action() == SodRule.Action.REFUSE) {
      throw new PolicyViolationException(
          "separation of duties: rule '"
              + conflict.name()
              + "' forbids holding "
              + role.id()
              + " together with "
              + held.stream().filter(conflict::covers).toList()
              + ", which "
              + request.subject()
              + " holds or awaits");
    }

    Instant now = clock.instant();
    AccessRecord pending =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(request.subject())
            .roleId(role.id())
            .requester(request.requester())
            .reason(reason)
            .requestedAt(now)
            .duration(duration.orElse(null))
            .ticketKey(request.ticketKey())
            .idempotencyKey(request.idempotencyKey())
            .build();
    String sodRule = conflict == null ? null : conflict.name();
    ApprovalPolicy policy =
        approvals.effectivePolicy(role, birthright == null ? null : birthright.approval(), sodRule);
    approvals.checkApprovable(policy, pending, role);
    List<EvidenceDraft> events = new ArrayList<>();
    events.add(Drafts.requested(pending, now, sodRule, request.lifecycleEvent(), birthright));
    String automatic =
        birthright == null
            ? AUTOMATIC
            : "approved by birthright rule " + String.join(", ", birthright.rules());
    RecordState state = advance(policy, new ArrayList<>(), pending, role, events, now, automatic);
    return new Intake(
        pending.toBuilder().state(state).build(),
        events,
        Admission.ifLiveUnchanged(holding.stream().map(AccessRecord::id).toList()));
  }

  /**
   * Checks the reason against the role's justification rule; returns the ticket it names when the
   * rule also requires that ticket to be open, which {@link #requireOpenTicket} then checks for a
   * request that is not a repeat. A ticketing system that cannot be reached refuses the request
   * with its retryable {@link dev.accessgov.ProviderException}: a rule that requires an open ticket
   * is not met by a ticket nobody could look at.
   */
  private Optional<String> justify(
      Role role, JustificationRule rule, String reason, @Nullable String ticketKey) {
    Optional<String> ticket = rule.check("role " + role.id(), reason, ticketKey);
    return rule.requireOpenTicket() ? ticket : Optional.empty();
  }

  /** Checks, through the ticketing provider, that ticket {@code key} exists and is open. */
  private void requireOpenTicket(Role role, JustificationRule rule, String key) {
    String what = "role " + role.id();
    Optional<TicketState> state = ticketing == null ? Optional.empty() : ticketing.ticketState(key);
    if (state.isEmpty()) {
      throw new AccessConfigurationException(
          what
              + " requires an open ticket, but "
              + (ticketing == null
                  ? "no ticketing provider is configured"
                  : "ticketing provider " + ticketing.id() + " cannot check tickets")
              + "; configure one that implements TicketingProvider.ticketState or drop"
              + " requireOpenTicket");
    }
    if (state.get() != TicketState.EXISTS_OPEN) {
      throw new InvalidRequestException(
          what
              + " needs "
              + rule.requirement()
              + "; ticket "
              + key
              + (state.get() == TicketState.CLOSED
                  ? " is closed"
                  : " was not found (or is not visible to the ticketing provider)"));
    }
  }

  /**
   * Records automatic steps that are now due; returns PROVISIONING when the policy is satisfied,
   * PENDING_APPROVAL otherwise.
   */
  RecordState advance(
      ApprovalPolicy policy,
      List<Approvals.Given> given,
      AccessRecord r,
      Role role,
      List<EvidenceDraft> events,
      Instant now) {
    return advance(policy, given, r, role, events, now, AUTOMATIC);
  }

  private static final String AUTOMATIC = "approved by policy";

  /** As above; {@code comment} is what each automatic approval says. */
  private RecordState advance(
      ApprovalPolicy policy,
      List<Approvals.Given> given,
      AccessRecord r,
      Role role,
      List<EvidenceDraft> events,
      Instant now,
      String comment) {
    while (true) {
      Decision decision = approvals.evaluate(policy, given, r, role);
      if (decision instanceof Decision.Approved) {
        return RecordState.PROVISIONING;
      }
      Decision.NeedsApproval pending = (Decision.NeedsApproval) decision;
      if (!(pending.step() instanceof ApprovalStep.Auto)) {
        return RecordState.PENDING_APPROVAL;
      }
      events.add(
          Drafts.approved(
              r, Drafts.POLICY_ACTOR, pending.step(), pending.stepIndex(), comment, null, now));
      given.add(new Approvals.Given(pending.stepIndex(), null));
    }
  }

  /**
   * The record an earlier request with the same idempotency key created, if that request asked for
   * the same thing: subject, role, requester, reason, duration (as resolved by the role's policy)
   * and ticket key. A key reused for anything else is refused rather than silently answered with
   * the first record.
   *
   * @param decided the record this request would have created
   */
  AccessRecord replay(GrantRequest request, AccessRecord decided, AccessRecord existing) {
    String requestedTicket =
        existing.events(EvidenceType.REQUESTED).stream()
            .findFirst()
            .map(e -> e.detailText(EvidenceKeys.TICKET))
            .orElse(null);
    List<String> differs = new ArrayList<>();
    differ(differs, "subject", existing.subject(), decided.subject());
    differ(differs, "role", existing.roleId(), decided.roleId());
    differ(differs, "requester", existing.requester(), decided.requester());
    differ(differs, "reason", existing.reason(), decided.reason());
    differ(differs, "duration", existing.duration(), decided.duration());
    differ(differs, "ticket key", requestedTicket, decided.ticketKey());
    if (!differs.isEmpty()) {
      throw new InvalidRequestException(
          "idempotency key '"
              + request.idempotencyKey()
              + "' was used for record "
              + existing.id()
              + " with a different "
              + String.join(", ", differs)
              + "; use a new key for a different request");
    }
    return existing;
  }

  private static void differ(
      List<String> differs, String what, @Nullable Object first, @Nullable Object again) {
    // Names the field only: the first request may be someone else's, and its text is theirs.
    if (!java.util.Objects.equals(first, again)) {
      differs.add(what);
    }
  }

  private static boolean sameKey(AccessRecord existing, GrantRequest request) {
    return request.idempotencyKey() != null
        && request.idempotencyKey().equals(existing.idempotencyKey());
  }

  private void requirePerson(PersonId id, String what) {
    Person person =
        people
            .find(id)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "unknown "
                            + what
                            + " "
                            + id
                            + ": the people directory does not know them"));
    if (!person.active()) {
      throw new PolicyViolationException(
          what + " " + id + " is not active in the people directory");
    }
  }

  static String requireText(@Nullable String text, String name) {
    if (text == null || text.isBlank()) {
      throw new InvalidRequestException(name + " must not be blank");
    }
    return text.strip();
  }
}
