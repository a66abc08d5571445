package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.retry.BudgetedRetry;
import dev.accessgov.retry.ClientSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to Slack's Web API on the official SDK's {@link MethodsClient}: each call waits for its
 * method's rate tier ({@link RateTiers}), is retried by {@code access-retry} on 429 (after Slack's
 * {@code Retry-After}), 5xx and I/O failures within the operation's time budget, and ends in a
 * typed error: {@link AccessConfigurationException} when Slack refuses the bot token or its scopes
 * (saying which setting or scope to fix), {@link RateLimitedException} when retries ran out on a
 * rate limit, {@link ProviderException} with Slack's error code otherwise. Retries and rate limits
 * are reported to the client settings' observer as provider {@value #PROVIDER}. The token is read
 * from its supplier for every call (so a rotated token is used) and appears in no log, exception or
 * {@code toString()}. Thread-safe. Not API.
 */
public final class SlackApi implements AutoCloseable {
  /** The provider id in exceptions and observer events. */
  public static final String PROVIDER = "slack";

  private static final Logger LOG = LoggerFactory.getLogger(SlackApi.class);

  /** Errors that mean the token or the app's installation is wrong: fixing needs a person. */
  private static final Set<String> AUTH =
      Set.of(
          "not_authed",
          "invalid_auth",
          "account_inactive",
          "token_revoked",
          "token_expired",
          "no_permission",
          "not_allowed_token_type",
          "team_access_not_granted",
          "org_login_required",
          "ekm_access_denied");

  /** Errors Slack documents as temporary. */
  private static final Set<String> TEMPORARY =
      Set.of(
          "ratelimited",
          "rate_limited",
          "internal_error",
          "fatal_error",
          "service_unavailable",
          "request_timeout");

  private final Slack slack;
  private final Supplier<String> token;
  private final String tokenSetting;
  private final BudgetedRetry retry;
  private final RateTiers tiers;
  private final ClientSettings client;

  /** One call to the SDK, on a client that carries the current token. */
  @FunctionalInterface
  public interface Call<T extends SlackApiTextResponse> {
    /** Makes the call. */
    T on(MethodsClient methods) throws IOException, SlackApiException;
  }

  /**
   * A client for the Web API at {@code methodsUrl} ({@code https://slack.com/api/} in production).
   *
   * @param token the bot token ({@code xoxb-...}), read for every call
   * @param tokenSetting the setting the token came from, named in configuration errors
   */
  public SlackApi(
      String methodsUrl, Supplier<String> token, String tokenSetting, ClientSettings client) {
    this(methodsUrl, token, tokenSetting, client, RateTiers.slacks());
  }

  /** A client with its own rate tiers (tests give generous ones). */
  public SlackApi(
      String methodsUrl,
      Supplier<String> token,
      String tokenSetting,
      ClientSettings client,
      RateTiers tiers) {
    this.token = requireNonNull(token, "token");
    this.tokenSetting = requireNonNull(tokenSetting, "tokenSetting");
    this.client = requireNonNull(client, "client");
    this.tiers = requireNonNull(tiers, "tiers");
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(requireNonNull(methodsUrl, "methodsUrl"));
    // Stats would call auth.test and run background threads: the tiers are paced here instead.
    config.setStatsEnabled(false);
    config.setPrettyResponseLoggingEnabled(false);
    config.setFailOnUnknownProperties(false);
    int timeout = (int) Math.min(Integer.MAX_VALUE, client.requestTimeout().toMillis());
    config.setHttpClientCallTimeoutMillis(timeout);
    config.setHttpClientReadTimeoutMillis(timeout);
    config.setHttpClientWriteTimeoutMillis(timeout);
    this.slack = Slack.getInstance(config);
    this.retry =
        new BudgetedRetry("Slack", client.retry(), client.clock())
            .observe(PROVIDER, client.observer());
  }

  /** The settings calls are made with. */
  public ClientSettings client() {
    return client;
  }

  /**
   * Makes one Web API call with retries, paced by the tier of {@code method} ({@code channel} for
   * chat.postMessage's per-channel limit, else null).
   *
   * @return Slack's {@code ok:true} answer
   * @throws AccessConfigurationException when Slack refuses the token or a scope is missing
   * @throws RateLimitedException when Slack still throttles once retries ran out
   * @throws ProviderException for any other failure, with Slack's error code when it gave one
   */
  public <T extends SlackApiTextResponse> T call(
      String method, @Nullable String channel, Call<T> call) {
    requireNonNull(method, "method");
    requireNonNull(call, "call");
    long deadline = retry.deadline();
    return retry.run(() -> attempt(method, channel, call, deadline), deadline);
  }

  private <T extends SlackApiTextResponse> T attempt(
      String method, @Nullable String channel, Call<T> call, long deadline) {
    tiers.acquire(
        method, channel, Duration.ofMillis(Math.max(0, BudgetedRetry.millisLeft(deadline))));
    T response;
    try {
      response = call.on(slack.methods(token.get()));
    } catch (SlackApiException e) {
      throw failure(method, e);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          PROVIDER,
          method,
          0,
          null,
          null,
          false,
          "interrupted: " + e.getClass().getSimpleName(),
          e);
    } catch (IOException e) {
      throw new ProviderException(
          PROVIDER,
          method,
          0,
          null,
          null,
          true,
          "no answer from Slack (" + e.getClass().getSimpleName() + ")",
          e);
    }
    if (response == null) {
      throw new ProviderException(PROVIDER, method, 200, null, null, true, "empty answer", null);
    }
    if (!response.isOk()) {
      throw refused(method, response);
    }
    if (response.getWarning() != null) {
      LOG.debug("Slack {} answered with warning {}", method, response.getWarning());
    }
    return response;
  }

  /** An HTTP failure: 429 with Retry-After, 5xx (retryable) or another status (final). */
  private RuntimeException failure(String method, SlackApiException e) {
    int status = e.getResponse().code();
    String requestId = e.getResponse().header("x-slack-req-id");
    String code = e.getError() != null ? e.getError().getError() : null;
    LOG.debug("Slack {} answered HTTP {} ({}) [request {}]", method, status, code, requestId);
    if (status == 429) {
      Instant retryAt = null;
      String after = e.getResponse().header("Retry-After");
      if (after != null && after.strip().matches("\\d{1,6}")) {
        retryAt = client.clock().instant().plusSeconds(Long.parseLong(after.strip()));
      }
      return new RateLimitedException(
          PROVIDER,
          method,
          429,
          code,
          requestId,
          retryAt,
          "Slack rate limit for "
              + method
              + (after != null ? "; Retry-After " + after + " s" : ""));
    }
    if (code != null && AUTH.contains(code)) {
      return authFailure(method, code, null);
    }
    return new ProviderException(
        PROVIDER,
        method,
        status,
        code,
        requestId,
        status >= 500 || status == 408,
        "Slack answered HTTP " + status,
        null);
  }

  /** An {@code ok:false} answer. */
  private RuntimeException refused(String method, SlackApiTextResponse response) {
    String code = response.getError() == null ? "unknown_error" : response.getError();
    if (AUTH.contains(code)) {
      return authFailure(method, code, null);
    }
    if (code.equals("missing_scope")) {
      return authFailure(method, code, response.getNeeded());
    }
    return new ProviderException(
        PROVIDER,
        method,
        200,
        code,
        null,
        TEMPORARY.contains(code),
        "Slack refused " + method + ": " + code,
        null);
  }

  private AccessConfigurationException authFailure(
      String method, String code, @Nullable String neededScope) {
    if (neededScope != null) {
      return new AccessConfigurationException(
          "Slack refused "
              + method
              + " (missing_scope): the app's bot token lacks the scope "
              + neededScope
              + "; add it under OAuth & Permissions and reinstall the app");
    }
    return new AccessConfigurationException(
        "Slack refused the bot token for "
            + method
            + " ("
            + code
            + "): set "
            + tokenSetting
            + " to the app's Bot User OAuth Token (xoxb-...) from its OAuth & Permissions page,"
            + " and check the app is still installed in the workspace");
  }

  /** Closes the SDK's HTTP client. */
  @Override
  public void close() {
    try {
      slack.close();
    } catch (Exception e) {
      LOG.debug("closing the Slack client failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "SlackApi[" + PROVIDER + "]";
  }

  /** Methods whose calls this module makes; their tiers are known to {@link RateTiers}. */
  static final List<String> METHODS =
      List.of(
          "chat.postMessage",
          "chat.update",
          "chat.postEphemeral",
          "views.open",
          "users.info",
          "users.lookupByEmail",
          "conversations.open");
}
