package dev.accessgov.examples;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.time.TestClock;
import java.time.Duration;

/**
 * A small access review: three people hold github/read, one of them added by hand in the identity
 * provider. The campaign is built from live membership; carol keeps bob's access, olivia revokes
 * dan's (unused for 200 days) and the unexplained membership; at the deadline the report is
 * printed, and reconciliation confirms the provider and the records agree.
 */
public final class ReviewExample {
  private ReviewExample() {}

  /** Runs the example; takes no arguments. */
  public static void main(String[] args) {
    TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
    var okta =
        new InMemoryIdentityProvider("okta", clock)
            .user("bob")
            .user("dan")
            .user("mallory")
            .groups("gh-read");
    var people =
        new InMemoryPeopleDirectory()
            .add("bob", "carol")
            .add("dan", null)
            .add("mallory", null)
            .add("carol", null)
            .add("olivia", null);
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("github")
                    .owner("olivia")
                    .role(Role.builder("github/read").group("okta", "gh-read")))
            .build();
    AccessService access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(okta)
            .peopleDirectory(people)
            .checkpointSigner(CheckpointSigner.generate("review-example"))
            .clock(clock)
            .build();

    for (String who : new String[] {"bob", "dan"}) {
      access.grant(
          GrantRequest.builder()
              .subject(who)
              .requester(who)
              .role("github/read")
              .reason("code review")
              .build());
    }
    okta.addMember("gh-read", "mallory"); // added in the Okta console, bypassing the library
    okta.lastLogin("bob", LastLogin.at(clock.instant().minus(Duration.ofDays(2))));
    okta.lastLogin("dan", LastLogin.at(clock.instant().minus(Duration.ofDays(200))));

    ReviewCampaign campaign =
        access.reviews().start(CampaignSpec.builder("github Q1", "olivia").build());
    System.out.println("campaign " + campaign.id() + ": " + campaign.items() + " items");
    for (ReviewItem item : access.reviews().items(campaign.id())) {
      System.out.println("  " + item);
    }
    for (ReviewItem item : access.reviews().items(campaign.id())) {
      boolean keep = item.recommendation().verdict() == Verdict.KEEP;
      access
          .reviews()
          .decide(
              item.id(),
              item.reviewer(),
              keep ? Verdict.KEEP : Verdict.REVOKE,
              keep ? "still needed" : "following the recommendation");
    }
    System.out.println("gh-read now: " + okta.memberIds("gh-read"));

    clock.advance(Duration.ofDays(14));
    CloseResult closed = access.reviews().close(campaign.id());
    System.out.println();
    System.out.print(((CloseResult.Closed) closed).report());

    System.out.println();
    System.out.println(access.reconcile());
    access.evidence().checkpoint();
    System.out.println(access.evidence().verify());
    var mallory = access.find(RecordQuery.all().subject("mallory")).get(0);
    System.out.printf(
        "%nrecord %s (%s, %s)%n%s%n",
        mallory.id(), mallory.subject(), mallory.state(), mallory.walkthrough());
  }
}
