package dev.accessgov;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request for access: who gets which role, who asks and why, and optionally for how long.
 *
 * @param subject who gets the access
 * @param role the role
 * @param requester who asks (may be the subject)
 * @param reason why; shown to approvers and kept as evidence
 * @param duration how long the access should last once active, or null for the role's default
 * @param ticketKey an existing ticket to link instead of opening one, or null
 * @param idempotencyKey makes a repeated request return the first record instead of a new one, or
 *     null
 * @param lifecycleEvent the joiner/mover/leaver event this grant is made for, or null; its id and
 *     trigger are written in the record's {@code REQUESTED} evidence (see {@link
 *     AccessRecord#lifecycleEvent()}). It labels the grant and changes no check or approval.
 */
public record GrantRequest(
    PersonId subject,
    RoleId role,
    PersonId requester,
    String reason,
    @Nullable Duration duration,
    @Nullable String ticketKey,
    @Nullable String idempotencyKey,
    @Nullable LifecycleEvent lifecycleEvent) {

  /** Checks required fields; the service checks the rest against the catalog and policies. */
  public GrantRequest {
    requireNonNull(subject, "subject");
    requireNonNull(role, "role");
    requireNonNull(requester, "requester");
    requireNonNull(reason, "reason");
    if (ticketKey != null) {
      InputLimits.id(ticketKey, "a ticket key");
    }
    if (idempotencyKey != null) {
      InputLimits.id(idempotencyKey, "an idempotency key");
    }
  }

  /** A request made for no lifecycle event. */
  public GrantRequest(
      PersonId subject,
      RoleId role,
      PersonId requester,
      String reason,
      @Nullable Duration duration,
      @Nullable String ticketKey,
      @Nullable String idempotencyKey) {
    this(subject, role, requester, reason, duration, ticketKey, idempotencyKey, null);
  }

  /** This request, made for {@code event} (null: for none). */
  public GrantRequest withLifecycleEvent(@Nullable LifecycleEvent event) {
    return new GrantRequest(
        subject, role, requester, reason, duration, ticketKey, idempotencyKey, event);
  }

  /** The lifecycle event this grant is made for, if any. */
  public Optional<LifecycleEvent> lifecycle() {
    return Optional.ofNullable(lifecycleEvent);
  }

  /** The requested duration, if any. */
  public Optional<Duration> requestedDuration() {
    return Optional.ofNullable(duration);
  }

  /** A builder; subject, role, requester and reason are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GrantRequest}. */
  public static final class Builder {
    private @Nullable PersonId subject;
    private @Nullable RoleId role;
    private @Nullable PersonId requester;
    private @Nullable String reason;
    private @Nullable Duration duration;
    private @Nullable String ticketKey;
    private @Nullable String idempotencyKey;
    private @Nullable LifecycleEvent lifecycleEvent;

    private Builder() {}

    /** Who gets the access. Required. */
    public Builder subject(String subject) {
      this.subject = PersonId.of(subject);
      return this;
    }

    /** The role. Required. */
    public Builder role(String role) {
      this.role = RoleId.of(role);
      return this;
    }

    /** Who asks. Required. */
    public Builder requester(String requester) {
      this.requester = PersonId.of(requester);
      return this;
    }

    /** Why. Required, not blank. */
    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    /** How long. Default: the role's default duration, or open-ended where allowed. */
    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    /** An existing ticket to link. Default: none; a ticketing provider opens one. */
    public Builder ticketKey(String ticketKey) {
      this.ticketKey = ticketKey;
      return this;
    }

    /** A caller-chosen key that makes retries of this request safe. Default: none. */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** The joiner/mover/leaver event the grant is made for. Default: none. */
    public Builder lifecycleEvent(LifecycleEvent lifecycleEvent) {
      this.lifecycleEvent = requireNonNull(lifecycleEvent, "lifecycleEvent");
      return this;
    }

    /** Builds the request; fails with {@link NullPointerException} naming a missing field. */
    public GrantRequest build() {
      return new GrantRequest(
          requireNonNull(subject, "subject"),
          requireNonNull(role, "role"),
          requireNonNull(requester, "requester"),
          requireNonNull(reason, "reason"),
          duration,
          ticketKey,
          idempotencyKey,
          lifecycleEvent);
    }
  }
}
