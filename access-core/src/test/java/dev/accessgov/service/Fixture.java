package dev.accessgov.service;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.inmemory.InMemoryTicketing;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.time.TestClock;
import java.time.Duration;

/**
 * A small company on in-memory providers. People: alice (requester, engineer), bob (subject,
 * managed by carol), carol (manager), olivia (owner of github and finance), dave/erin/frank
 * (payment approvers), grace (SoD approver), henry (left the company), ivy (administrator: may
 * revoke, offboard and reassign, nothing else).
 */
final class Fixture {
  static final PersonId ALICE = PersonId.of("alice");
  static final PersonId BOB = PersonId.of("bob");
  static final PersonId CAROL = PersonId.of("carol");
  static final PersonId OLIVIA = PersonId.of("olivia");
  static final PersonId DAVE = PersonId.of("dave");
  static final PersonId ERIN = PersonId.of("erin");
  static final PersonId GRACE = PersonId.of("grace");
  static final PersonId IVY = PersonId.of("ivy");

  final TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock)
          .groups(
              "gh-read",
              "gh-admin",
              "gh-audit",
              "gh-billing",
              "fin-payments",
              "aws-breakglass",
              "fin-ledger");
  final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
  final InMemoryAccessStore store = new InMemoryAccessStore();
  final InMemoryTicketing ticketing = new InMemoryTicketing("ACCESS");
  final CheckpointSigner signer = CheckpointSigner.generate("test-key");
  final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("github")
                  .owner("olivia")
                  .role(Role.builder("github/read").group("okta", "gh-read"))
                  .role(
                      Role.builder("github/admin")
                          .tier(RiskTier.PRIVILEGED)
                          .group("okta", "gh-admin")
                          .group("okta", "gh-audit"))
                  .role(
                      Role.builder("github/billing")
                          .tier(RiskTier.SENSITIVE)
                          .group("okta", "gh-billing")))
          .application(
              Application.builder("finance")
                  .owner("olivia")
                  .role(
                      Role.builder("finance/payments")
                          .group("okta", "fin-payments")
                          .approval(
                              ApprovalPolicy.of(
                                  ApprovalStep.quorum(2, DAVE, ERIN, PersonId.of("frank")))))
                  .role(Role.builder("finance/ledger").group("okta", "fin-ledger")))
          .application(
              Application.builder("aws")
                  .owner("olivia")
                  .role(
                      Role.builder("aws/breakglass")
                          .tier(RiskTier.EMERGENCY)
                          .group("okta", "aws-breakglass")))
          .sodRule(
              SodRule.refuse(
                  "no self-paid admin", RoleId.of("github/admin"), RoleId.of("finance/payments")))
          .sodRule(
              SodRule.requireApproval(
                  "ledger and billing",
                  ApprovalStep.anyOf(GRACE),
                  RoleId.of("finance/ledger"),
                  RoleId.of("github/billing")))
          .build();

  Fixture() {
    for (String p :
        new String[] {"alice", "carol", "olivia", "dave", "erin", "frank", "grace", "ivy"}) {
      people.add(p, null);
      idp.user(p);
    }
    people.add("bob", "carol");
    idp.user("bob");
    people.add("henry", "carol").deactivate("henry");
    idp.user("henry");
  }

  AccessService service() {
    return builder().build();
  }

  /** The builder behind {@link #service()}, for tests that change one part. */
  dev.accessgov.AccessServiceBuilder builder() {
    return builder(idp);
  }

  /**
   * A service like {@link #service()} whose provider is {@code provider} (usually one forwarding to
   * {@link #idp}), sweeping on {@code sweepParallelism} threads.
   */
  AccessService service(dev.accessgov.spi.IdentityProvider provider, int sweepParallelism) {
    return builder(provider).sweepParallelism(sweepParallelism).build();
  }

  dev.accessgov.AccessServiceBuilder builder(dev.accessgov.spi.IdentityProvider provider) {
    return AccessService.builder()
        .administrators(IVY)
        .catalog(catalog)
        .identityProvider(provider)
        .peopleDirectory(people)
        .store(store)
        .ticketing(ticketing)
        .checkpointSigner(signer)
        .clock(clock);
  }

  static GrantRequest.Builder request(String role) {
    return GrantRequest.builder()
        .subject("bob")
        .requester("alice")
        .role(role)
        .reason("on-call for release 4.2");
  }

  static GrantRequest privileged(Duration d) {
    return request("github/admin").duration(d).build();
  }

  /** A snapshot of everything a failed call must leave untouched. */
  record Snapshot(long evidence, java.util.List<AccessRecord> records, long idpCalls) {}

  Snapshot snapshot() {
    return new Snapshot(
        store.evidenceSize(),
        store.query(dev.accessgov.record.RecordQuery.all()),
        idp.membershipCalls());
  }
}
