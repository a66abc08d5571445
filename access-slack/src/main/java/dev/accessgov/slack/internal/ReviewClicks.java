package dev.accessgov.slack.internal;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.accessgov.AccessException;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.slack.InteractionResult;
import dev.accessgov.slack.InteractionResult.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Keep and Revoke clicks on a review reminder ({@code access.review.keep} / {@code
 * access.review.revoke}, value = the review item id): recorded through {@code reviews().decide},
 * which checks that the clicking person is the item's reviewer and active. A reminder may list
 * several items, so only the clicked item's buttons are replaced (by who decided what, when); the
 * rest of the message stays as it was. Not API.
 */
public final class ReviewClicks {
  /** Keep's action id. */
  public static final String KEEP = "access.review.keep";

  /** Revoke's action id. */
  public static final String REVOKE = "access.review.revoke";

  private final Wiring w;
  private final Clicks clicks;

  /** Review clicks handled with {@code w}; refusals are told through {@code clicks}. */
  public ReviewClicks(Wiring w, Clicks clicks) {
    this.w = w;
    this.clicks = clicks;
  }

  /** Keep or Revoke, as {@code c.actionId()} says. */
  public InteractionResult decide(Click c) {
    Verdict verdict = KEEP.equals(c.actionId()) ? Verdict.KEEP : Verdict.REVOKE;
    ItemId id;
    ReviewItem item;
    try {
      id = ItemId.of(c.value());
      item = w.access().reviews().item(id);
    } catch (NotFoundException | InvalidRequestException e) {
      return clicks.tell(
          c, Outcome.NOT_FOUND, c.value(), "There is no review item " + c.value() + ".");
    }
    Persons.Found p = Persons.find(w, c.user());
    if (p.refusal() != null || p.person() == null) {
      return clicks.tell(
          c, p.refusal() == null ? Outcome.UNKNOWN_PERSON : p.refusal(), id.value(), p.why());
    }
    if (item.isDecided()) {
      return Answers.ack(Outcome.MOVED_ON, id.value(), "item already decided" + update(c, item));
    }
    if (verdict == Verdict.KEEP
        && item.unmanaged()
        && w.access().reviews().campaign(id.campaign()).spec().explicitDecisionOnUnmanaged()) {
      // A click carries no reason of the reviewer's own, which such a keep needs.
      return clicks.tell(
          c,
          Outcome.REFUSED,
          id.value(),
          "Not done: "
              + item.subject()
              + " is an account outside the organisation's verified domains, and this campaign"
              + " needs your own reason to keep it. Keep it in the review tool with that reason,"
              + " or Revoke it here.");
    }
    ReviewItem after;
    try {
      after =
          w.access()
              .reviews()
              .decide(
                  id,
                  p.person().id(),
                  verdict,
                  (verdict == Verdict.KEEP ? "kept" : "revoked")
                      + " in Slack: message "
                      + c.message()
                      + " by Slack user "
                      + c.account());
    } catch (StateConflictException e) {
      return Answers.ack(
          Outcome.MOVED_ON, id.value(), e.getMessage() + update(c, w.access().reviews().item(id)));
    } catch (PolicyViolationException e) {
      return clicks.tell(c, Outcome.REFUSED, id.value(), "Not done: " + e.getMessage());
    } catch (AccessException e) {
      return clicks.tell(c, Outcome.INVALID_REQUEST, id.value(), "Not done: " + e.getMessage());
    }
    return Answers.ack(
        verdict == Verdict.KEEP ? Outcome.REVIEW_KEPT : Outcome.REVIEW_REVOKED,
        id.value(),
        verdict + " by " + p.person().id() + update(c, after));
  }

  /** Replaces the clicked item's buttons in the message by its decision. */
  private String update(Click c, ReviewItem item) {
    if (c.channel() == null || c.ts() == null || c.blocks().isEmpty()) {
      return "";
    }
    List<LayoutBlock> blocks = new ArrayList<>();
    for (LayoutBlock b : c.blocks()) {
      blocks.add(holds(b, item.id().value()) ? decided(item) : b);
    }
    try {
      w.slack()
          .updateMessage(
              c.channel(), c.ts(), "Access review: " + item.id() + " " + outcome(item), blocks);
      return "; message updated";
    } catch (SlackCalls.SlackCallException e) {
      return "; message not updated (" + e.error() + "), the decision stands";
    }
  }

  private static boolean holds(LayoutBlock b, String itemId) {
    if (!(b instanceof ActionsBlock a) || a.getElements() == null) {
      return false;
    }
    for (BlockElement e : a.getElements()) {
      if (e instanceof ButtonElement button
          && itemId.equals(button.getValue())
          && (KEEP.equals(button.getActionId()) || REVOKE.equals(button.getActionId()))) {
        return true;
      }
    }
    return false;
  }

  private static LayoutBlock decided(ReviewItem item) {
    return ContextBlock.builder()
        .elements(
            List.of(
                MarkdownTextObject.builder()
                    .text(
                        Mrkdwn.escape(
                            item.subject() + " — " + item.roleId() + ": " + outcome(item)))
                    .build()))
        .build();
  }

  private static String outcome(ReviewItem item) {
    ReviewDecision d = item.decision();
    if (d == null) {
      return "undecided";
    }
    return (d.verdict() == Verdict.KEEP ? "kept" : "revoked")
        + " by "
        + d.actor()
        + " at "
        + d.at();
  }
}
