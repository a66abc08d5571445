package dev.accessgov.slack;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.slack.emulator.SlackEmulator;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Outbox;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A company on the in-memory providers with Slack emulated: alice asks for bob (manager carol);
 * olivia owns github and finance; dave, erin and frank are the payments quorum (two of three).
 * Every person has an e-mail {@code <id>@example.com} in the directory and a Slack user with it,
 * except nobody@. github/billing is approved by the manager, github/admin (privileged, 1–6 h) by
 * the app owner, finance/payments by two of the quorum, finance/ledger posts to a channel when one
 * is set.
 */
final class World implements AutoCloseable {
  /** A liveness bound for waits; tests never measure speed with it. */
  static final Duration SETTLED = Duration.ofSeconds(60);

  static final List<String> PEOPLE =
      List.of("alice", "bob", "carol", "olivia", "dave", "erin", "frank");

  final SlackEmulator slack;
  final TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock)
          .groups("gh-billing", "gh-admin", "fin-payments", "fin-ledger");
  final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
  final Map<String, String> slackUser = new HashMap<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("github")
                  .name("GitHub")
                  .owner("olivia")
                  .role(
                      Role.builder("github/billing")
                          .tier(RiskTier.SENSITIVE)
                          .group("okta", "gh-billing"))
                  .role(
                      Role.builder("github/admin")
                          .name("admin")
                          .tier(RiskTier.PRIVILEGED)
                          .group("okta", "gh-admin")))
          .application(
              Application.builder("finance")
                  .name("Finance")
                  .owner("olivia")
                  .role(
                      Role.builder("finance/payments")
                          .group("okta", "fin-payments")
                          .approval(
                              ApprovalPolicy.of(
                                  ApprovalStep.quorum(
                                      2,
                                      PersonId.of("dave"),
                                      PersonId.of("erin"),
                                      PersonId.of("frank")))))
                  .role(
                      Role.builder("finance/ledger")
                          .tier(RiskTier.SENSITIVE)
                          .group("okta", "fin-ledger")))
          .build();
  final AccessStore store;
  final Outbox outbox;
  final SlackNotifications notifications;
  final AccessService access;

  World(SlackEmulator slack) {
    this(slack, new InMemoryAccessStore(), new InMemoryOutbox(), b -> b, () -> SlackEmulator.TOKEN);
  }

  World(SlackEmulator slack, UnaryOperator<SlackNotifications.Builder> extra) {
    this(slack, new InMemoryAccessStore(), new InMemoryOutbox(), extra, () -> SlackEmulator.TOKEN);
  }

  World(
      SlackEmulator slack,
      AccessStore store,
      Outbox outbox,
      UnaryOperator<SlackNotifications.Builder> extra,
      Supplier<String> token) {
    this.slack = slack;
    this.store = store;
    this.outbox = outbox;
    for (String p : PEOPLE) {
      people.add(p, p.equals("bob") ? "carol" : null).alias(p, p + "@example.com");
      idp.user(p);
      slackUser.put(p, existingOrNew(slack, p));
    }
    SlackSettings settings =
        SlackSettings.builder()
            .botToken(token)
            .apiUrl(slack.methodsUrl())
            .client(
                c ->
                    c.allowInsecureHttpForTests(true)
                        .clock(clock)
                        .maxAttempts(3)
                        .initialBackoff(Duration.ofMillis(5))
                        .maxBackoff(Duration.ofMillis(50))
                        .observer(recording()))
            .build();
    notifications =
        extra
            .apply(
                SlackNotifications.builder()
                    .settings(settings)
                    .catalog(catalog)
                    .people(people)
                    .outbox(outbox)
                    .recordUrl("https://access.example.com/records/{id}")
                    .ticketUrl("https://example.atlassian.net/browse/{key}"))
            .build();
    access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(idp)
            .peopleDirectory(people)
            .store(store)
            .clock(clock)
            .notifier(notifications)
            .observer(notifications.observer())
            .build();
  }

  /** The Slack user of a person, made once per emulator (worlds restarted share it). */
  private static String existingOrNew(SlackEmulator slack, String person) {
    synchronized (SLACK_USERS) {
      return SLACK_USERS
          .computeIfAbsent(slack, s -> new HashMap<>())
          .computeIfAbsent(person, p -> slack.user(p + "@example.com", p));
    }
  }

  private static final Map<SlackEmulator, Map<String, String>> SLACK_USERS =
      new java.util.WeakHashMap<>();

  World start() {
    notifications.start(access);
    return this;
  }

  AccessObserver recording() {
    return new AccessObserver() {
      @Override
      public void providerRetry(String providerId, String operation, String reason) {
        events.add("retry " + providerId + " " + operation + " " + reason);
      }

      @Override
      public void providerRateLimited(String providerId, String operation, Duration wait) {
        events.add("limited " + providerId + " " + operation + " " + wait);
      }
    };
  }

  AccessRecord request(String role, String reason) {
    return request("bob", role, reason);
  }

  AccessRecord request(String subject, String role, String reason) {
    GrantRequest.Builder b =
        GrantRequest.builder().subject(subject).requester("alice").role(role).reason(reason);
    if (role.equals("github/admin")) {
      b.duration(Duration.ofHours(2));
    }
    return access.grant(b.build());
  }

  /** The messages in a person's DM with the bot, oldest first. */
  List<SlackEmulator.Message> dm(String person) {
    return slack.dmMessages(slackUser.get(person));
  }

  void settle() throws InterruptedException {
    if (!notifications.flush(SETTLED)) {
      throw new AssertionError("Slack delivery did not settle; healthy=" + notifications.healthy());
    }
  }

  @Override
  public void close() {
    notifications.close();
  }
}
