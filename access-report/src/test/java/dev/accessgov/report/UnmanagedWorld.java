package dev.accessgov.report;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.VerifiedDomains;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.time.Instant;

/**
 * A company whose verified domain is acme.com, on 2026-03-02: bob (login {@code bob}, known in the
 * directory as bob@acme.com) and carl@contractor.io hold github/read through the library;
 * mallory@gmail.com was added to gh-read by hand. At 09:00 reconcile flags mallory (unmanaged); at
 * 10:00 a campaign requiring explicit decisions on unmanaged items starts; carol keeps carl with a
 * reason and bob; mallory's item stays undecided.
 */
final class UnmanagedWorld {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final String CARL = "carl@contractor.io";
  static final String MALLORY = "mallory@gmail.com";

  final TestClock clock = TestClock.at(START);
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock).groups("gh-read");
  final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
  final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("github")
                  .owner("olivia")
                  .role(Role.builder("github/read").group("okta", "gh-read")))
          .build();
  final AccessService access;
  final AccessRecord bob;
  final AccessRecord carl;
  ReviewCampaign campaign;

  UnmanagedWorld() {
    people.add("olivia", null).add("carol", null).add("bob", "carol").add(CARL, "carol");
    people.alias("bob", "bob@acme.com");
    idp.user("bob").user(CARL).user(MALLORY);
    access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(idp)
            .peopleDirectory(people)
            .store(new InMemoryAccessStore())
            .clock(clock)
            .verifiedDomains(VerifiedDomains.of("acme.com"))
            .build();
    bob = access.grant(request("bob"));
    carl = access.grant(request(CARL));
    idp.addMember("gh-read", MALLORY);
  }

  /** Runs the script in the class description; returns this world. */
  UnmanagedWorld scripted() {
    access.reconcile();
    clock.advance(Duration.ofHours(1));
    campaign =
        access
            .reviews()
            .start(CampaignSpec.builder("Q1", "olivia").explicitDecisionOnUnmanaged(true).build());
    for (ReviewItem i : access.reviews().items(campaign.id())) {
      String who = i.subject().value();
      if (!who.equals(MALLORY)) {
        access
            .reviews()
            .decide(
                i.id(),
                PersonId.of("carol"),
                Verdict.KEEP,
                who.equals(CARL) ? "contract ACME-77 runs to June" : "still on the team");
      }
    }
    return this;
  }

  private static GrantRequest request(String subject) {
    return GrantRequest.builder()
        .subject(subject)
        .requester(subject)
        .role("github/read")
        .reason("code review")
        .build();
  }
}
