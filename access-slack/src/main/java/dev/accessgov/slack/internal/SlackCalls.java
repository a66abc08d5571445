package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.User;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Web API methods the interaction handler calls, through the module's {@link SlackApi} (rate
 * tiers, retries within the client settings' budget, typed errors): {@code views.open}, {@code
 * views.update}, {@code chat.update}, {@code chat.postEphemeral} and {@code users.info}. These
 * answer a person who is waiting (Slack wants the HTTP answer within three seconds), so the
 * handler's client settings keep the budget short and nothing is queued: a failure is reported as a
 * {@link SlackCallException} naming the method and Slack's error code (or the HTTP status), never
 * the token. Thread-safe. Not API.
 */
public final class SlackCalls {
  private final SlackApi api;

  /** Calls made through {@code api}. */
  public SlackCalls(SlackApi api) {
    this.api = requireNonNull(api, "api");
  }

  /** A Web API call that failed: Slack's {@code error} code, or the HTTP status or I/O failure. */
  public static final class SlackCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String method;
    private final String error;

    SlackCallException(String method, String error) {
      super("Slack " + method + " failed: " + error, null, false, false);
      this.method = method;
      this.error = error;
    }

    /** The Web API method, e.g. {@code chat.update}. */
    public String method() {
      return method;
    }

    /** Slack's error code (e.g. {@code user_not_found}), {@code http_503}, or the failure. */
    public String error() {
      return error;
    }
  }

  private <T extends SlackApiTextResponse> T call(String method, SlackApi.Call<T> call) {
    try {
      return api.call(method, null, call);
    } catch (ProviderException e) {
      String code =
          e.errorCode() != null
              ? e.errorCode()
              : e.status() > 0 ? "http_" + e.status() : "no answer";
      throw new SlackCallException(method, code);
    } catch (AccessConfigurationException e) {
      // The bot token or a scope is wrong: the message says which setting or scope to fix.
      throw new SlackCallException(method, Answers.why(e));
    }
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
