package dev.accessgov.jira;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.time.TestClock;

/**
 * A small company wired to Jira: {@code wiki/read} is approved automatically, {@code wiki/edit}
 * needs bob's manager carol, {@code wiki/admin} alice or carol, {@code wiki/owner} the manager and
 * then the app owner alice. People: bob, dan and erin (managed by carol), carol, alice.
 */
final class World {
  final TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock)
          .user("bob")
          .user("dan")
          .user("erin")
          .groups("wiki-read", "wiki-edit");
  final InMemoryPeopleDirectory people =
      new InMemoryPeopleDirectory()
          .add("bob", "carol")
          .add("dan", "carol")
          .add("erin", "carol")
          .add("carol", null)
          .add("alice", null);
  final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("wiki")
                  .owner("alice")
                  .role(
                      Role.builder("wiki/read")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.auto()))
                          .group("okta", "wiki-read"))
                  .role(
                      Role.builder("wiki/edit")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                          .group("okta", "wiki-edit"))
                  .role(
                      Role.builder("wiki/admin")
                          .tier(RiskTier.STANDARD)
                          .approval(
                              ApprovalPolicy.of(
                                  ApprovalStep.anyOf(PersonId.of("alice"), PersonId.of("carol"))))
                          .group("okta", "wiki-edit"))
                  .role(
                      Role.builder("wiki/owner")
                          .tier(RiskTier.STANDARD)
                          .approval(
                              ApprovalPolicy.of(ApprovalStep.manager(), ApprovalStep.appOwner()))
                          .group("okta", "wiki-edit")))
          .build();
  final AccessService access;

  World(JiraTicketing jira) {
    access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(idp)
            .peopleDirectory(people)
            .ticketing(jira)
            .clock(clock)
            .build();
  }

  AccessRecord request(String role, String requester) {
    return request("bob", role, requester);
  }

  AccessRecord request(String subject, String role, String requester) {
    return request(subject, role, requester, "needs " + role);
  }

  AccessRecord request(String subject, String role, String requester, String reason) {
    return access.grant(
        GrantRequest.builder()
            .subject(subject)
            .role(role)
            .requester(requester)
            .reason(reason)
            .build());
  }
}
