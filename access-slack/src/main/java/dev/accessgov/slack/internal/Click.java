package dev.accessgov.slack.internal;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.model.block.LayoutBlock;
import dev.accessgov.record.DecisionSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One button click on a message, with the Slack ids that say where it happened.
 *
 * @param actionId the button's action id
 * @param value the button's value (a record id or a review item id)
 * @param team the Slack team (workspace) id
 * @param user the Slack user id of who clicked
 * @param channel the channel of the clicked message, or null when the click was not in a message
 * @param ts the clicked message's ts, or null
 * @param actionTs when Slack saw the click
 * @param triggerId lets a modal be opened in answer
 * @param blocks the clicked message's blocks as Slack sent them
 */
public record Click(
    String actionId,
    String value,
    String team,
    String user,
    @Nullable String channel,
    @Nullable String ts,
    String actionTs,
    @Nullable String triggerId,
    List<LayoutBlock> blocks) {

  /** Reads the first action of a block-action payload; null when it has none. */
  public static @Nullable Click of(BlockActionPayload p) {
    if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null) {
      return null;
    }
    BlockActionPayload.Action a = p.getActions().get(0);
    String team =
        p.getTeam() != null && p.getTeam().getId() != null
            ? p.getTeam().getId()
            : p.getUser().getTeamId();
    String channel =
        p.getChannel() != null
            ? p.getChannel().getId()
            : p.getContainer() == null ? null : p.getContainer().getChannelId();
    String ts =
        p.getContainer() != null && p.getContainer().getMessageTs() != null
            ? p.getContainer().getMessageTs()
            : p.getMessage() == null ? null : p.getMessage().getTs();
    List<LayoutBlock> blocks =
        p.getMessage() == null || p.getMessage().getBlocks() == null
            ? List.of()
            : p.getMessage().getBlocks();
    if (a.getActionId() == null || p.getUser().getId() == null || team == null) {
      return null;
    }
    return new Click(
        a.getActionId(),
        a.getValue() == null ? "" : a.getValue(),
        team,
        p.getUser().getId(),
        channel,
        ts,
        a.getActionTs() == null ? "" : a.getActionTs(),
        p.getTriggerId(),
        blocks);
  }

  /** The message, as {@code team/channel/ts}: how evidence and comments name it. */
  public String message() {
    return team + "/" + channel + "/" + ts;
  }

  /** The Slack account, as {@code team:user}. */
  public String account() {
    return team + ":" + user;
  }

  /**
   * This click as the source of a decision: system {@code slack}, decision {@code
   * team/channel/ts/action_ts}, account {@code team:user}. A replay of the same payload names the
   * same source, so the service applies it once.
   */
  public DecisionSource source() {
    return new DecisionSource("slack", message() + "/" + actionTs, account());
  }
}
