package dev.accessgov.slack;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.retry.ClientSettings;
import dev.accessgov.slack.internal.SignedRequests;
import dev.accessgov.slack.internal.SlackApi;
import dev.accessgov.slack.internal.SlackCalls;
import dev.accessgov.slack.internal.SlackPeople;
import dev.accessgov.slack.internal.Wiring;
import dev.accessgov.spi.PeopleDirectory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link SlackInteractionHandler}. Required: {@link #accessService}, {@link #catalog},
 * {@link #peopleDirectory}, {@link #signingSecret} and {@link #botToken}.
 */
public final class SlackInteractionHandlerBuilder {
  private @Nullable AccessService access;
  private @Nullable Catalog catalog;
  private @Nullable PeopleDirectory people;
  private @Nullable Supplier<String> signingSecret;
  private @Nullable Supplier<String> botToken;
  private URI apiUrl = URI.create("https://slack.com/api/");
  private Clock clock = Clock.systemUTC();
  private int rememberRequests = 100_000;
  private ClientSettings client =
      ClientSettings.builder()
          .maxAttempts(2)
          .initialBackoff(Duration.ofMillis(200))
          .maxBackoff(Duration.ofMillis(400))
          .totalTimeout(Duration.ofMillis(2500))
          .requestTimeout(Duration.ofSeconds(2))
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  SlackInteractionHandlerBuilder() {}

  /** The service every request and decision goes through. Required. */
  public SlackInteractionHandlerBuilder accessService(AccessService access) {
    this.access = requireNonNull(access, "access");
    return this;
  }

  /** The catalog the request modal offers; the service's own. Required. */
  public SlackInteractionHandlerBuilder catalog(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
    return this;
  }

  /** Resolves a Slack user's e-mail address to a person; the service's own. Required. */
  public SlackInteractionHandlerBuilder peopleDirectory(PeopleDirectory people) {
    this.people = requireNonNull(people, "people");
    return this;
  }

  /**
   * The app's signing secret (Basic Information → App Credentials), read per request so that it may
   * be rotated. Required; never logged.
   */
  public SlackInteractionHandlerBuilder signingSecret(Supplier<String> secret) {
    this.signingSecret = requireNonNull(secret, "secret");
    return this;
  }

  /**
   * The bot token ({@code xoxb-...}) for the Web API calls, read per call. Required; never logged.
   */
  public SlackInteractionHandlerBuilder botToken(Supplier<String> token) {
    this.botToken = requireNonNull(token, "token");
    return this;
  }

  /** The Web API's base URL. Default: {@code https://slack.com/api/}; tests point it elsewhere. */
  public SlackInteractionHandlerBuilder apiUrl(URI apiUrl) {
    this.apiUrl = requireNonNull(apiUrl, "apiUrl");
    return this;
  }

  /**
   * How the Web API is called (attempts, time budget, timeouts, observer). Slack wants the answer
   * to an interaction within three seconds, so the default budget is short: 2 attempts, 2.5 s in
   * all, 2 s per request, 1 s to connect; https only.
   */
  public SlackInteractionHandlerBuilder clientSettings(ClientSettings settings) {
    this.client = requireNonNull(settings, "settings");
    return this;
  }

  /** The clock the five-minute window is judged on. Default: the system UTC clock. */
  public SlackInteractionHandlerBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * How many signed requests may be remembered within five minutes to refuse replays. More within
   * one window are refused (503) rather than remembered less. Default: 100 000.
   */
  public SlackInteractionHandlerBuilder rememberRequests(int count) {
    this.rememberRequests = count;
    return this;
  }

  /**
   * Builds the handler.
   *
   * @throws AccessConfigurationException naming a missing or bad part
   */
  public SlackInteractionHandler build() {
    if (access == null
        || catalog == null
        || people == null
        || signingSecret == null
        || botToken == null) {
      throw new AccessConfigurationException(
          "Slack interaction handler needs accessService(...), catalog(...), peopleDirectory(...),"
              + " signingSecret(...) and botToken(...)");
    }
    if (rememberRequests < 1) {
      throw new AccessConfigurationException(
          "Slack rememberRequests must be at least 1, was " + rememberRequests);
    }
    URI endpoint = client.endpoint("Slack", "apiUrl", apiUrl.toString(), "https://slack.com/api/");
    String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
    SlackCalls slack = new SlackCalls(new SlackApi(base, botToken, "botToken", client));
    Wiring wiring =
        new Wiring(access, catalog, new SlackPeople(slack::emailOf, people), slack, clock);
    return new SlackInteractionHandler(
        new SignedRequests(signingSecret, clock, rememberRequests), wiring);
  }
}
