package dev.accessgov.slack;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What {@link SlackInteractionHandler#handle} did with one request, and the HTTP answer Slack
 * expects synchronously: {@link #httpStatus()}, {@link #contentType()} and {@link #body()} (empty
 * for a plain acknowledgement; a {@code response_action} JSON object for a modal submission that
 * shows errors or a confirmation; an ephemeral JSON message for a slash command that is refused).
 *
 * @param outcome what happened
 * @param httpStatus the status to answer with
 * @param contentType the body's media type, e.g. {@code application/json}; {@code text/plain} for
 *     an empty body
 * @param body the body to answer with, possibly empty
 * @param subject the record id or review item id concerned, when one was named
 * @param detail a sentence for logs; never holds a token or the signing secret
 */
public record InteractionResult(
    Outcome outcome,
    int httpStatus,
    String contentType,
    String body,
    @Nullable String subject,
    String detail) {

  /** Checks the fields are present. */
  public InteractionResult {
    requireNonNull(outcome, "outcome");
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    requireNonNull(detail, "detail");
  }

  /** Whether the request changed an access record, a review item or a grant request. */
  public boolean changedSomething() {
    return switch (outcome) {
      case REQUESTED, APPROVED, DENIED, REVIEW_KEPT, REVIEW_REVOKED, EXTENDED -> true;
      default -> false;
    };
  }

  /** The outcomes of one request. */
  public enum Outcome {
    /** No signature headers, a signature that does not match, or a stale timestamp (401). */
    UNAUTHORIZED,
    /** A correctly signed request seen before within the five-minute window (401). */
    REPLAYED,
    /** The replay memory is full of requests from the last five minutes; refused (503). */
    BUSY,
    /** Signed, but not a slash command or interaction payload this handler can read (400). */
    MALFORMED,
    /** A payload or action this handler does not act on; acknowledged (200). */
    IGNORED,
    /** A modal was opened: the request modal, or the deny-reason modal. */
    MODAL_OPENED,
    /** The request modal was redrawn after a selection (roles follow the application). */
    MODAL_UPDATED,
    /** A submitted modal had bad input; inline errors are shown and nothing was requested. */
    INVALID_INPUT,
    /** The request modal's submission made (or found, for a repeat) a grant request. */
    REQUESTED,
    /** An Approve click was applied through {@code approve}. */
    APPROVED,
    /** A deny-reason submission was applied through {@code deny}. */
    DENIED,
    /** A Keep click was recorded as a review decision. */
    REVIEW_KEPT,
    /** A Revoke click was recorded as a review decision and executed. */
    REVIEW_REVOKED,
    /** An Extend click moved the end of active access through {@code extend}. */
    EXTENDED,
    /** This very decision (same Slack message, action and user) was applied before: no change. */
    ALREADY_APPLIED,
    /**
     * The record or item had moved on (decided elsewhere, double click); the message now shows its
     * current state and nothing changed.
     */
    MOVED_ON,
    /** The Slack user maps to nobody in the people directory, or shows no e-mail (a bot). */
    UNKNOWN_PERSON,
    /** The Slack user is a person who is not active. */
    INACTIVE_PERSON,
    /**
     * The service refused by policy (self-approval, no authority, SoD, duration); nothing changed.
     */
    REFUSED,
    /** The service refused because of state (the subject already holds or awaits the role). */
    CONFLICT,
    /** The record, item or role named does not exist. */
    NOT_FOUND,
    /** The service refused the input as invalid (e.g. a reason that is not clean text). */
    INVALID_REQUEST,
    /**
     * Slack's Web API could not be asked (who the user is, or to open a modal); nothing changed.
     */
    SLACK_UNAVAILABLE
  }
}
