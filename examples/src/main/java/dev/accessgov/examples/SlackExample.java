package dev.accessgov.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.slack.InteractionResult;
import dev.accessgov.slack.SlackInteractionHandler;
import dev.accessgov.slack.SlackNotifications;
import dev.accessgov.slack.SlackSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Requests and approvals in a real Slack workspace. A small HTTP server on {@code SLACK_PORT}
 * (default 3000) serves the app's request URL at {@code /slack/interactions} with a {@link
 * SlackInteractionHandler}: {@code /access} or the "Request access" shortcut opens the request
 * modal; a submitted request is posted by {@link SlackNotifications} to {@code
 * SLACK_APPROVALS_CHANNEL} with Approve and Deny buttons (without a channel it would message each
 * eligible approver); clicking them approves or denies through the service, and every message about
 * the record shows the outcome. The requester and the approver are matched to people by their Slack
 * e-mail addresses. Runs only when these are set, and otherwise says what to set:
 *
 * <ul>
 *   <li>{@code SLACK_BOT_TOKEN}: the app's Bot User OAuth Token ({@code xoxb-...})
 *   <li>{@code SLACK_SIGNING_SECRET}: the app's signing secret (Basic Information)
 *   <li>{@code SLACK_APPROVALS_CHANNEL}: the id of a channel the app is in, e.g. {@code C0123ABC}
 *   <li>{@code SLACK_REQUESTER_EMAIL} and {@code SLACK_APPROVER_EMAIL}: the Slack e-mail addresses
 *       of the person who requests and of their manager, who approves
 * </ul>
 *
 * <p>Run from the repository root with {@code mvn -q -pl examples -am compile exec:java
 * -Dexample=dev.accessgov.examples.SlackExample}, expose the port (for instance with a tunnel) and
 * set the app's request URLs to {@code https://<public host>/slack/interactions} (see the app
 * manifest in access-slack's README). Stop it with Ctrl-C.
 */
public final class SlackExample {
  private static final List<String> REQUIRED =
      List.of(
          "SLACK_BOT_TOKEN",
          "SLACK_SIGNING_SECRET",
          "SLACK_APPROVALS_CHANNEL",
          "SLACK_REQUESTER_EMAIL",
          "SLACK_APPROVER_EMAIL");

  private SlackExample() {}

  /** Serves the request URL until stopped; prints what to set when incomplete. */
  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    List<String> missing =
        REQUIRED.stream().filter(k -> env.getOrDefault(k, "").isBlank()).toList();
    if (!missing.isEmpty()) {
      System.out.println("This example talks to a real Slack workspace. Set " + missing + ":");
      System.out.println("  SLACK_BOT_TOKEN          the app's Bot User OAuth Token (xoxb-...),");
      System.out.println(
          "                           OAuth & Permissions; scopes in access-slack's");
      System.out.println("                           README (commands, chat:write, users:read,");
      System.out.println("                           users:read.email)");
      System.out.println("  SLACK_SIGNING_SECRET     the app's signing secret (Basic Information)");
      System.out.println("  SLACK_APPROVALS_CHANNEL  a channel id the app is in, e.g. C0123ABC");
      System.out.println("  SLACK_REQUESTER_EMAIL    the Slack e-mail of whoever requests");
      System.out.println("  SLACK_APPROVER_EMAIL     the Slack e-mail of their manager");
      System.out.println(
          "Optionally SLACK_PORT (default 3000). Create the app from the manifest in");
      System.out.println("access-slack/README.md and point its request URLs at");
      System.out.println("https://<public host>/slack/interactions.");
      return;
    }
    Clock clock = Clock.systemUTC();
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("wiki")
                    .name("Wiki")
                    .owner("approver")
                    .role(
                        Role.builder("wiki/edit")
                            .name("Editor")
                            .tier(RiskTier.STANDARD)
                            .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                            .expiry(
                                ExpiryPolicy.required(
                                    Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8)))
                            .group("idp", "wiki-editors")))
            .build();
    InMemoryPeopleDirectory people =
        new InMemoryPeopleDirectory()
            .add("approver", null)
            .add("requester", "approver")
            .alias("approver", need(env, "SLACK_APPROVER_EMAIL"))
            .alias("requester", need(env, "SLACK_REQUESTER_EMAIL"));
    SlackSettings settings =
        SlackSettings.builder().botToken(() -> System.getenv("SLACK_BOT_TOKEN")).build();
    // The approval requests: the module's delivery posts each waiting record to the channel and
    // keeps the message up to date. In production the outbox is durable (access-jdbc's
    // AccessStores outbox("slack")) and, without a channel, each eligible approver gets a DM.
    SlackNotifications notifications =
        SlackNotifications.builder()
            .settings(settings)
            .catalog(catalog)
            .people(people)
            .outbox(new InMemoryOutbox())
            .channel("wiki", need(env, "SLACK_APPROVALS_CHANNEL"))
            .build();
    AccessService access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(
                new InMemoryIdentityProvider("idp", clock).user("requester").groups("wiki-editors"))
            .peopleDirectory(people)
            .notifier(notifications)
            .observer(notifications.observer())
            .clock(clock)
            .build();
    notifications.start(access);
    SlackInteractionHandler handler =
        SlackInteractionHandler.builder()
            .accessService(access)
            .catalog(catalog)
            .peopleDirectory(people)
            .signingSecret(() -> System.getenv("SLACK_SIGNING_SECRET"))
            .settings(settings)
            .clock(clock)
            .build();
    int port = Integer.parseInt(env.getOrDefault("SLACK_PORT", "3000"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext(
        "/slack/interactions",
        exchange -> {
          try (exchange) {
            handle(handler, exchange);
          }
        });
    server.start();
    System.out.println(
        "Serving Slack's request URL on http://localhost:"
            + port
            + "/slack/interactions; type /access in Slack. Ctrl-C stops.");
  }

  private static InteractionResult handle(SlackInteractionHandler handler, HttpExchange exchange)
      throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    InteractionResult result = handler.handle(exchange.getRequestHeaders(), body);
    System.out.println("Slack: " + result.outcome() + " " + result.detail());
    byte[] answer = result.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", result.contentType());
    exchange.sendResponseHeaders(result.httpStatus(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
    return result;
  }

  private static String need(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("set the environment variable " + name);
    }
    return value;
  }
}
