package dev.accessgov.internal;

import static dev.accessgov.evidence.EvidenceKeys.*;

import dev.accessgov.ProviderException;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.TicketRef;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the evidence drafts the service writes, so every event of a type carries the same details.
 * Not API.
 */
final class Drafts {
  static final String POLICY_ACTOR = "system:policy";
  static final String EXPIRY_ACTOR = "system:expiry";
  static final String RECOVERY_ACTOR = "system:recovery";
  static final String PROVISIONER_ACTOR = "system:provisioner";

  private Drafts() {}

  static EvidenceDraft requested(AccessRecord r, Instant at, @Nullable String sodRule) {
    return requested(r, at, sodRule, null, null);
  }

  /**
   * A request made for a lifecycle event (or none), naming the event's id and trigger, and for a
   * birthright grant the rules that give the role and the approval it needs.
   */
  static EvidenceDraft requested(
      AccessRecord r,
      Instant at,
      @Nullable String sodRule,
      @Nullable LifecycleEvent lifecycle,
      GrantIntake.@Nullable Birthright birthright) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(SUBJECT, r.subject().value());
    d.put(ROLE, r.roleId().value());
    d.put(REASON, r.reason());
    d.put(DURATION, r.duration() == null ? null : r.duration().toString());
    if (r.ticketKey() != null) {
      d.put(TICKET, r.ticketKey());
    }
    if (sodRule != null) {
      d.put(SOD_RULE, sodRule);
    }
    putLifecycle(d, lifecycle);
    if (birthright != null) {
      d.put(BIRTHRIGHT, String.join(",", birthright.rules()));
      d.put(BIRTHRIGHT_APPROVAL, birthright.approval().key());
    }
    return draft(r, EvidenceType.REQUESTED, r.requester().asActor().toString(), at, d);
  }

  static EvidenceDraft approved(
      AccessRecord r,
      String actor,
      ApprovalStep step,
      int index,
      @Nullable String comment,
      @Nullable DecisionSource source,
      Instant at) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(STEP, step.label());
    d.put(STEP_INDEX, (long) index);
    if (comment != null && !comment.isBlank()) {
      d.put(REASON, comment);
    }
    putSource(d, source);
    return draft(r, EvidenceType.APPROVED, actor, at, d);
  }

  /** A refusal of the pending step, with where it was made when it was made elsewhere. */
  static EvidenceDraft denied(
      AccessRecord r, String actor, String reason, @Nullable DecisionSource source, Instant at) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(REASON, reason);
    putSource(d, source);
    return draft(r, EvidenceType.DENIED, actor, at, d);
  }

  static void putLifecycle(Map<String, @Nullable Object> d, @Nullable LifecycleEvent lifecycle) {
    if (lifecycle != null) {
      d.put(LIFECYCLE_EVENT, lifecycle.id().value());
      d.put(LIFECYCLE_TRIGGER, lifecycle.trigger().name());
    }
  }

  private static void putSource(Map<String, @Nullable Object> d, @Nullable DecisionSource source) {
    if (source != null) {
      d.put(SOURCE, source.system());
      d.put(SOURCE_DECISION, source.decisionId());
      d.put(SOURCE_ACCOUNT, source.account());
    }
  }

  static EvidenceDraft withReason(
      AccessRecord r, EvidenceType type, String actor, String reason, Instant at) {
    return draft(r, type, actor, at, Map.of(REASON, reason));
  }

  /**
   * A removal or withdrawal because the person left: the reason, flagged as offboarding, and the
   * offboarding event it was made for.
   */
  static EvidenceDraft offboarded(
      AccessRecord r,
      EvidenceType type,
      String actor,
      String reason,
      LifecycleEvent event,
      Instant at) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(REASON, reason);
    d.put(OFFBOARDING, true);
    putLifecycle(d, event);
    return draft(r, type, actor, at, d);
  }

  static EvidenceDraft expired(AccessRecord r, Instant at) {
    return draft(
        r,
        EvidenceType.EXPIRED,
        EXPIRY_ACTOR,
        at,
        Map.of(REASON, "time-bound access ended", EXPIRES_AT, String.valueOf(r.expiresAt())));
  }

  static EvidenceDraft extended(
      AccessRecord r, String actor, String reason, Instant newEnd, Instant at) {
    return draft(
        r,
        EvidenceType.EXTENDED,
        actor,
        at,
        Map.of(
            REASON,
            reason,
            EXPIRES_AT,
            newEnd.toString(),
            PREVIOUS_EXPIRES_AT,
            String.valueOf(r.expiresAt())));
  }

  static EvidenceDraft membership(
      AccessRecord r, EvidenceType type, GroupRef group, MembershipChange change) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(PROVIDER, group.providerId());
    d.put(GROUP, group.groupId());
    d.put(IDP_USER, change.userId());
    d.put(OUTCOME, change.outcome().name());
    d.put(STATUS, (long) change.receipt().status());
    d.put(REQUEST_ID, change.receipt().requestId());
    d.put(ANSWERED_AT, change.receipt().answeredAt().toString());
    return draft(r, type, PROVISIONER_ACTOR, change.receipt().answeredAt(), d);
  }

  static EvidenceDraft failed(
      AccessRecord r, EvidenceType type, GroupRef group, ProviderException e, Instant at) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(PROVIDER, group.providerId());
    d.put(GROUP, group.groupId());
    d.put(STATUS, (long) e.status());
    d.put(REQUEST_ID, e.requestId());
    d.put(ERROR, e.getMessage());
    d.put(RETRYABLE, e.retryable());
    d.put(ANSWERED_AT, at.toString());
    return draft(r, type, PROVISIONER_ACTOR, at, d);
  }

  static EvidenceDraft ticketLinked(
      AccessRecord r, String providerId, TicketRef ticket, Instant at) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    d.put(TICKET, ticket.key());
    if (ticket.provisional()) {
      d.put(PROVISIONAL, true);
    }
    r.lastEvent(EvidenceType.TICKET_LINKED)
        .ifPresent(
            first -> {
              // Linked before under a placeholder: note how long the real ticket took.
              d.put(PREVIOUS_TICKET, first.detailText(TICKET));
              d.put(DELAYED_BY, Duration.between(first.time(), at).toString());
            });
    return draft(r, EvidenceType.TICKET_LINKED, "system:" + providerId, at, d);
  }

  /**
   * Recovery took over {@code r} from the owner of {@code lapsed}, whose lease had lapsed (null:
   * the record had no lease).
   */
  static EvidenceDraft recovered(
      AccessRecord r, Instant at, dev.accessgov.spi.RecordLeases.@Nullable Lease lapsed) {
    Map<String, @Nullable Object> d = new LinkedHashMap<>();
    if (lapsed != null && lapsed.ownerEnded()) {
      d.put(REASON, "resumed work left " + r.state() + " by a process that had ended");
      d.put(LAPSED_OWNER, lapsed.owner());
    } else {
      d.put(REASON, "resumed work left " + r.state());
      if (lapsed != null) {
        d.put(LAPSED_OWNER, lapsed.owner());
        d.put(LAPSED_AT, lapsed.until().toString());
      }
    }
    return draft(r, EvidenceType.RECOVERED, RECOVERY_ACTOR, at, d);
  }

  private static EvidenceDraft draft(
      AccessRecord r,
      EvidenceType type,
      String actor,
      Instant at,
      Map<String, ? extends @Nullable Object> d) {
    return EvidenceDraft.of(r.id().value(), type, actor, at, d);
  }
}
