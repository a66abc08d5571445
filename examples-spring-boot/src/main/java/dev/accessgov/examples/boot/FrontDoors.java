package dev.accessgov.examples.boot;

import dev.accessgov.AccessService;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.jira.JiraTicketing;
import dev.accessgov.jira.JiraWebhookHandler;
import dev.accessgov.slack.SlackInteractionHandler;
import dev.accessgov.slack.SlackNotifications;
import dev.accessgov.slack.SlackSettings;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.PeopleDirectory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The front doors, each switched on by its settings: Slack ({@code example.slack.signing-secret}
 * and {@code example.slack.bot-token}, or {@code EXAMPLE_SLACK_SIGNING_SECRET} and {@code
 * EXAMPLE_SLACK_BOT_TOKEN}) and Jira ({@code example.jira.base-url}, {@code example.jira.email},
 * {@code example.jira.api-token} and {@code example.jira.webhook-secret}). {@link
 * FrontDoorController} mounts their handlers at one URL each. Secrets are read from the {@link
 * Environment} on every use, so they may come from any property source and are never copied into a
 * bean's fields.
 */
@Configuration(proxyBeanMethods = false)
public class FrontDoors {
  /** Spring creates it. */
  public FrontDoors() {}

  /** The Slack settings: the bot token, and the API URL only when overridden (tests). */
  @Bean
  @ConditionalOnProperty(prefix = "example.slack", name = "bot-token")
  public SlackSettings slackSettings(Environment env) {
    SlackSettings.Builder settings =
        SlackSettings.builder().botToken(() -> env.getRequiredProperty("example.slack.bot-token"));
    String apiUrl = env.getProperty("example.slack.api-url");
    if (apiUrl != null) {
      settings.apiUrl(apiUrl);
    }
    return settings.build();
  }

  /**
   * Approval requests, reminders and notices in Slack. The starter makes it the service's {@code
   * Notifier}; the outbox is in memory here (use {@code AccessStores}' {@code outbox("slack")} for
   * one that survives restarts).
   */
  @Bean
  @ConditionalOnProperty(prefix = "example.slack", name = "bot-token")
  public SlackNotifications slackNotifications(
      SlackSettings settings, Catalog catalog, PeopleDirectory people) {
    return SlackNotifications.builder()
        .settings(settings)
        .catalog(catalog)
        .people(people)
        .outbox(new InMemoryOutbox())
        .build();
  }

  /** Tells the Slack notifications of every record change as it happens. */
  @Bean
  @ConditionalOnProperty(prefix = "example.slack", name = "bot-token")
  public AccessObserver slackObserver(SlackNotifications notifications) {
    return notifications.observer();
  }

  /** Starts the Slack delivery once the service exists. */
  @Bean
  @ConditionalOnProperty(prefix = "example.slack", name = "bot-token")
  public ApplicationRunner slackStart(SlackNotifications notifications, AccessService access) {
    return args -> notifications.start(access);
  }

  /** The Slack request URL's handler: requests, approvals, review decisions. */
  @Bean
  @ConditionalOnProperty(
      prefix = "example.slack",
      name = {"signing-secret", "bot-token"})
  public SlackInteractionHandler slackInteractions(
      AccessService access,
      Catalog catalog,
      PeopleDirectory people,
      SlackSettings settings,
      Environment env) {
    return SlackInteractionHandler.builder()
        .accessService(access)
        .catalog(catalog)
        .peopleDirectory(people)
        .settings(settings)
        .signingSecret(() -> env.getRequiredProperty("example.slack.signing-secret"))
        .build();
  }

  /** Jira: the starter makes it the service's ticketing, so each record has an issue. */
  @Bean
  @ConditionalOnProperty(prefix = "example.jira", name = "base-url")
  public JiraTicketing jiraTicketing(Environment env) {
    return JiraTicketing.builder()
        .baseUrl(env.getRequiredProperty("example.jira.base-url"))
        .basicAuth(
            env.getRequiredProperty("example.jira.email"),
            () -> env.getRequiredProperty("example.jira.api-token"))
        .project(env.getProperty("example.jira.project", "ACCESS"))
        .build();
  }

  /** The Jira webhook's handler: JSM approvals on the records' issues. */
  @Bean
  @ConditionalOnProperty(
      prefix = "example.jira",
      name = {"webhook-secret", "base-url"})
  public JiraWebhookHandler jiraWebhook(
      JiraTicketing jira, AccessService access, PeopleDirectory people, Environment env) {
    return JiraWebhookHandler.builder()
        .ticketing(jira)
        .accessService(access)
        .peopleDirectory(people)
        .accountToPerson(jira.accountsByEmail())
        .secret(() -> env.getRequiredProperty("example.jira.webhook-secret"))
        .build();
  }
}
