package dev.accessgov.slack.internal;

import dev.accessgov.AccessException;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.slack.InteractionResult;
import dev.accessgov.slack.InteractionResult.Outcome;
import dev.accessgov.spi.Person;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Button clicks on messages: Approve and Deny on an approval message, Extend on an expiry warning
 * (Keep and Revoke are in {@link ReviewClicks}). Every decision goes through the service, which
 * enforces every rule; this class maps its refusals to a typed result and an ephemeral message, and
 * rewrites the clicked message when the record has moved on. Slack failing after a decision was
 * applied loses nothing: the decision is committed first, and its source (the click's Slack ids)
 * makes a repeat a no-op. Not API.
 */
public final class Clicks {
  private final Wiring w;

  /** Clicks handled with {@code w}. */
  public Clicks(Wiring w) {
    this.w = w;
  }

  /** Approve: {@code approve} with the click as the decision's source. */
  public InteractionResult approve(Click c) {
    Object looked = lookup(c);
    if (looked instanceof InteractionResult refusal) {
      return refusal;
    }
    Found found = (Found) looked;
    AccessRecord r = found.record();
    Person who = found.person();
    if (r.events(EvidenceType.APPROVED).stream().anyMatch(c.source()::wrote)) {
      return movedOn(c, r, Outcome.ALREADY_APPLIED, "this click was applied before");
    }
    if (r.state() != RecordState.PENDING_APPROVAL) {
      return movedOn(c, r, Outcome.MOVED_ON, "record is " + r.state() + "; nothing to approve");
    }
    AccessRecord after;
    try {
      after =
          w.access()
              .approve(
                  r.id(),
                  who.id(),
                  "approved in Slack: message " + c.message() + " by Slack user " + c.account(),
                  c.source());
    } catch (StateConflictException e) {
      return movedOn(c, w.access().record(r.id()), Outcome.MOVED_ON, Answers.why(e));
    } catch (AccessException e) {
      return refused(c, r.id().value(), e);
    }
    return decided(c, after, Outcome.APPROVED, "approved by " + who.id());
  }

  /** Deny: opens the deny-reason modal; the submission denies. */
  public InteractionResult deny(Click c) {
    Object looked = lookup(c);
    if (looked instanceof InteractionResult refusal) {
      return refusal;
    }
    Found found = (Found) looked;
    AccessRecord r = found.record();
    if (r.state() != RecordState.PENDING_APPROVAL) {
      return movedOn(c, r, Outcome.MOVED_ON, "record is " + r.state() + "; nothing to deny");
    }
    if (c.triggerId() == null) {
      return Answers.ack(Outcome.MALFORMED, r.id().value(), "a Deny click without a trigger_id");
    }
    try {
      w.slack().openView(c.triggerId(), DenyModal.view(r, c.channel(), c.ts()));
    } catch (SlackCalls.SlackCallException e) {
      return Answers.ack(Outcome.SLACK_UNAVAILABLE, r.id().value(), Answers.why(e));
    }
    return Answers.ack(Outcome.MODAL_OPENED, r.id().value(), "deny-reason modal opened");
  }

  /**
   * Extend, on an expiry warning: {@code extend} by the role's default duration (capped at its
   * maximum from now), which the service allows only to someone eligible to approve the role, never
   * the subject; the refusal says whom to ask. For access that has already ended, the request modal
   * opens prefilled with the same role, so a new request goes through approval.
   */
  public InteractionResult extend(Click c) {
    Object looked = lookup(c);
    if (looked instanceof InteractionResult refusal) {
      return refusal;
    }
    Found found = (Found) looked;
    AccessRecord r = found.record();
    Role role = w.catalog().role(r.roleId()).orElse(null);
    if (role == null) {
      return tell(
          c,
          Outcome.NOT_FOUND,
          r.id().value(),
          "role " + r.roleId() + " is no longer in the catalog.");
    }
    if (r.state() == RecordState.ACTIVE && r.expiresAt() != null) {
      Duration by = extension(role, r.expiresAt());
      if (by == null) {
        return tell(
            c,
            Outcome.REFUSED,
            r.id().value(),
            r.roleId() + " cannot be extended further: it already ends at the role's maximum.");
      }
      AccessRecord after;
      try {
        after =
            w.access()
                .extend(
                    r.id(),
                    found.person().id(),
                    by,
                    "extended in Slack: message " + c.message() + " by Slack user " + c.account());
      } catch (StateConflictException e) {
        return tell(c, Outcome.MOVED_ON, r.id().value(), "Nothing to extend: " + Answers.why(e));
      } catch (PolicyViolationException e) {
        return tell(
            c,
            Outcome.REFUSED,
            r.id().value(),
            Answers.why(e)
                + ". Only someone who may approve "
                + r.roleId()
                + " (for example your manager or the application owner) can extend it.");
      } catch (AccessException e) {
        return refused(c, r.id().value(), e);
      }
      return tell(
          c,
          Outcome.EXTENDED,
          r.id().value(),
          r.roleId() + " for " + r.subject() + " now ends at " + after.expiresAt() + ".");
    }
    if (r.state() == RecordState.EXPIRED || r.state() == RecordState.REVOKED) {
      if (c.triggerId() == null) {
        return Answers.ack(
            Outcome.MALFORMED, r.id().value(), "an Extend click without a trigger_id");
      }
      try {
        w.slack()
            .openView(
                c.triggerId(),
                w.modal().view(w.catalog().applicationOf(role).id(), role.id(), null));
      } catch (SlackCalls.SlackCallException e) {
        return Answers.ack(Outcome.SLACK_UNAVAILABLE, r.id().value(), Answers.why(e));
      }
      return Answers.ack(
          Outcome.MODAL_OPENED,
          r.id().value(),
          "access ended; request modal opened for " + r.roleId());
    }
    return tell(
        c, Outcome.MOVED_ON, r.id().value(), "Nothing to extend: the record is " + r.state() + ".");
  }

  /** How far to extend: the role's default (else maximum) duration, capped at now + maximum. */
  private @Nullable Duration extension(Role role, Instant end) {
    Duration step =
        role.expiryPolicy().defaultDuration() != null
            ? role.expiryPolicy().defaultDuration()
            : role.expiryPolicy().maximum() != null
                ? role.expiryPolicy().maximum()
                : Duration.ofDays(1);
    if (role.expiryPolicy().maximum() != null) {
      Duration room =
          Duration.between(end, w.clock().instant().plus(role.expiryPolicy().maximum()));
      if (room.compareTo(step) < 0) {
        step = room;
      }
    }
    return step.isNegative() || step.isZero() ? null : step;
  }

  /** The clicked record and the clicking person. */
  private record Found(AccessRecord record, Person person) {}

  /** The clicked record and the clicking person, or the refusal to answer with. */
  private Object lookup(Click c) {
    AccessRecord record;
    try {
      record = w.access().record(RecordId.of(c.value()));
    } catch (NotFoundException | InvalidRequestException e) {
      return tell(c, Outcome.NOT_FOUND, c.value(), "There is no access record " + c.value() + ".");
    }
    Persons.Found p = Persons.find(w, c.user());
    if (p.person() == null) {
      Outcome o = p.refusal() == null ? Outcome.UNKNOWN_PERSON : p.refusal();
      return tell(c, o, record.id().value(), p.why());
    }
    return new Found(record, p.person());
  }

  private InteractionResult decided(Click c, AccessRecord r, Outcome outcome, String detail) {
    return Answers.ack(outcome, r.id().value(), detail + update(c, r));
  }

  private InteractionResult movedOn(Click c, AccessRecord r, Outcome outcome, String detail) {
    return Answers.ack(outcome, r.id().value(), detail + update(c, r));
  }

  /** Rewrites the clicked message to the record's state; a failure is reported, never thrown. */
  private String update(Click c, AccessRecord r) {
    if (c.channel() == null || c.ts() == null) {
      return "";
    }
    try {
      RecordMessages.Rendered m = w.render(r);
      w.slack().updateMessage(c.channel(), c.ts(), m.text(), m.blocks());
      return "; message updated";
    } catch (SlackCalls.SlackCallException e) {
      return "; message not updated (" + e.error() + "), the decision stands";
    }
  }

  private InteractionResult refused(Click c, String subject, AccessException e) {
    Outcome o =
        e instanceof PolicyViolationException
            ? Outcome.REFUSED
            : e instanceof StateConflictException
                ? Outcome.CONFLICT
                : e instanceof NotFoundException
                    ? Outcome.NOT_FOUND
                    : e instanceof InvalidRequestException
                        ? Outcome.INVALID_REQUEST
                        : Outcome.REFUSED;
    return tell(c, o, subject, "Not done: " + Answers.why(e));
  }

  /** Answers with an ephemeral message to the clicking user; a delivery failure is reported. */
  InteractionResult tell(Click c, Outcome outcome, @Nullable String subject, String text) {
    String delivered = "";
    if (c.channel() != null) {
      try {
        w.slack().ephemeral(c.channel(), c.user(), text);
      } catch (SlackCalls.SlackCallException e) {
        delivered = " (ephemeral not delivered: " + e.error() + ")";
      }
    }
    return Answers.ack(outcome, subject, text + delivered);
  }
}
