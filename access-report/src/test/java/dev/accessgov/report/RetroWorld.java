package dev.accessgov.report;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.UsageEvidence;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.Person;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A small day of just-in-time access with scripted usage, from 2026-03-02T09:00Z (bob in eng, alice
 * in sales, carol and dave in no department; olivia owns every application):
 *
 * <ul>
 *   <li>09:00 bob asks for github/admin for 6 h (r1), alice for github/admin for 2 h (r2); bob gets
 *       github/read for 4 h by policy (r3), carol open-ended github/read by policy (r4);
 *   <li>10:00 olivia approves r1 (lag 1 h) and extends r3 by 2 h (to 15:00); bob signs in to github
 *       at 10:10;
 *   <li>12:00 olivia approves r2 (lag 3 h); alice never signs in: NEVER_USED at 14:00;
 *   <li>15:00 r3 expires; bob signs in at 15:10: ACTIVITY_AFTER_END, observed at 15:31;
 *   <li>16:01 r1 expires (due 16:00); dave gets wiki/edit for 8 h by policy (r5), still active.
 * </ul>
 *
 * Granted time: github/admin 6 h + 2 h, github/read 6 h, wiki/edit 8 h.
 */
final class RetroWorld {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final Period MARCH =
      Period.of(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
  static final PersonId OLIVIA = PersonId.of("olivia");

  final TestClock clock = TestClock.at(START);
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock).groups("gh-read", "gh-admin", "wiki-edit");
  final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
  final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("github")
                  .owner("olivia")
                  .role(Role.builder("github/read").group("okta", "gh-read"))
                  .role(
                      Role.builder("github/admin")
                          .tier(RiskTier.PRIVILEGED)
                          .group("okta", "gh-admin")))
          .application(
              Application.builder("wiki")
                  .owner("olivia")
                  .role(Role.builder("wiki/edit").group("okta", "wiki-edit")))
          .build();
  final AccessService access;

  AccessRecord r1;
  AccessRecord r2;
  AccessRecord r3;
  AccessRecord r4;
  AccessRecord r5;

  RetroWorld() {
    person("bob", "eng", null);
    person("alice", "sales", null);
    person("carol", null, null);
    person("dave", null, OLIVIA);
    person("olivia", null, null);
    access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(idp)
            .peopleDirectory(people)
            .store(new InMemoryAccessStore())
            .clock(clock)
            .usageEvidence(UsageEvidence.defaults())
            .build();
  }

  private void person(String id, @Nullable String department, @Nullable PersonId manager) {
    people.put(new Person(PersonId.of(id), id, manager, true, department, null));
    idp.user(id);
  }

  /** Runs the script in the class description; returns this world. */
  RetroWorld scripted() {
    r1 = access.grant(request("bob", "github/admin").duration(Duration.ofHours(6)).build());
    r2 = access.grant(request("alice", "github/admin").duration(Duration.ofHours(2)).build());
    r3 = access.grant(request("bob", "github/read").duration(Duration.ofHours(4)).build());
    r4 = access.grant(request("carol", "github/read").build());
    clock.advance(Duration.ofHours(1));
    access.approve(r1.id(), OLIVIA, "release");
    access.extend(r3.id(), OLIVIA, Duration.ofHours(2), "still on it");
    idp.activity().signIn("bob", "github", clock.instant().plus(Duration.ofMinutes(10)));
    clock.advance(Duration.ofHours(2));
    access.approve(r2.id(), OLIVIA, "audit");
    clock.advance(Duration.ofHours(2));
    access.expireDue();
    clock.advance(Duration.ofHours(1));
    access.expireDue();
    idp.activity().signIn("bob", "github", clock.instant().plus(Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(31));
    access.expireDue();
    clock.advance(Duration.ofMinutes(30));
    access.expireDue();
    r5 = access.grant(request("dave", "wiki/edit").duration(Duration.ofHours(8)).build());
    r1 = access.record(r1.id());
    r2 = access.record(r2.id());
    r3 = access.record(r3.id());
    r4 = access.record(r4.id());
    r5 = access.record(r5.id());
    return this;
  }

  private static GrantRequest.Builder request(String subject, String role) {
    return GrantRequest.builder()
        .subject(subject)
        .requester(subject)
        .role(role)
        .reason("incident 42 follow-up");
  }
}
