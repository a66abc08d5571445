package dev.accessgov.slack;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.retry.ClientSettings;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * How this library reaches one Slack workspace: the app's bot token, the Web API's address and the
 * client settings (retries, timeouts, clock, observer). One value shared by everything in this
 * module that calls Slack, so a host sets it once.
 *
 * <pre>{@code
 * SlackSettings slack = SlackSettings.builder()
 *     .botToken(() -> secrets.get("slack-bot-token"))   // xoxb-...
 *     .build();
 * }</pre>
 *
 * <p>The token is read from its supplier for every call (so a rotated token is picked up) and never
 * appears in logs, exceptions or {@link #toString()}.
 */
public final class SlackSettings {
  /** Slack's Web API: {@value}. */
  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  private final Supplier<String> botToken;
  private final String apiUrl;
  private final ClientSettings client;

  private SlackSettings(Supplier<String> botToken, String apiUrl, ClientSettings client) {
    this.botToken = botToken;
    this.apiUrl = apiUrl;
    this.client = client;
  }

  /** A builder with Slack's address and {@link ClientSettings#defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bot token's supplier; read it only to call Slack. */
  public Supplier<String> botToken() {
    return botToken;
  }

  /** The Web API's address, ending in {@code /}: the SDK's methods URL prefix. */
  public String apiUrl() {
    return apiUrl;
  }

  /** Retries, timeouts, clock and observer of every call to Slack. */
  public ClientSettings client() {
    return client;
  }

  /** The address, never the token. */
  @Override
  public String toString() {
    return "SlackSettings[apiUrl=" + apiUrl + ", botToken=***]";
  }

  /** Builds {@link SlackSettings}. */
  public static final class Builder {
    private @Nullable Supplier<String> botToken;
    private String apiUrl = DEFAULT_API_URL;
    private ClientSettings client = ClientSettings.defaults();

    private Builder() {}

    /**
     * The app's Bot User OAuth Token ({@code xoxb-...}, from the app's OAuth &amp; Permissions
     * page), read for every call. Required.
     */
    public Builder botToken(Supplier<String> botToken) {
      this.botToken = requireNonNull(botToken, "botToken");
      return this;
    }

    /**
     * The Web API's address. Default {@value SlackSettings#DEFAULT_API_URL}; tests point it at an
     * emulator (plain http needs {@link ClientSettings.Builder#allowInsecureHttpForTests}).
     */
    public Builder apiUrl(String apiUrl) {
      this.apiUrl = requireNonNull(apiUrl, "apiUrl");
      return this;
    }

    /** Retries, timeouts, clock and observer. Default: {@link ClientSettings#defaults()}. */
    public Builder client(ClientSettings client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** Changes the client settings given so far, e.g. {@code c -> c.maxAttempts(3)}. */
    public Builder client(UnaryOperator<ClientSettings.Builder> change) {
      this.client = requireNonNull(change, "change").apply(client.toBuilder()).build();
      return this;
    }

    /**
     * The settings.
     *
     * @throws AccessConfigurationException when the token is missing or the address is not an https
     *     URL
     */
    public SlackSettings build() {
      if (botToken == null) {
        throw new AccessConfigurationException(
            "Slack botToken is required: give SlackSettings.builder().botToken(...) a supplier of"
                + " the app's Bot User OAuth Token (xoxb-...)");
      }
      String url = client.endpoint("Slack", "apiUrl", apiUrl, DEFAULT_API_URL).toString();
      return new SlackSettings(botToken, url.endsWith("/") ? url : url + "/", client);
    }
  }
}
