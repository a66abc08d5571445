package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.User;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Slack Web API methods the interaction handler calls, on the SDK's {@link MethodsClient}:
 * {@code views.open}, {@code views.update}, {@code chat.update}, {@code chat.postEphemeral} and
 * {@code users.info}. These answer a person who is waiting, so there is no retry queue here: a
 * failure is reported as a {@link SlackCallException} naming the method and Slack's error code (or
 * HTTP status), never the token. Thread-safe. Not API.
 */
public final class SlackCalls {
  private final Slack slack;
  private final Supplier<String> token;

  /**
   * @param apiUrl the Web API's base URL ending in {@code /}, e.g. {@code https://slack.com/api/}
   * @param token the bot token, read per call
   */
  public SlackCalls(String apiUrl, Supplier<String> token) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(requireNonNull(apiUrl, "apiUrl"));
    config.setPrettyResponseLoggingEnabled(false);
    config.setStatsEnabled(false);
    this.slack = Slack.getInstance(config);
    this.token = requireNonNull(token, "token");
  }

  /** A Web API call that failed: Slack's {@code error} code, or the HTTP status or I/O failure. */
  public static final class SlackCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String method;
    private final String error;

    SlackCallException(String method, String error) {
      super("Slack " + method + " failed: " + error);
      this.method = method;
      this.error = error;
    }

    /** The Web API method, e.g. {@code chat.update}. */
    public String method() {
      return method;
    }

    /** Slack's error code (e.g. {@code user_not_found}), {@code http_503}, or {@code io}. */
    public String error() {
      return error;
    }
  }

  private MethodsClient methods() {
    return slack.methods(token.get());
  }

  private interface Call<T extends SlackApiTextResponse> {
    T run(MethodsClient m) throws IOException, SlackApiException;
  }

  private <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    T response;
    try {
      response = call.run(methods());
    } catch (SlackApiException e) {
      String code =
          e.getError() != null && e.getError().getError() != null
              ? e.getError().getError()
              : "http_" + e.getResponse().code();
      throw new SlackCallException(method, code);
    } catch (IOException e) {
      throw new SlackCallException(method, "io (" + e.getClass().getSimpleName() + ")");
    }
    if (!response.isOk()) {
      throw new SlackCallException(
          method, response.getError() == null ? "ok:false" : response.getError());
    }
    return response;
  }

  /**
   * The e-mail address of a Slack user ({@code users.info}; needs {@code users:read} and {@code
   * users:read.email}), or empty for a bot, a deleted user or one without an e-mail.
   */
  public Optional<String> emailOf(String userId) {
    User user = call("users.info", m -> m.usersInfo(r -> r.user(userId))).getUser();
    if (user == null || user.isBot() || user.isDeleted() || user.getProfile() == null) {
      return Optional.empty();
    }
    String email = user.getProfile().getEmail();
    return email == null || email.isBlank() ? Optional.empty() : Optional.of(email);
  }

  /** Opens a modal for the person whose interaction produced {@code triggerId}. */
  public void openView(String triggerId, View view) {
    call("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(view)));
  }

  /** Replaces an open modal; {@code hash} guards against overwriting a newer version. */
  public void updateView(String viewId, @Nullable String hash, View view) {
    call("views.update", m -> m.viewsUpdate(r -> r.viewId(viewId).hash(hash).view(view)));
  }

  /** Rewrites a message the app posted. */
  public void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
    call(
        "chat.update", m -> m.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)));
  }

  /** Shows {@code text} to {@code user} alone in {@code channel}. */
  public void ephemeral(String channel, String user, String text) {
    call(
        "chat.postEphemeral",
        m -> m.chatPostEphemeral(r -> r.channel(channel).user(user).text(text)));
  }
}
