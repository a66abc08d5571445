package dev.accessgov.slack;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
<<<<<<< HEAD
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small company reachable from Slack. People (e-mail aliases {@code <id>@acme.test}): bob and dan
 * (managed by carol; dan has left), carol, alice (owner of the wiki). Roles: {@code wiki/read}
 * (automatic, open-ended allowed), {@code wiki/edit} (bob's manager carol approves; 1 hour to 8
 * hours, default 4), {@code wiki/admin} (the manager, then the app owner alice; privileged, 1 to 24
 * hours). Slack users: {@code U0BOB}, {@code U0CAROL}, {@code U0ALICE}, {@code U0DAN} map by
 * e-mail; {@code U0STRANGER}'s e-mail is nobody's; {@code U0BOT} is a bot.
 */
final class World {
  static final String SECRET = "canary-signing-secret-7d1f0c9e2b4a";
  static final String TOKEN = "xoxb-canary-bot-token-5e8a2c4d6f";

  final TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock)
          .user("bob")
          .user("dan")
          .groups("wiki-read", "wiki-edit", "wiki-admin");
  final InMemoryPeopleDirectory people =
      new InMemoryPeopleDirectory()
          .add("bob", "carol")
          .add("dan", "carol")
          .add("carol", null)
          .add("alice", null)
          .alias("bob", "bob@acme.test")
          .alias("dan", "dan@acme.test")
          .alias("carol", "carol@acme.test")
          .alias("alice", "alice@acme.test")
          .deactivate("dan");
  final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("wiki")
                  .name("Wiki")
                  .owner("alice")
                  .role(
                      Role.builder("wiki/read")
                          .name("Reader")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.auto()))
                          .expiry(ExpiryPolicy.none())
                          .group("okta", "wiki-read"))
                  .role(
                      Role.builder("wiki/edit")
                          .name("Editor")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                          .expiry(
                              ExpiryPolicy.required(
                                  Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8)))
                          .group("okta", "wiki-edit"))
                  .role(
                      Role.builder("wiki/admin")
                          .name("Administrator")
                          .tier(RiskTier.PRIVILEGED)
                          .approval(
                              ApprovalPolicy.of(ApprovalStep.manager(), ApprovalStep.appOwner()))
                          .expiry(ExpiryPolicy.required(Duration.ofHours(1), Duration.ofHours(24)))
                          .group("okta", "wiki-admin")))
          .application(
              Application.builder("crm")
                  .name("CRM")
                  .owner("alice")
                  .role(
                      Role.builder("crm/user")
                          .name("User")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                          .expiry(ExpiryPolicy.none())
                          .group("okta", "wiki-read")))
          .build();
  final AccessService access =
      AccessService.builder()
          .catalog(catalog)
          .identityProvider(idp)
          .peopleDirectory(people)
          .clock(clock)
          .build();

  /** Slack user id → e-mail as users.info shows it; absent for the bot. */
  static final Map<String, String> SLACK_EMAILS =
      Map.of(
          "U0BOB", "bob@acme.test",
          "U0CAROL", "Carol@Acme.test",
          "U0ALICE", "alice@acme.test",
          "U0DAN", "dan@acme.test",
          "U0STRANGER", "stranger@elsewhere.test");

  static final Set<String> SLACK_USERS =
      Set.of("U0BOB", "U0CAROL", "U0ALICE", "U0DAN", "U0STRANGER", "U0BOT");

  /**
   * Client settings for the emulator on localhost: plain http allowed, one retry after 1 ms, so no
   * test waits on backoff.
   */
  static dev.accessgov.retry.ClientSettings emulated() {
    return dev.accessgov.retry.ClientSettings.builder()
        .allowInsecureHttpForTests(true)
        .maxAttempts(2)
        .initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(1))
        .totalTimeout(Duration.ofSeconds(30))
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  AccessRecord request(String role, String who) {
    return access.grant(
        GrantRequest.builder()
            .subject(who)
            .requester(who)
            .role(role)
            .reason("needs " + role)
            .duration(Duration.ofHours(2))
            .build());
  }

  /** Everything that could change: every record with its whole timeline, and the chain's size. */
  List<Object> snapshot() {
    List<AccessRecord> records = access.find(RecordQuery.all());
    long events = access.evidence().size();
    return List.of(records, events);
  }

  List<EvidenceEvent> chain() {
    return access.evidence().read(1, 10_000);
=======
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
    GrantRequest.Builder b =
        GrantRequest.builder().subject("bob").requester("alice").role(role).reason(reason);
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
>>>>>>> i19-slack-out
  }
}
