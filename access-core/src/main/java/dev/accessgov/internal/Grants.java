package dev.accessgov.internal;

import dev.accessgov.GrantRequest;
import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AdmissionConflictException;
import dev.accessgov.spi.TicketRef;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The way of a grant request: subject and requester made canonical, decided by {@link GrantIntake},
 * admitted by the store (decided again when a racing request got there first), linked to its ticket
 * and provisioned when no approval is pending. Not API.
 */
final class Grants {
  private static final int MAX_ADMISSIONS = 20;

  private final GrantIntake intake;
  private final Identities identities;
  private final Records records;
  private final TicketMirror tickets;
  private final Provisioning provisioning;
  private final Clock clock;

  Grants(
      GrantIntake intake,
      Identities identities,
      Records records,
      TicketMirror tickets,
      Provisioning provisioning,
      Clock clock) {
    this.intake = intake;
    this.identities = identities;
    this.records = records;
    this.tickets = tickets;
    this.provisioning = provisioning;
    this.clock = clock;
  }

  /** See {@link dev.accessgov.AccessService#grant}. */
  AccessRecord grant(GrantRequest request) {
    return grant(request, null);
  }

  /** A grant, a birthright grant when {@code birthright} is given. */
  AccessRecord grant(GrantRequest request, GrantIntake.@Nullable Birthright birthright) {
    Admitted admitted = admit(canonical(request), birthright);
    if (!admitted.fresh()) {
      return admitted.record();
    }
    MDC.put(RecordMdc.RECORD, admitted.record().id().value());
    AccessRecord stored;
    try {
      stored = linkTicket(admitted.record());
    } catch (RuntimeException e) {
      // The intent holds this service's lease: give it up, so recover() need not wait it out.
      provisioning.release(admitted.record());
      throw e;
    }
    return stored.state() == RecordState.PROVISIONING ? provisioning.provision(stored) : stored;
  }

  /** A record {@link #admit} stored ({@code fresh}), or the one an earlier request made. */
  private record Admitted(AccessRecord record, boolean fresh) {}

  /**
   * Inserts the accepted request under its admission. When the subject's live records changed
   * between the decision and the write (a racing request), the store refuses and the request is
   * decided again on a fresh read: it then passes, or is refused for the rule the race would have
   * broken (a role already held, separation of duties). An idempotency key already used answers
   * with the record it made instead (through {@link GrantIntake#replay}).
   *
   * @return the new record, freshly stored, or the earlier one when the key was used before
   */
  private Admitted admit(GrantRequest request, GrantIntake.@Nullable Birthright birthright) {
    for (int attempt = 1; ; attempt++) {
      // Decided afresh on every attempt: a new record id, and the live records read now.
      GrantIntake.Intake accepted = intake.accept(request, birthright);
      try {
        AccessRecord stored =
            records.insert(accepted.record(), accepted.events(), accepted.admission());
        return stored.id().equals(accepted.record().id())
            ? new Admitted(stored, true)
            : new Admitted(intake.replay(request, accepted.record(), stored), false);
      } catch (AdmissionConflictException raced) {
        if (attempt >= MAX_ADMISSIONS) {
          throw new StateConflictException(
              "the live access of "
                  + request.subject()
                  + " kept changing while "
                  + request.role()
                  + " was requested ("
                  + MAX_ADMISSIONS
                  + " attempts); try again");
        }
      }
    }
  }

  /**
   * The request with subject and requester named by their canonical ids, so that records, the
   * one-live-record rule and SoD see one person however the caller spelled them. Unknown people
   * stay as given for intake to refuse.
   */
  private GrantRequest canonical(GrantRequest r) {
    return new GrantRequest(
        identities.canonical(r.subject()),
        r.role(),
        identities.canonical(r.requester()),
        r.reason(),
        r.duration(),
        r.ticketKey(),
        r.idempotencyKey(),
        r.lifecycleEvent());
  }

  /**
   * Links the record to its ticket. A provisional ticket (the ticketing system was unreachable) is
   * linked under its placeholder and linked again by {@code recover()} once the real ticket exists;
   * that second TICKET_LINKED event records how long the ticket was delayed.
   */
  AccessRecord linkTicket(AccessRecord record) {
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
}
