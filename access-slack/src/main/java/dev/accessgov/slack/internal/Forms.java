package dev.accessgov.slack.internal;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.GlobalShortcutPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewTitle;
import dev.accessgov.AccessException;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.slack.InteractionResult;
import dev.accessgov.slack.InteractionResult.Outcome;
import java.util.List;
import java.util.Map;

/**
 * The request path and the deny-reason modal: the slash command and the global shortcut open the
 * request modal, selections redraw it, its submission calls {@code grant} for the Slack user; the
 * deny-reason submission calls {@code deny}. Not API.
 */
public final class Forms {
  /** The global shortcut's callback id. */
  public static final String SHORTCUT = "access.request";

  private final Wiring w;

  /** Forms handled with {@code w}. */
  public Forms(Wiring w) {
    this.w = w;
  }

  /**
   * A slash command: the request modal for a known, active person, or an ephemeral reply saying why
   * not (answered in the HTTP response, so it needs no Web API call).
   */
  public InteractionResult command(SlashCommandPayload p) {
    if (p.getUserId() == null || p.getTriggerId() == null) {
      return Answers.status(
          Outcome.MALFORMED, 400, "a slash command without user_id or trigger_id");
    }
    Persons.Found found = Persons.find(w, p.getUserId());
    if (found.refusal() != null) {
      return Answers.ephemeral(found.refusal(), null, found.why(), found.why());
    }
    try {
      w.slack().openView(p.getTriggerId(), w.modal().view(null, null, null));
    } catch (SlackCalls.SlackCallException e) {
      String why = "The request form could not be opened (" + e.error() + "); try again.";
      return Answers.ephemeral(Outcome.SLACK_UNAVAILABLE, null, why, Answers.why(e));
    }
    return Answers.ack(Outcome.MODAL_OPENED, null, "request modal opened by " + p.getCommand());
  }

  /** The global shortcut: the request modal, or a small modal saying why not. */
  public InteractionResult shortcut(GlobalShortcutPayload p) {
    if (!SHORTCUT.equals(p.getCallbackId())) {
      return Answers.ack(Outcome.IGNORED, null, "shortcut " + p.getCallbackId() + " is not ours");
    }
    if (p.getUser() == null || p.getTriggerId() == null) {
      return Answers.status(Outcome.MALFORMED, 400, "a shortcut without user or trigger_id");
    }
    Persons.Found found = Persons.find(w, p.getUser().getId());
    try {
      if (found.refusal() != null) {
        w.slack().openView(p.getTriggerId(), notice(found.why()));
        return Answers.ack(found.refusal(), null, found.why());
      }
      w.slack().openView(p.getTriggerId(), w.modal().view(null, null, null));
    } catch (SlackCalls.SlackCallException e) {
      return Answers.ack(Outcome.SLACK_UNAVAILABLE, null, Answers.why(e));
    }
    return Answers.ack(Outcome.MODAL_OPENED, null, "request modal opened by the shortcut");
  }

  /** A selection inside the request modal: redraw it so roles and durations follow. */
  public InteractionResult select(BlockActionPayload p) {
    View view = p.getView();
    if (view == null || view.getId() == null) {
      return Answers.ack(Outcome.IGNORED, null, "a modal selection without its view");
    }
    try {
      w.slack().updateView(view.getId(), view.getHash(), w.modal().refreshed(view.getState()));
    } catch (SlackCalls.SlackCallException e) {
      return Answers.ack(Outcome.SLACK_UNAVAILABLE, null, Answers.why(e));
    }
    return Answers.ack(Outcome.MODAL_UPDATED, null, "request modal redrawn");
  }

  /** A modal's submission: the request modal or the deny-reason modal. */
  public InteractionResult submit(ViewSubmissionPayload p) {
    View view = p.getView();
    if (view == null || p.getUser() == null || p.getUser().getId() == null) {
      return Answers.status(Outcome.MALFORMED, 400, "a view submission without view or user");
    }
    if (RequestModal.CALLBACK_ID.equals(view.getCallbackId())) {
      return request(p, view);
    }
    if (DenyModal.CALLBACK_ID.equals(view.getCallbackId())) {
      return denyReason(p, view);
    }
    return Answers.ack(Outcome.IGNORED, null, "view " + view.getCallbackId() + " is not ours");
  }

  private InteractionResult request(ViewSubmissionPayload p, View view) {
    RequestModal.Reading reading = w.modal().read(view.getState());
    if (reading instanceof RequestModal.Errors errors) {
      return Answers.errors(
          Outcome.INVALID_INPUT, null, errors.byBlock(), "request modal: " + errors.byBlock());
    }
    RequestModal.Draft draft = (RequestModal.Draft) reading;
    Persons.Found found = Persons.find(w, p.getUser().getId());
    if (found.refusal() != null || found.person() == null) {
      return Answers.errors(
          found.refusal() == null ? Outcome.UNKNOWN_PERSON : found.refusal(),
          null,
          Map.of("reason", found.why()),
          found.why());
    }
    String team = team(p);
    GrantRequest.Builder request =
        GrantRequest.builder()
            .subject(found.person().id().value())
            .requester(found.person().id().value())
            .role(draft.role().value())
            .reason(draft.reason())
            // One modal, one request: a double submit or a replay returns the first record.
            .idempotencyKey("slack:" + team + ":" + view.getId());
    if (draft.duration() != null) {
      request.duration(draft.duration());
    }
    AccessRecord r;
    try {
      r = w.access().grant(request.build());
    } catch (AccessException e) {
      Outcome o =
          e instanceof PolicyViolationException
              ? Outcome.REFUSED
              : e instanceof StateConflictException
                  ? Outcome.CONFLICT
                  : e instanceof NotFoundException ? Outcome.NOT_FOUND : Outcome.INVALID_REQUEST;
      String block =
          Answers.why(e) != null && Answers.why(e).contains("duration")
              ? RequestModal.durationBlock(draft.role())
              : roleBlockOf(draft);
      return Answers.errors(
          o, null, Map.of(block, clip(Answers.why(e))), "grant refused: " + Answers.why(e));
    }
    return Answers.update(
        Outcome.REQUESTED,
        r.id().value(),
        notice(
            "Request *"
                + Mrkdwn.escape(r.id().value())
                + "* for *"
                + Mrkdwn.escape(r.roleId().value())
                + "* is "
                + (r.state() == RecordState.PENDING_APPROVAL
                    ? "waiting for approval."
                    : r.state().toString().toLowerCase(java.util.Locale.ROOT) + ".")),
        "requested " + r.roleId() + " for " + r.subject() + "; record is " + r.state());
  }

  private String roleBlockOf(RequestModal.Draft draft) {
    return w.catalog()
        .role(draft.role())
        .map(role -> RequestModal.roleBlock(w.catalog().applicationOf(role).id()))
        .orElse("app");
  }

  private InteractionResult denyReason(ViewSubmissionPayload p, View view) {
    DenyModal.Origin origin = DenyModal.origin(view.getPrivateMetadata());
    if (origin == null) {
      return Answers.status(Outcome.MALFORMED, 400, "a deny-reason modal without its metadata");
    }
    String reason = DenyModal.reason(view.getState());
    if (reason == null || reason.isBlank()) {
      return Answers.errors(
          Outcome.INVALID_INPUT,
          origin.record(),
          Map.of(DenyModal.REASON_BLOCK, "Say why."),
          "no reason");
    }
    Persons.Found found = Persons.find(w, p.getUser().getId());
    if (found.refusal() != null || found.person() == null) {
      return Answers.errors(
          found.refusal() == null ? Outcome.UNKNOWN_PERSON : found.refusal(),
          origin.record(),
          Map.of(DenyModal.REASON_BLOCK, found.why()),
          found.why());
    }
    String team = team(p);
    String user = p.getUser().getId();
    String message = team + "/" + origin.channel() + "/" + origin.ts();
    DecisionSource source =
        new DecisionSource("slack", message + "/" + view.getId(), team + ":" + user);
    Click click =
        new Click(
            RecordMessages.DENY,
            origin.record(),
            team,
            user,
            origin.channel(),
            origin.ts(),
            view.getId(),
            null,
            List.of());
    RecordId id;
    AccessRecord after;
    try {
      id = RecordId.of(origin.record());
      AccessRecord before = w.access().record(id);
      if (before.events(EvidenceType.DENIED).stream().anyMatch(source::wrote)) {
        return Answers.ack(
            Outcome.ALREADY_APPLIED,
            origin.record(),
            "this denial was applied before" + rewrite(click, before));
      }
      after =
          w.access()
              .deny(
                  id,
                  found.person().id(),
                  reason.strip()
                      + " (denied in Slack: message "
                      + message
                      + " by Slack user "
                      + team
                      + ":"
                      + user
                      + ")",
                  source);
    } catch (StateConflictException e) {
      AccessRecord now = w.access().record(RecordId.of(origin.record()));
      new Clicks(w)
          .tell(
              click,
              Outcome.MOVED_ON,
              origin.record(),
              "Nothing to deny: the request is already " + now.state() + ".");
      return Answers.ack(Outcome.MOVED_ON, origin.record(), Answers.why(e) + rewrite(click, now));
    } catch (InvalidRequestException e) {
      return Answers.errors(
          Outcome.INVALID_REQUEST,
          origin.record(),
          Map.of(DenyModal.REASON_BLOCK, clip(Answers.why(e))),
          Answers.why(e));
    } catch (AccessException e) {
      Outcome o = e instanceof NotFoundException ? Outcome.NOT_FOUND : Outcome.REFUSED;
      return Answers.errors(
          o,
          origin.record(),
          Map.of(DenyModal.REASON_BLOCK, clip("Not done: " + Answers.why(e))),
          Answers.why(e));
    }
    return Answers.ack(
        Outcome.DENIED,
        origin.record(),
        "denied by " + found.person().id() + rewrite(click, after));
  }

  private String rewrite(Click c, AccessRecord r) {
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

  private static String team(ViewSubmissionPayload p) {
    if (p.getTeam() != null && p.getTeam().getId() != null) {
      return p.getTeam().getId();
    }
    return p.getUser().getTeamId() == null ? "unknown-team" : p.getUser().getTeamId();
  }

  /** A modal with one paragraph and a Close button. */
  static View notice(String text) {
    return View.builder()
        .type("modal")
        .title(ViewTitle.builder().type("plain_text").text("Access").build())
        .close(ViewClose.builder().type("plain_text").text("Close").build())
        .blocks(
            List.of(
                SectionBlock.builder()
                    .text(MarkdownTextObject.builder().text(text).build())
                    .build()))
        .build();
  }

  private static String clip(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
  }
}
