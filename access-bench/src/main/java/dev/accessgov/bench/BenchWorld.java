package dev.accessgov.bench;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.time.TestClock;
import java.time.Duration;

/**
 * The world every benchmark runs in: one privileged role on an in-memory IdP, {@code people}
 * subjects, and a clock benchmarks can move.
 */
final class BenchWorld {
  static final PersonId OWNER = PersonId.of("olivia");

  final TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock).groups("gh-admin");
  final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory().add("olivia", null);
  final InMemoryAccessStore store = new InMemoryAccessStore();
  final AccessService access;

  BenchWorld(int subjects) {
    for (int i = 0; i < subjects; i++) {
      people.add(subject(i), "olivia");
      idp.user(subject(i));
    }
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("github")
                    .owner("olivia")
                    .role(
                        Role.builder("github/admin")
                            .tier(RiskTier.PRIVILEGED)
                            .group("okta", "gh-admin")))
            .build();
    access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(idp)
            .peopleDirectory(people)
            .store(store)
            .checkpointSigner(CheckpointSigner.generate("bench"))
            .clock(clock)
            .build();
  }

  static String subject(int i) {
    return "user" + i + "@example.com";
  }

  /** One full lifecycle: grant, approve (provisions), revoke (deprovisions). */
  AccessRecord lifecycle(int subject) {
    AccessRecord pending =
        access.grant(
            GrantRequest.builder()
                .subject(subject(subject))
                .requester(subject(subject))
                .role("github/admin")
                .reason("benchmark lifecycle")
                .duration(Duration.ofHours(6))
                .build());
    access.approve(pending.id(), OWNER, "ok");
    return access.revoke(pending.id(), OWNER, "done");
  }
}
