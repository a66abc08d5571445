package dev.accessgov.slack.internal;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.GlobalShortcutPayload;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import com.slack.api.app_backend.util.JsonPayloadTypeDetector;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.util.json.GsonFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of a verified request into the SDK's payload models: a slash command's form
 * fields, or the {@code payload=} JSON of a shortcut, a block action or a view submission. Not API.
 */
public final class Payloads {
  private static final Gson GSON = GsonFactory.createSnakeCase();

  private Payloads() {}

  /** One interaction, as Slack sent it. */
  public sealed interface Interaction {}

  /** A slash command such as {@code /access}. */
  public record Command(SlashCommandPayload payload) implements Interaction {}

  /** A global shortcut. */
  public record Shortcut(GlobalShortcutPayload payload) implements Interaction {}

  /** A click or selection in a message or a modal. */
  public record Actions(BlockActionPayload payload) implements Interaction {}

  /** A modal's submit button. */
  public record Submission(ViewSubmissionPayload payload) implements Interaction {}

  /** Any other payload type, such as {@code view_closed}; answered with an empty 200. */
  public record Other(String type) implements Interaction {}

  /**
   * Parses a decoded body.
   *
   * @return the interaction, or null when the body is neither a slash command nor a payload
   */
  public static @Nullable Interaction parse(String body) {
    try {
      String json = new JsonPayloadExtractor().extractIfExists(body);
      if (json == null) {
        if (!body.contains("command=")) {
          return null;
        }
        SlashCommandPayload command = new SlashCommandPayloadParser().parse(body);
        return command == null || command.getCommand() == null ? null : new Command(command);
      }
      String type = new JsonPayloadTypeDetector().detectType(json);
      if (type == null) {
        return null;
      }
      return switch (type) {
        case "shortcut" -> new Shortcut(GSON.fromJson(json, GlobalShortcutPayload.class));
        case "block_actions" -> new Actions(GSON.fromJson(json, BlockActionPayload.class));
        case "view_submission" -> new Submission(GSON.fromJson(json, ViewSubmissionPayload.class));
        default -> new Other(type);
      };
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
      return null;
    }
  }
}
