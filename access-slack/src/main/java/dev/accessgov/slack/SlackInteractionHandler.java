package dev.accessgov.slack;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.slack.InteractionResult.Outcome;
import dev.accessgov.slack.internal.Answers;
import dev.accessgov.slack.internal.Click;
import dev.accessgov.slack.internal.Clicks;
import dev.accessgov.slack.internal.Forms;
import dev.accessgov.slack.internal.Payloads;
import dev.accessgov.slack.internal.RecordMessages;
import dev.accessgov.slack.internal.RequestModal;
import dev.accessgov.slack.internal.ReviewClicks;
import dev.accessgov.slack.internal.SignedRequests;
import dev.accessgov.slack.internal.Wiring;
import java.util.List;
import java.util.Map;

/**
 * Serves the one Slack request URL of the app (slash command, shortcut and interactivity): checks
 * that a request comes from Slack, maps the Slack user to a person, and calls the {@link
 * AccessService}, so that every rule (no self-approval, authority, active people) holds for a click
 * exactly as for a Java call.
 *
 * <p><b>Verification.</b> {@code X-Slack-Signature} is checked by the Slack SDK's verifier (v0
 * HMAC-SHA256 over {@code v0:{timestamp}:{body}} under the signing secret); {@code
 * X-Slack-Request-Timestamp} must be within five minutes of this handler's clock, either way. A
 * request whose signature was accepted before within that window is refused as a replay. A request
 * that fails any check gets 401 and its body is not read.
 *
 * <p><b>Replays across restarts.</b> The replay memory lives in this process. After a restart, or
 * on another instance behind the same URL, a replay within five minutes passes it, but changes
 * nothing: an approval or denial carries its Slack ids as its {@link
 * dev.accessgov.record.DecisionSource} and is applied once; a request carries an idempotency key
 * from the modal's view id and returns the first record; a review item takes one decision only.
 *
 * <p><b>People.</b> A Slack user is the person whose identifiers include the e-mail address {@code
 * users.info} shows for them, resolved by the {@link dev.accessgov.spi.PeopleDirectory}; never a
 * display name. A bot, a user without an e-mail, an address nobody has, or an inactive person is
 * refused with an ephemeral message saying why, and nothing changes.
 *
 * <p><b>What it does.</b> The slash command and the global shortcut ({@code callback_id} {@code
 * access.request}) open the request modal built from the catalog; its submission calls {@code
 * grant} for the user. Approve ({@code access.approve}) calls {@code approve}; Deny ({@code
 * access.deny}) opens a modal that asks for a reason, whose submission calls {@code deny}; the
 * clicked message is then rewritten to the record's state. Keep and Revoke ({@code
 * access.review.keep} / {@code access.review.revoke}) decide a review item. Extend ({@code
 * access.extend}) calls {@code extend} by the role's default duration, which the service allows
 * only to someone who may approve the role (so not the subject, who is told whom to ask); for
 * access that already ended it opens the request modal for the same role. A refusal by the service
 * is answered with a typed {@link InteractionResult} and an ephemeral message, and nothing changes;
 * a button on a record that has moved on (a double click, a decision made elsewhere) rewrites the
 * message to the record's state and changes nothing.
 *
 * <p><b>Slack down.</b> A decision is committed before the message is touched; when Slack cannot be
 * reached afterwards the decision stands and the result says the message was not updated. Nothing
 * here is queued: messages are re-sent by the module's outbox path, and approvals remain possible
 * through the Java API or Jira.
 *
 * <p>Thread-safe. Slack expects an answer within three seconds; the handler calls the service and
 * at most two Web API methods before it returns.
 */
public final class SlackInteractionHandler {
  private final SignedRequests signed;
  private final Forms forms;
  private final Clicks clicks;
  private final ReviewClicks reviews;

  SlackInteractionHandler(SignedRequests signed, Wiring wiring) {
    this.signed = signed;
    this.forms = new Forms(wiring);
    this.clicks = new Clicks(wiring);
    this.reviews = new ReviewClicks(wiring, clicks);
  }

  /**
   * A builder; see {@link SlackInteractionHandlerBuilder} for what is required and the defaults.
   */
  public static SlackInteractionHandlerBuilder builder() {
    return new SlackInteractionHandlerBuilder();
  }

  /**
   * Handles one request to the app's request URL. Never throws for what Slack sent or for Slack
   * being unavailable; answer with the result's status, content type and body.
   *
   * @param headers the request headers (names in any case)
   * @param rawBody the body exactly as received; the signature covers these bytes
   */
  public InteractionResult handle(Map<String, List<String>> headers, byte[] rawBody) {
    requireNonNull(headers, "headers");
    requireNonNull(rawBody, "rawBody");
    SignedRequests.Check check = signed.check(headers, rawBody);
    if (check instanceof SignedRequests.Check.Refused r) {
      return Answers.status(Outcome.UNAUTHORIZED, 401, r.why());
    }
    if (check instanceof SignedRequests.Check.Replayed r) {
      return Answers.status(Outcome.REPLAYED, 401, r.why());
    }
    if (check instanceof SignedRequests.Check.Busy r) {
      return Answers.status(Outcome.BUSY, 503, r.why());
    }
    String body = ((SignedRequests.Check.Accepted) check).body();
    Payloads.Interaction interaction = Payloads.parse(body);
    if (interaction == null) {
      return Answers.status(
          Outcome.MALFORMED, 400, "not a slash command or an interaction payload");
    }
    if (interaction instanceof Payloads.Command c) {
      return forms.command(c.payload());
    }
    if (interaction instanceof Payloads.Shortcut s) {
      return forms.shortcut(s.payload());
    }
    if (interaction instanceof Payloads.Submission s) {
      return forms.submit(s.payload());
    }
    if (interaction instanceof Payloads.Actions a) {
      return actions(a);
    }
    return Answers.ack(
        Outcome.IGNORED, null, "payload type " + ((Payloads.Other) interaction).type());
  }

  private InteractionResult actions(Payloads.Actions a) {
    Click click = Click.of(a.payload());
    if (click == null) {
      return Answers.status(Outcome.MALFORMED, 400, "a block action without action, user or team");
    }
    return switch (click.actionId()) {
      case RequestModal.APP_ACTION, RequestModal.ROLE_ACTION -> forms.select(a.payload());
      case RecordMessages.APPROVE -> clicks.approve(click);
      case RecordMessages.DENY -> clicks.deny(click);
      case ReviewClicks.KEEP, ReviewClicks.REVOKE -> reviews.decide(click);
      case "access.extend" -> clicks.extend(click);
      default -> Answers.ack(Outcome.IGNORED, null, "action " + click.actionId() + " is not ours");
    };
  }
}
