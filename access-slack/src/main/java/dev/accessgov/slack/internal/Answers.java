package dev.accessgov.slack.internal;

import com.google.gson.Gson;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.app_backend.views.response.ViewSubmissionResponse;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.accessgov.slack.InteractionResult;
import dev.accessgov.slack.InteractionResult.Outcome;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the synchronous answers Slack expects, with the SDK's response models: an empty
 * acknowledgement, a modal's {@code response_action} ({@code errors} or {@code update}), and a
 * slash command's ephemeral reply. Every answer is logged once at INFO with its outcome and detail,
 * which never hold a secret. Not API.
 */
public final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
  private static final Gson GSON = GsonFactory.createSnakeCase();
  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain";

  private Answers() {}

  /** An empty 200: Slack's acknowledgement, which also closes a submitted modal. */
  public static InteractionResult ack(Outcome outcome, @Nullable String subject, String detail) {
    return answer(outcome, 200, TEXT, "", subject, detail);
  }

  /** A refusal with no body at the given status (401, 400, 503). */
  public static InteractionResult status(Outcome outcome, int status, String detail) {
    return answer(outcome, status, TEXT, "", null, detail);
  }

  /** A modal submission answered with inline errors by block id; the modal stays open. */
  public static InteractionResult errors(
      Outcome outcome, @Nullable String subject, Map<String, String> byBlock, String detail) {
    ViewSubmissionResponse r =
        ViewSubmissionResponse.builder().responseAction("errors").errors(byBlock).build();
    return answer(outcome, 200, JSON, GSON.toJson(r), subject, detail);
  }

  /** A modal submission answered by replacing the modal with {@code view}. */
  public static InteractionResult update(
      Outcome outcome, @Nullable String subject, View view, String detail) {
    ViewSubmissionResponse r =
        ViewSubmissionResponse.builder().responseAction("update").view(view).build();
    return answer(outcome, 200, JSON, GSON.toJson(r), subject, detail);
  }

  /** A slash command answered with a message only its user sees. */
  public static InteractionResult ephemeral(
      Outcome outcome, @Nullable String subject, String text, String detail) {
    SlashCommandResponse r =
        SlashCommandResponse.builder().responseType("ephemeral").text(text).build();
    return answer(outcome, 200, JSON, GSON.toJson(r), subject, detail);
  }

  /** An exception's message for a person: its message, or its kind when it has none. */
  public static String why(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static InteractionResult answer(
      Outcome outcome,
      int status,
      String type,
      String body,
      @Nullable String subject,
      String detail) {
    LOG.info("Slack interaction: {} {}", outcome, detail);
    return new InteractionResult(outcome, status, type, body, subject, detail);
  }
}
