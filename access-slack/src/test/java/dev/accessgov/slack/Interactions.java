package dev.accessgov.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Requests as Slack sends them to the request URL, signed with a secret on a clock: a slash
 * command's form fields, and the {@code payload=} JSON of shortcuts, block actions and view
 * submissions, shaped as in Slack's interaction payload reference.
 */
public final class Interactions {
  static final ObjectMapper JSON = new ObjectMapper();
  public static final String TEAM = "T0ACME";

  private final String secret;
  private final Clock clock;

  public Interactions(String secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
  }

  /** A signed request: headers and body. */
  public record Signed(Map<String, List<String>> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public Signed sign(String body) {
    String ts = Long.toString(clock.instant().getEpochSecond());
    String sig = new SlackSignature.Generator(secret).generate(ts, body);
    return new Signed(
        Map.of(
            "X-Slack-Request-Timestamp", List.of(ts),
            "X-Slack-Signature", List.of(sig),
            "Content-Type", List.of("application/x-www-form-urlencoded")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public Signed command(String user, String triggerId) {
    return sign(
        "token=legacy&team_id="
            + TEAM
            + "&team_domain=acme&channel_id=C0GENERAL&channel_name=general&user_id="
            + user
            + "&user_name=someone&command="
            + enc("/access")
            + "&text=&api_app_id=A0APP&response_url="
            + enc("https://hooks.slack.com/commands/" + TEAM + "/1/x")
            + "&trigger_id="
            + enc(triggerId));
  }

  public Signed payload(ObjectNode payload) {
    return sign("payload=" + enc(payload.toString()));
  }

  public Signed shortcut(String user, String callbackId, String triggerId) {
    ObjectNode p = base("shortcut", user);
    p.put("callback_id", callbackId).put("trigger_id", triggerId).put("action_ts", "1.2");
    return payload(p);
  }

  /** A button click on message {@code ts} in {@code channel}. */
  public Signed click(
      String user,
      String channel,
      String ts,
      String actionId,
      String value,
      String actionTs,
      ArrayNode messageBlocks) {
    return click(user, channel, ts, actionId, value, actionTs, "trig-" + actionTs, messageBlocks);
  }

  /** A button click, with the trigger id Slack issued for it. */
  public Signed click(
      String user,
      String channel,
      String ts,
      String actionId,
      String value,
      String actionTs,
      String triggerId,
      ArrayNode messageBlocks) {
    ObjectNode p = base("block_actions", user);
    p.put("trigger_id", triggerId);
    p.putObject("container")
        .put("type", "message")
        .put("message_ts", ts)
        .put("channel_id", channel)
        .put("is_ephemeral", false);
    p.putObject("channel").put("id", channel).put("name", "approvals");
    ObjectNode message = p.putObject("message");
    message.put("type", "message").put("ts", ts).put("text", "approval").put("bot_id", "B0BOT");
    message.set("blocks", messageBlocks);
    p.put("response_url", "https://hooks.slack.com/actions/" + TEAM + "/1/x");
    ObjectNode action =
        p.putArray("actions")
            .addObject()
            .put("type", "button")
            .put("action_id", actionId)
            .put("block_id", "decide")
            .put("value", value)
            .put("action_ts", actionTs);
    action.putObject("text").put("type", "plain_text").put("text", actionId);
    return payload(p);
  }

  /** A selection inside an open modal (block_actions with a view). */
  public Signed select(
      String user, String viewId, String hash, ObjectNode values, String actionId, String value) {
    ObjectNode p = base("block_actions", user);
    p.put("trigger_id", "trig-select");
    p.putObject("container").put("type", "view").put("view_id", viewId);
    ObjectNode view = p.putObject("view");
    view.put("id", viewId)
        .put("type", "modal")
        .put("callback_id", "access.request_modal")
        .put("hash", hash);
    view.putObject("state").set("values", values);
    ObjectNode action =
        p.putArray("actions")
            .addObject()
            .put("type", "static_select")
            .put("action_id", actionId)
            .put("block_id", "app")
            .put("action_ts", "3.4");
    action
        .putObject("selected_option")
        .put("value", value)
        .putObject("text")
        .put("type", "plain_text")
        .put("text", value);
    return payload(p);
  }

  /** A modal's submit. */
  public Signed submit(
      String user, String viewId, String callbackId, String privateMetadata, ObjectNode values) {
    ObjectNode p = base("view_submission", user);
    p.put("trigger_id", "trig-submit");
    ObjectNode view = p.putObject("view");
    view.put("id", viewId)
        .put("team_id", TEAM)
        .put("type", "modal")
        .put("callback_id", callbackId)
        .put("private_metadata", privateMetadata)
        .put("hash", "h-" + viewId);
    view.putObject("state").set("values", values);
    return payload(p);
  }

  /** State values for the request modal. */
  public static ObjectNode requestValues(
      String appId,
      String roleBlock,
      String roleId,
      String durationBlock,
      String duration,
      String reason) {
    ObjectNode values = JSON.createObjectNode();
    if (appId != null) {
      selected(values, "app", "access.request.app", appId);
    }
    if (roleId != null) {
      selected(values, roleBlock, "access.request.role", roleId);
    }
    if (duration != null) {
      selected(values, durationBlock, "access.request.duration", duration);
    }
    values
        .putObject("reason")
        .putObject("access.request.reason")
        .put("type", "plain_text_input")
        .put("value", reason);
    return values;
  }

  /** State values for the deny-reason modal. */
  public static ObjectNode denyValues(String reason) {
    ObjectNode values = JSON.createObjectNode();
    values
        .putObject("reason")
        .putObject("access.deny.reason")
        .put("type", "plain_text_input")
        .put("value", reason);
    return values;
  }

  static void selected(ObjectNode values, String block, String action, String value) {
    ObjectNode v = values.putObject(block).putObject(action);
    v.put("type", "static_select");
    v.putObject("selected_option")
        .put("value", value)
        .putObject("text")
        .put("type", "plain_text")
        .put("text", value);
  }

  private static ObjectNode base(String type, String user) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", type).put("token", "legacy").put("api_app_id", "A0APP");
    p.putObject("team").put("id", TEAM).put("domain", "acme");
    p.putObject("user").put("id", user).put("username", "display-" + user).put("team_id", TEAM);
    return p;
  }

  public static ArrayNode noBlocks() {
    return JSON.createArrayNode();
  }
}
