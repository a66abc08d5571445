package dev.accessgov.slack;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.record.RecordId;
import dev.accessgov.retry.ClientSettings;
import dev.accessgov.slack.internal.Links;
import dev.accessgov.slack.internal.SignedRequests;
import dev.accessgov.slack.internal.SlackApi;
import dev.accessgov.slack.internal.SlackCalls;
import dev.accessgov.slack.internal.SlackPeople;
import dev.accessgov.slack.internal.Wiring;
import dev.accessgov.spi.PeopleDirectory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link SlackInteractionHandler}. Required: {@link #accessService}, {@link #catalog},
 * {@link #peopleDirectory}, {@link #settings} and {@link #signingSecret}.
 */
public final class SlackInteractionHandlerBuilder {
  private @Nullable AccessService access;
  private @Nullable Catalog catalog;
  private @Nullable PeopleDirectory people;
  private @Nullable Supplier<String> signingSecret;
  private @Nullable SlackSettings settings;
  private Clock clock = Clock.systemUTC();
  private int rememberRequests = 100_000;
  private Duration answerWithin = Duration.ofMillis(2500);
  private Function<RecordId, @Nullable URI> recordUrl = id -> null;
  private Function<String, @Nullable URI> ticketUrl = key -> null;

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
   * How the workspace is reached: bot token, Web API address, client settings; the same value the
   * module's notifications use. Required. The handler keeps the settings' retries but caps each
   * call's time budget at {@link #answerWithin}.
   */
  public SlackInteractionHandlerBuilder settings(SlackSettings settings) {
    this.settings = requireNonNull(settings, "settings");
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
   * The most a Web API call made while answering Slack may take, retries included (each request and
   * each connection at most as long). Slack wants the HTTP answer within three seconds and a {@code
   * trigger_id} is good for three. Default: 2.5 s.
   */
  public SlackInteractionHandlerBuilder answerWithin(Duration budget) {
    requireNonNull(budget, "budget");
    if (budget.isNegative() || budget.isZero()) {
      throw new AccessConfigurationException("Slack answerWithin must be positive, was " + budget);
    }
    this.answerWithin = budget;
    return this;
  }

  /**
   * The host's page of a record, as a template with {@code {id}} where the record id goes, e.g.
   * {@code https://access.example.com/records/{id}}; rewritten messages link to it, as the
   * notifications' messages do. Default: none, messages name the id.
   */
  public SlackInteractionHandlerBuilder recordUrl(String template) {
    this.recordUrl = Links.template(template, "{id}", "recordUrl", RecordId::value);
    return this;
  }

  /**
   * The ticket's page, as a template with {@code {key}} where the ticket key goes, e.g. {@code
   * https://example.atlassian.net/browse/{key}}. Default: none, messages name the key.
   */
  public SlackInteractionHandlerBuilder ticketUrl(String template) {
    this.ticketUrl = Links.template(template, "{key}", "ticketUrl", key -> key);
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
        || settings == null
        || signingSecret == null) {
      throw new AccessConfigurationException(
          "Slack interaction handler needs accessService(...), catalog(...), peopleDirectory(...),"
              + " settings(...) and signingSecret(...)");
    }
    if (rememberRequests < 1) {
      throw new AccessConfigurationException(
          "Slack rememberRequests must be at least 1, was " + rememberRequests);
    }
    ClientSettings given = settings.client();
    ClientSettings quick =
        given.toBuilder()
            .totalTimeout(min(given.retry().totalTimeout(), answerWithin))
            .requestTimeout(min(given.requestTimeout(), answerWithin))
            .connectTimeout(min(given.connectTimeout(), answerWithin))
            .initialBackoff(min(given.retry().initialBackoff(), answerWithin.dividedBy(10)))
            .maxBackoff(min(given.retry().maxBackoff(), answerWithin.dividedBy(5)))
            .build();
    SlackCalls slack =
        new SlackCalls(new SlackApi(settings.apiUrl(), settings.botToken(), "botToken", quick));
    Wiring wiring =
        new Wiring(
            access,
            catalog,
            new SlackPeople(slack::emailOf, people),
            slack,
            clock,
            new Links(recordUrl, ticketUrl));
    return new SlackInteractionHandler(
        new SignedRequests(signingSecret, clock, rememberRequests), wiring);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
