package dev.accessgov.record;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one record of a grant: who asked for which role for whom and why, where it stands, when it
 * ends, and its timeline of evidence events. Immutable; every change produces a new version through
 * the {@link dev.accessgov.AccessService}. {@link #walkthrough()} answers the audit's five
 * questions from the record alone.
 *
 * <p>Build one with {@link #builder()} or {@link #toBuilder()}, never with the canonical
 * constructor: that is not covered by the compatibility promise, and components may be added in a
 * minor release. The accessors and the builder are.
 *
 * @param id the record's id
 * @param subject who gets the access
 * @param roleId the role granted
 * @param requester who asked (may be the subject)
 * @param reason why, in the requester's words
 * @param state where the record stands
 * @param requestedAt when the request was made
 * @param duration how long the access lasts once active, or null for open-ended access
 * @param activatedAt when every membership was confirmed, or null
 * @param expiresAt when the access ends, or null for open-ended or not yet active access
 * @param reviewDueAt when the access is next reviewed, or null
 * @param endedAt when the record reached a final state, or null
 * @param ticketKey the linked ticket, or null
 * @param idempotencyKey the caller's key that makes a repeated request return this record, or null
 * @param version increases with every change; stores use it for optimistic concurrency
 * @param timeline the record's evidence events in chain order
 */
public record AccessRecord(
    RecordId id,
    PersonId subject,
    RoleId roleId,
    PersonId requester,
    String reason,
    RecordState state,
    Instant requestedAt,
    @Nullable Duration duration,
    @Nullable Instant activatedAt,
    @Nullable Instant expiresAt,
    @Nullable Instant reviewDueAt,
    @Nullable Instant endedAt,
    @Nullable String ticketKey,
    @Nullable String idempotencyKey,
    long version,
    List<EvidenceEvent> timeline) {

  /** Checks required fields and copies the timeline. */
  public AccessRecord {
    requireNonNull(id, "id");
    requireNonNull(subject, "subject");
    requireNonNull(roleId, "roleId");
    requireNonNull(requester, "requester");
    requireNonNull(reason, "reason");
    requireNonNull(state, "state");
    requireNonNull(requestedAt, "requestedAt");
    timeline = List.copyOf(requireNonNull(timeline, "timeline"));
  }

  /**
   * Whether the record was opened for access found in an identity provider that no request through
   * the library explains: its first event is the {@code DRIFT_DETECTED} finding, not a request.
   */
  public boolean discovered() {
    return !timeline.isEmpty() && timeline.get(0).type() == EvidenceType.DRIFT_DETECTED;
  }

  /**
   * The joiner/mover/leaver event this access was requested for, as its first {@code REQUESTED}
   * event names it ({@link dev.accessgov.evidence.EvidenceKeys#LIFECYCLE_EVENT}), or empty.
   */
  public Optional<LifecycleEvent> lifecycleEvent() {
    for (EvidenceEvent e : timeline) {
      if (e.type() == EvidenceType.REQUESTED) {
        String id = e.detailText(EvidenceKeys.LIFECYCLE_EVENT);
        String trigger = e.detailText(EvidenceKeys.LIFECYCLE_TRIGGER);
        if (id == null || trigger == null) {
          return Optional.empty();
        }
        try {
          return Optional.of(
              new LifecycleEvent(LifecycleEventId.of(id), LifecycleTrigger.valueOf(trigger)));
        } catch (IllegalArgumentException written) {
          // Written by a later version with a trigger this one does not know: not this one's to
          // read.
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The answers to the audit's five questions, from this record's own timeline. */
  public Walkthrough walkthrough() {
    return Walkthrough.of(this);
  }

  /** The events of the given type, in order. */
  public List<EvidenceEvent> events(EvidenceType type) {
    return timeline.stream().filter(e -> e.type() == type).toList();
  }

  /** The latest event of the given type, if any. */
  public Optional<EvidenceEvent> lastEvent(EvidenceType type) {
    for (int i = timeline.size() - 1; i >= 0; i--) {
      if (timeline.get(i).type() == type) {
        return Optional.of(timeline.get(i));
      }
    }
    return Optional.empty();
  }

  /** A builder holding this record's values, for producing the next version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder for a new record; {@code id}, subject, role, requester, reason and times are
   * required.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AccessRecord}s; used by the service and by stores reading records back. */
  public static final class Builder {
    private @Nullable RecordId id;
    private @Nullable PersonId subject;
    private @Nullable RoleId roleId;
    private @Nullable PersonId requester;
    private @Nullable String reason;
    private RecordState state = RecordState.PENDING_APPROVAL;
    private @Nullable Instant requestedAt;
    private @Nullable Duration duration;
    private @Nullable Instant activatedAt;
    private @Nullable Instant expiresAt;
    private @Nullable Instant reviewDueAt;
    private @Nullable Instant endedAt;
    private @Nullable String ticketKey;
    private @Nullable String idempotencyKey;
    private long version;
    private List<EvidenceEvent> timeline = new ArrayList<>();

    private Builder() {}

    private Builder(AccessRecord r) {
      id = r.id;
      subject = r.subject;
      roleId = r.roleId;
      requester = r.requester;
      reason = r.reason;
      state = r.state;
      requestedAt = r.requestedAt;
      duration = r.duration;
      activatedAt = r.activatedAt;
      expiresAt = r.expiresAt;
      reviewDueAt = r.reviewDueAt;
      endedAt = r.endedAt;
      ticketKey = r.ticketKey;
      idempotencyKey = r.idempotencyKey;
      version = r.version;
      timeline = new ArrayList<>(r.timeline);
    }

    /** The record id. Required. */
    public Builder id(RecordId id) {
      this.id = id;
      return this;
    }

    /** Who gets the access. Required. */
    public Builder subject(PersonId subject) {
      this.subject = subject;
      return this;
    }

    /** The role granted. Required. */
    public Builder roleId(RoleId roleId) {
      this.roleId = roleId;
      return this;
    }

    /** Who asked. Required. */
    public Builder requester(PersonId requester) {
      this.requester = requester;
      return this;
    }

    /** Why. Required. */
    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    /** The state. Default: {@link RecordState#PENDING_APPROVAL}. */
    public Builder state(RecordState state) {
      this.state = state;
      return this;
    }

    /** When the request was made. Required. */
    public Builder requestedAt(Instant requestedAt) {
      this.requestedAt = requestedAt;
      return this;
    }

    /** How long the access lasts once active. Default: null, open-ended. */
    public Builder duration(@Nullable Duration duration) {
      this.duration = duration;
      return this;
    }

    /** When the access became active. Default: null. */
    public Builder activatedAt(@Nullable Instant activatedAt) {
      this.activatedAt = activatedAt;
      return this;
    }

    /** When the access ends. Default: null. */
    public Builder expiresAt(@Nullable Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** When the access is next reviewed. Default: null. */
    public Builder reviewDueAt(@Nullable Instant reviewDueAt) {
      this.reviewDueAt = reviewDueAt;
      return this;
    }

    /** When the record reached a final state. Default: null. */
    public Builder endedAt(@Nullable Instant endedAt) {
      this.endedAt = endedAt;
      return this;
    }

    /** The linked ticket. Default: null. */
    public Builder ticketKey(@Nullable String ticketKey) {
      this.ticketKey = ticketKey;
      return this;
    }

    /** The caller's idempotency key. Default: null. */
    public Builder idempotencyKey(@Nullable String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** The version. Default: 0. */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /** The timeline, replacing any held. Default: empty. */
    public Builder timeline(List<EvidenceEvent> timeline) {
      this.timeline = new ArrayList<>(timeline);
      return this;
    }

    /** Appends events to the timeline. */
    public Builder appendEvents(List<EvidenceEvent> events) {
      this.timeline.addAll(events);
      return this;
    }

    /** Builds the record; fails with {@link NullPointerException} naming a missing field. */
    public AccessRecord build() {
      return new AccessRecord(
          requireNonNull(id, "id"),
          requireNonNull(subject, "subject"),
          requireNonNull(roleId, "roleId"),
          requireNonNull(requester, "requester"),
          requireNonNull(reason, "reason"),
          state,
          requireNonNull(requestedAt, "requestedAt"),
          duration,
          activatedAt,
          expiresAt,
          reviewDueAt,
          endedAt,
          ticketKey,
          idempotencyKey,
          version,
          timeline);
    }
  }
}
