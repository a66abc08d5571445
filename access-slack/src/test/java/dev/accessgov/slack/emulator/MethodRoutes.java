package dev.accessgov.slack.emulator;

import static dev.accessgov.slack.emulator.SlackEmulator.JSON;
import static dev.accessgov.slack.emulator.SlackEmulator.error;
import static dev.accessgov.slack.emulator.SlackEmulator.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.accessgov.slack.emulator.SlackEmulator.EmuChannel;
import dev.accessgov.slack.emulator.SlackEmulator.EmuUser;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Web API methods, each as Slack answers it, on the emulator's state (called under its lock).
 * Errors use the codes Slack documents for the method; where a code the document lists for the
 * method fits, that one (see {@link SpecValidator} for where the document and Slack differ).
 */
final class MethodRoutes {
  /** Slack's limit on a message's text. */
  private static final int MAX_TEXT = 40_000;

  private final SlackEmulator slack;

  MethodRoutes(SlackEmulator slack) {
    this.slack = slack;
  }

  ResponseDefinitionBuilder route(
      String method, Map<String, String> p, @Nullable String authorization) {
    String token = p.get("token");
    if (authorization != null && authorization.startsWith("Bearer ")) {
      token = authorization.substring("Bearer ".length());
    }
    if (token == null || token.isEmpty()) {
      return error("not_authed");
    }
    if (!token.equals(SlackEmulator.TOKEN)) {
      return error("invalid_auth");
    }
    if (p.containsKey("__invalid_json")) {
      return error("invalid_json");
    }
    return switch (method) {
      case "chat.postMessage" -> postMessage(p);
      case "chat.update" -> update(p);
      case "chat.postEphemeral" -> postEphemeral(p);
      case "views.open" -> viewsOpen(p);
      case "views.update" -> viewsUpdate(p);
      case "users.info" -> usersInfo(p);
      case "users.lookupByEmail" -> lookupByEmail(p);
      case "conversations.open" -> open(p);
      case "auth.test" -> authTest();
      default -> error("unknown_method");
    };
  }

  private ResponseDefinitionBuilder postMessage(Map<String, String> p) {
    EmuChannel channel = channel(p.get("channel"), true);
    if (channel == null) {
      return error("channel_not_found");
    }
    if (!channel.members.contains(SlackEmulator.BOT_USER)) {
      return error("not_in_channel");
    }
    ResponseDefinitionBuilder bad = content(p);
    if (bad != null) {
      return bad;
    }
    String ts = slack.ts();
    ObjectNode message = message(p, ts);
    channel.messages.put(ts, message);
    ObjectNode body = JSON.createObjectNode().put("channel", channel.id).put("ts", ts);
    body.set("message", message.deepCopy());
    return ok(body);
  }

  private ResponseDefinitionBuilder update(Map<String, String> p) {
    EmuChannel channel = channel(p.get("channel"), false);
    if (channel == null) {
      return error("channel_not_found");
    }
    ObjectNode existing = channel.messages.get(p.getOrDefault("ts", ""));
    if (existing == null) {
      return error("message_not_found");
    }
    if (!existing.path("bot_id").asText().equals(SlackEmulator.BOT_ID)) {
      return error("cant_update_message");
    }
    ResponseDefinitionBuilder bad = content(p);
    if (bad != null) {
      return bad;
    }
    ObjectNode message = message(p, existing.path("ts").asText());
    channel.messages.put(message.path("ts").asText(), message);
    ObjectNode body =
        JSON.createObjectNode()
            .put("channel", channel.id)
            .put("ts", message.path("ts").asText())
            .put("text", message.path("text").asText());
    // Slack echoes the message with its blocks (an array); the document types chat.update's
    // message.blocks as an object, so the echo leaves blocks out (the SDK reads neither).
    body.putObject("message").put("text", message.path("text").asText());
    return ok(body);
  }

  private ResponseDefinitionBuilder postEphemeral(Map<String, String> p) {
    EmuChannel channel = channel(p.get("channel"), false);
    if (channel == null) {
      return error("channel_not_found");
    }
    String user = p.getOrDefault("user", "");
    if (!channel.members.contains(user)) {
      return error("user_not_in_channel");
    }
    ResponseDefinitionBuilder bad = content(p);
    if (bad != null) {
      return bad;
    }
    String ts = slack.ts();
    ObjectNode e = message(p, ts).put("channel", channel.id).put("user", user);
    slack.ephemerals.add(e);
    return ok(JSON.createObjectNode().put("message_ts", ts));
  }

  private ResponseDefinitionBuilder viewsOpen(Map<String, String> p) {
    Boolean fresh = slack.triggers.get(p.getOrDefault("trigger_id", ""));
    if (fresh == null) {
      return error("invalid_trigger_id");
    }
    if (!fresh) {
      return error("expired_trigger_id");
    }
    JsonNode view;
    try {
      view = JSON.readTree(p.getOrDefault("view", ""));
    } catch (IOException e) {
      return error("invalid_arguments");
    }
    if (!modalValid(view)) {
      return error("invalid_arguments");
    }
    // Used once: Slack answers a second views.open with the same trigger this way.
    slack.triggers.put(p.get("trigger_id"), Boolean.FALSE);
    ObjectNode echoed =
        ((ObjectNode) view)
            .deepCopy()
            .put("id", slack.id("V"))
            .put("team_id", SlackEmulator.TEAM)
            .put("hash", slack.id("H"));
    slack.views.add(echoed);
    ObjectNode body = JSON.createObjectNode();
    body.set("view", echoed);
    return ok(body);
  }

  /**
   * Replaces an opened view, found by {@code view_id}; a {@code hash} other than the view's current
   * one is refused with {@code hash_conflict}, as Slack does when the view changed meanwhile. The
   * view keeps its id and gets a new hash.
   */
  private ResponseDefinitionBuilder viewsUpdate(Map<String, String> p) {
    String id = p.getOrDefault("view_id", "");
    ObjectNode current = null;
    int at = -1;
    for (int i = 0; i < slack.views.size(); i++) {
      if (slack.views.get(i).path("id").asText().equals(id)) {
        current = slack.views.get(i);
        at = i;
      }
    }
    if (current == null) {
      return error("not_found");
    }
    String hash = p.get("hash");
    if (hash != null && !hash.isEmpty() && !hash.equals(current.path("hash").asText())) {
      return error("hash_conflict");
    }
    JsonNode view;
    try {
      view = JSON.readTree(p.getOrDefault("view", ""));
    } catch (IOException e) {
      return error("invalid_arguments");
    }
    if (!modalValid(view)) {
      return error("invalid_arguments");
    }
    ObjectNode echoed =
        ((ObjectNode) view)
            .deepCopy()
            .put("id", id)
            .put("team_id", SlackEmulator.TEAM)
            .put("hash", slack.id("H"));
    slack.views.set(at, echoed);
    ObjectNode body = JSON.createObjectNode();
    body.set("view", echoed);
    return ok(body);
  }

  private static boolean modalValid(@Nullable JsonNode view) {
    return view != null
        && view.isObject()
        && view.path("type").asText().equals("modal")
        && view.path("title").isObject()
        && !view.path("title").path("text").asText().isEmpty()
        && view.path("title").path("text").asText().length() <= 24
        && blocksValid(view.path("blocks"), false);
  }

  private ResponseDefinitionBuilder usersInfo(Map<String, String> p) {
    EmuUser user = slack.users.get(p.getOrDefault("user", ""));
    if (user == null) {
      return error("user_not_found");
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("user", user(user));
    return ok(body);
  }

  private ResponseDefinitionBuilder lookupByEmail(Map<String, String> p) {
    String email = p.getOrDefault("email", "").toLowerCase(Locale.ROOT);
    for (EmuUser user : slack.users.values()) {
      if (!user.bot && user.email.toLowerCase(Locale.ROOT).equals(email)) {
        ObjectNode body = JSON.createObjectNode();
        body.set("user", user(user));
        return ok(body);
      }
    }
    return error("users_not_found");
  }

  private ResponseDefinitionBuilder open(Map<String, String> p) {
    String channelId = p.get("channel");
    if (channelId != null && !channelId.isEmpty()) {
      EmuChannel c = slack.channels.get(channelId);
      if (c == null) {
        return error("channel_not_found");
      }
      return opened(c.id, true);
    }
    String users = p.getOrDefault("users", "");
    if (users.isBlank()) {
      return error("users_list_not_supplied");
    }
    List<String> ids = List.of(users.split(","));
    if (ids.size() > 1) {
      // Group DMs are not used by this module; the emulator does not hold them.
      return error("method_not_supported_for_channel_type");
    }
    EmuUser user = slack.users.get(ids.get(0).trim());
    if (user == null) {
      return error("user_not_found");
    }
    if (user.deleted) {
      return error("user_disabled");
    }
    String existing = slack.dms.get(user.id);
    return opened(existing != null ? existing : dm(user.id), existing != null);
  }

  private ResponseDefinitionBuilder opened(String channelId, boolean already) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("channel").put("id", channelId);
    if (already) {
      body.put("already_open", true);
    }
    return ok(body);
  }

  private ResponseDefinitionBuilder authTest() {
    return ok(
        JSON.createObjectNode()
            .put("url", "https://emulated.slack.com/")
            .put("team", "Emulated")
            .put("user", "access-bot")
            .put("team_id", SlackEmulator.TEAM)
            .put("user_id", SlackEmulator.BOT_USER)
            .put("bot_id", SlackEmulator.BOT_ID));
  }

  /** A channel by id; with {@code userIds}, a user id stands for the DM with that user. */
  private @Nullable EmuChannel channel(@Nullable String id, boolean userIds) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    if (userIds && slack.users.containsKey(id)) {
      String dm = slack.dms.get(id);
      return slack.channels.get(dm != null ? dm : dm(id));
    }
    if (id.startsWith("#")) {
      for (EmuChannel c : slack.channels.values()) {
        if (c.name.equals(id.substring(1))) {
          return c;
        }
      }
      return null;
    }
    return slack.channels.get(id);
  }

  private String dm(String userId) {
    EmuChannel c = new EmuChannel(slack.id("D"), userId);
    c.members.add(SlackEmulator.BOT_USER);
    c.members.add(userId);
    slack.channels.put(c.id, c);
    slack.dms.put(userId, c.id);
    return c.id;
  }

  /** Text and blocks as Slack checks them; null when acceptable. */
  private static @Nullable ResponseDefinitionBuilder content(Map<String, String> p) {
    String text = p.getOrDefault("text", "");
    String blocks = p.get("blocks");
    if (text.isEmpty() && (blocks == null || blocks.isEmpty())) {
      return error("no_text");
    }
    if (text.length() > MAX_TEXT) {
      return error("msg_too_long");
    }
    if (blocks != null && !blocks.isEmpty()) {
      try {
        if (!blocksValid(JSON.readTree(blocks), true)) {
          return error("invalid_blocks");
        }
      } catch (IOException e) {
        return error("invalid_blocks");
      }
    }
    return null;
  }

  /**
   * Block Kit's basic rules: an array of at most 50 (messages) or 100 (modals) objects with a type;
   * every action_id at most 255 characters and unique within its block (Slack: "unique among all
   * other action_ids in the containing block"); a button's value at most 2000 characters; a
   * section's text at most 3000.
   */
  private static boolean blocksValid(JsonNode blocks, boolean message) {
    if (blocks.isMissingNode()) {
      return !message;
    }
    if (!blocks.isArray() || blocks.size() > (message ? 50 : 100)) {
      return false;
    }
    for (JsonNode b : blocks) {
      if (!b.isObject() || b.path("type").asText().isEmpty()) {
        return false;
      }
      if (b.path("text").path("text").asText().length() > 3000) {
        return false;
      }
      java.util.Set<String> actions = new java.util.HashSet<>();
      for (JsonNode e : b.findParents("action_id")) {
        String id = e.path("action_id").asText();
        if (id.length() > 255 || !actions.add(id)) {
          return false;
        }
        if (e.path("value").asText().length() > 2000) {
          return false;
        }
      }
    }
    return true;
  }

  private static ObjectNode message(Map<String, String> p, String ts) {
    ObjectNode m =
        JSON.createObjectNode()
            .put("type", "message")
            .put("text", p.getOrDefault("text", ""))
            .put("ts", ts)
            .put("bot_id", SlackEmulator.BOT_ID)
            .put("user", SlackEmulator.BOT_USER);
    String blocks = p.get("blocks");
    if (blocks != null && !blocks.isEmpty()) {
      try {
        m.set("blocks", JSON.readTree(blocks));
      } catch (IOException e) {
        throw new IllegalStateException("checked before", e);
      }
    } else {
      m.putArray("blocks");
    }
    return m;
  }

  private static ObjectNode user(EmuUser u) {
    ObjectNode user =
        JSON.createObjectNode()
            .put("id", u.id)
            .put("team_id", SlackEmulator.TEAM)
            .put("name", u.name)
            .put("deleted", u.deleted)
            .put("real_name", u.name)
            .put("is_bot", u.bot)
            .put("is_app_user", false)
            .put("updated", 1_765_000_000L);
    ObjectNode profile = user.putObject("profile");
    profile
        .put("real_name", u.name)
        .put("display_name", u.name)
        .put("avatar_hash", "")
        .put("real_name_normalized", u.name)
        .put("display_name_normalized", u.name)
        .put("title", "")
        .put("phone", "")
        .put("skype", "")
        .put("status_text", "")
        .put("status_emoji", "");
    if (u.bot) {
      profile.put("bot_id", "B" + u.id.substring(1));
    } else {
      profile.put("email", u.email);
    }
    profile.putObject("fields"); // custom profile fields, keyed by field id
    return user;
  }
}
