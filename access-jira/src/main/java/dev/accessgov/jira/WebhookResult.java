package dev.accessgov.jira;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;
import org.jspecify.annotations.Nullable;

/**
 * What {@link JiraWebhookHandler#handle} did with one delivery, and the HTTP status to answer Jira
 * with ({@link #httpStatus()}).
 *
 * @param outcome what happened
 * @param recordId the access record concerned, when one was found
 * @param detail a sentence for logs; never holds the secret
 */
public record WebhookResult(Outcome outcome, @Nullable RecordId recordId, String detail) {

  /** Checks the fields are present. */
  public WebhookResult {
    requireNonNull(outcome, "outcome");
    requireNonNull(detail, "detail");
  }

  /** The HTTP status to answer with: 401, 400, 503 (Jira may redeliver) or 200. */
  public int httpStatus() {
    return switch (outcome) {
      case UNAUTHORIZED -> 401;
      case MALFORMED -> 400;
      case UNAVAILABLE -> 503;
      default -> 200;
    };
  }

  /** The outcomes of a delivery. */
  public enum Outcome {
    /** At least one JSM approval decision was applied through {@code approve} / {@code deny}. */
    APPLIED,
    /**
     * A request raised with a configured JSM request type became a record linked to its issue (or,
     * delivered again, returned the record it made the first time).
     */
    REQUESTED,
    /**
     * A request raised with a configured JSM request type was refused (unknown role, separation of
     * duties, duration, reporter not in the directory, ...): the issue gets a comment saying why
     * and moves to the declined status; nothing was granted.
     */
    DECLINED,
    /** A delivery with this {@code X-Atlassian-Webhook-Identifier} was handled before. */
    DUPLICATE,
    /** Nothing to do: not an issue event, the record is not pending, or decisions were applied. */
    IGNORED,
    /** The issue is not one of ours: no record property, or no such record or issue. */
    UNKNOWN_ISSUE,
    /** The status moved (e.g. to Approved) with no JSM approval behind it: nothing approved. */
    NOT_APPROVED,
    /** The approval policy refused the Jira approver (e.g. the requester); nothing changed. */
    REFUSED,
    /** The signature was missing or wrong; the payload was not read. */
    UNAUTHORIZED,
    /** The body is not the JSON of a Jira webhook. */
    MALFORMED,
    /** Jira could not be asked for the approvals; answering 503 lets Jira deliver again. */
    UNAVAILABLE
  }
}
