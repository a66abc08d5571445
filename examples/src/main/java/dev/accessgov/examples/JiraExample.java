package dev.accessgov.examples;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jira.JiraTicketing;
import dev.accessgov.jira.JiraWebhookHandler;
import dev.accessgov.okta.OktaIdentityProvider;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.IdentityProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AccessService wired to a real Jira site and an identity provider: grants a role (one Jira issue
 * with a comment per evidence event), approves it, revokes it, and prints where to look in Jira.
 * The identity provider is Okta when {@code OKTA_ORG_URL}, {@code OKTA_API_TOKEN} and {@code
 * OKTA_EXAMPLE_GROUP} are set, else an in-memory one. Runs only when these are set, and otherwise
 * says what to set:
 *
 * <ul>
 *   <li>{@code JIRA_BASE_URL}: e.g. {@code https://example.atlassian.net}
 *   <li>{@code JIRA_EMAIL} and {@code JIRA_API_TOKEN}: an account that may create, comment on and
 *       transition issues in the project
 *   <li>{@code JIRA_PROJECT}: the project key, e.g. {@code ACCESS}
 * </ul>
 *
 * <p>Run from the repository root with {@code mvn -q -pl examples -am compile exec:java
 * -Dexample=dev.accessgov.examples.JiraExample}.
 */
public final class JiraExample {
  private static final List<String> REQUIRED =
      List.of("JIRA_BASE_URL", "JIRA_EMAIL", "JIRA_API_TOKEN", "JIRA_PROJECT");

  private JiraExample() {}

  /** Grants, approves and revokes once, mirrored in Jira; prints what to set when incomplete. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    List<String> missing =
        REQUIRED.stream().filter(k -> env.getOrDefault(k, "").isBlank()).toList();
    if (!missing.isEmpty()) {
      System.out.println("This example creates issues in a real Jira site. Set " + missing + ":");
      System.out.println("  JIRA_BASE_URL   https://<your-site>.atlassian.net");
      System.out.println("  JIRA_EMAIL      the e-mail of the account that acts (a bot account)");
      System.out.println("  JIRA_API_TOKEN  an API token of that account (id.atlassian.com >");
      System.out.println("                  Security > API tokens)");
      System.out.println("  JIRA_PROJECT    a project key, e.g. ACCESS, whose workflow has the");
      System.out.println("                  transitions 'In Progress' and 'Done'");
      System.out.println(
          "Optionally OKTA_ORG_URL, OKTA_API_TOKEN, OKTA_EXAMPLE_GROUP to use Okta.");
      return;
    }
    try (JiraTicketing jira =
        JiraTicketing.builder()
            .baseUrl(need(env, "JIRA_BASE_URL"))
            .basicAuth(need(env, "JIRA_EMAIL"), () -> System.getenv("JIRA_API_TOKEN"))
            .project(need(env, "JIRA_PROJECT"))
            .recordUrl(id -> URI.create("https://access.example.com/records/" + id))
            .build()) {
      boolean okta = !env.getOrDefault("OKTA_API_TOKEN", "").isBlank();
      IdentityProvider idp =
          okta
              ? OktaIdentityProvider.builder()
                  .orgUrl(need(env, "OKTA_ORG_URL"))
                  .apiToken(() -> System.getenv("OKTA_API_TOKEN"))
                  .build()
              : new InMemoryIdentityProvider("okta", Clock.systemUTC())
                  .user("alice@example.com")
                  .groups("example-group");
      String user = okta ? env.getOrDefault("OKTA_EXAMPLE_USER", "") : "alice@example.com";
      String group = okta ? need(env, "OKTA_EXAMPLE_GROUP") : "example-group";
      Catalog catalog =
          Catalog.builder()
              .application(
                  Application.builder("example-app")
                      .owner("app-owner")
                      .role(
                          Role.builder("example-app.reader")
                              .tier(RiskTier.STANDARD)
                              .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                              .group(idp.id(), group)))
              .build();
      InMemoryPeopleDirectory people =
          new InMemoryPeopleDirectory()
              .add("requester", null)
              .add("manager", null)
              .add(user, "manager");
      AccessService access =
          AccessService.builder()
              .catalog(catalog)
              .identityProvider(idp)
              .peopleDirectory(people)
              .ticketing(jira)
              .build();
      // How a host would accept Jira's approvals: mount this behind its HTTPS endpoint.
      JiraWebhookHandler webhooks =
          JiraWebhookHandler.builder()
              .ticketing(jira)
              .accessService(access)
              .secret(() -> env.getOrDefault("JIRA_WEBHOOK_SECRET", "set-me"))
              .accountToPerson(account -> Optional.<PersonId>empty())
              .peopleDirectory(people)
              .build();
      AccessRecord requested =
          access.grant(
              GrantRequest.builder()
                  .subject(user)
                  .role("example-app.reader")
                  .requester("requester")
                  .reason("access-governance Jira example")
                  .build());
      System.out.println("requested, ticket " + requested.ticketKey());
      AccessRecord granted = access.approve(requested.id(), PersonId.of("manager"), "approved");
      AccessRecord revoked =
          access.revoke(granted.id(), PersonId.of("manager"), "example finished");
      boolean delivered = jira.flush(Duration.ofSeconds(30));
      System.out.println(
          "revoked: "
              + revoked.state()
              + "; Jira issue "
              + jira.issueKeyOf(revoked.id()).orElse("(not created yet)")
              + (delivered ? " shows every event" : " is still catching up"));
      System.out.println("webhook handler ready: " + (webhooks != null));
      if (idp instanceof AutoCloseable closeable) {
        closeable.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("the Jira example failed: " + e.getMessage(), e);
    }
  }

  /** The environment variable {@code name}, which the example needs. */
  private static String need(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("set the environment variable " + name);
    }
    return value;
  }
}
