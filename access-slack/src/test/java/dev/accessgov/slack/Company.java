package dev.accessgov.slack;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
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
final class Company {
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
          // Nobody here has an address in it: every account is unmanaged, which only changes
          // what a campaign requiring explicit decisions on such accounts does.
          .verifiedDomains(dev.accessgov.policy.VerifiedDomains.of("acme.com"))
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

  /** Settings for the emulator at {@code apiUrl} with this bot token. */
  static dev.accessgov.slack.SlackSettings settings(String apiUrl, String token) {
    return dev.accessgov.slack.SlackSettings.builder()
        .botToken(() -> token)
        .apiUrl(apiUrl)
        .client(emulated())
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
  }
}
