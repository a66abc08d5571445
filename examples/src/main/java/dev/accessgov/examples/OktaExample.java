package dev.accessgov.examples;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.okta.OktaIdentityProvider;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import java.util.List;
import java.util.Map;

/**
 * AccessService wired to a real Okta org: grants a role that maps to an Okta group, then revokes
 * it, and prints the record's walkthrough and Okta's receipts. Runs only when these are set, and
 * otherwise says what to set:
 *
 * <ul>
 *   <li>{@code OKTA_ORG_URL}: e.g. {@code https://example.okta.com}
 *   <li>{@code OKTA_API_TOKEN}: an API token of an admin who may manage the group
 *   <li>{@code OKTA_EXAMPLE_USER}: the login of a user to grant to (e.g. a test user)
 *   <li>{@code OKTA_EXAMPLE_GROUP}: the id of an {@code OKTA_GROUP} group (e.g. 00g...)
 * </ul>
 *
 * <p>Run from the repository root with {@code mvn -q -pl examples -am compile exec:java
 * -Dexample=dev.accessgov.examples.OktaExample}.
 */
public final class OktaExample {
  private static final List<String> REQUIRED =
      List.of("OKTA_ORG_URL", "OKTA_API_TOKEN", "OKTA_EXAMPLE_USER", "OKTA_EXAMPLE_GROUP");

  private OktaExample() {}

  /** Grants and revokes once, live; prints what to set when the environment is incomplete. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    List<String> missing =
        REQUIRED.stream().filter(k -> env.getOrDefault(k, "").isBlank()).toList();
    if (!missing.isEmpty()) {
      System.out.println(
          "This example changes a real Okta org. Set " + missing + " and run again:");
      System.out.println("  OKTA_ORG_URL        https://<your-org>.okta.com");
      System.out.println(
          "  OKTA_API_TOKEN      an API token (Security > API > Tokens) of an admin");
      System.out.println("                      who may manage the group (Group Admin or above)");
      System.out.println("  OKTA_EXAMPLE_USER   the login of a test user, e.g. alice@example.com");
      System.out.println("  OKTA_EXAMPLE_GROUP  the id of an OKTA_GROUP group, e.g. 00g1abcd...");
      return;
    }
    String user = need(env, "OKTA_EXAMPLE_USER");
    try (OktaIdentityProvider okta =
        OktaIdentityProvider.builder()
            .orgUrl(need(env, "OKTA_ORG_URL"))
            .apiToken(() -> System.getenv("OKTA_API_TOKEN"))
            .build()) {
      Catalog catalog =
          Catalog.builder()
              .application(
                  Application.builder("example-app")
                      .name("Example app")
                      .owner("app-owner")
                      .role(
                          Role.builder("example-app.reader")
                              .name("Reader")
                              .tier(RiskTier.STANDARD)
                              .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                              .group(okta.id(), need(env, "OKTA_EXAMPLE_GROUP"))))
              .build();
      AccessService access =
          AccessService.builder()
              .catalog(catalog)
              .identityProvider(okta)
              .peopleDirectory(
                  new InMemoryPeopleDirectory()
                      .add("requester", null)
                      .add("manager", null)
                      .add(user, "manager"))
              .build();
      AccessRecord requested =
          access.grant(
              GrantRequest.builder()
                  .subject(user)
                  .role("example-app.reader")
                  .requester("requester")
                  .reason("access-governance Okta example")
                  .build());
      AccessRecord granted = access.approve(requested.id(), PersonId.of("manager"), "approved");
      System.out.println("granted: " + granted.state());
      granted.timeline().forEach(e -> System.out.println("  " + e.type() + " " + e.details()));
      AccessRecord revoked =
          access.revoke(granted.id(), PersonId.of("manager"), "example finished");
      System.out.println("revoked: " + revoked.state());
      System.out.println(revoked.walkthrough());
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
