package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;

import dev.accessgov.AccessService;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.Person;
import java.time.Duration;
import java.util.List;

/**
 * The {@link Fixture} company with live access to review: bob holds github/read (signed in 5 days
 * ago; manager carol; Engineering / Developer), erin holds finance/ledger (no manager; last signed
 * in 200 days ago), and frank was added to gh-read by hand in the provider (no record). The
 * campaign owner is grace.
 */
final class ReviewWorld {
  final Fixture f = new Fixture();
  final AccessService access = f.service();
  final AccessRecord bobRead;
  final AccessRecord erinLedger;

  ReviewWorld() {
    f.people.put(new Person(BOB, "Bob", CAROL, true, "Engineering", "Developer"));
    bobRead = access.grant(request("github/read").build());
    erinLedger = access.grant(request("finance/ledger").subject("erin").build());
    f.idp.addMember("gh-read", "frank");
    f.idp.lastLogin("bob", LastLogin.at(f.clock.instant().minus(Duration.ofDays(5))));
    f.idp.lastLogin("erin", LastLogin.at(f.clock.instant().minus(Duration.ofDays(200))));
  }

  static CampaignSpec.Builder spec() {
    return CampaignSpec.builder("Q1 review", "grace");
  }

  ReviewItem itemOf(CampaignId campaignId, String subject) {
    List<ReviewItem> items =
        access.reviews().items(campaignId).stream()
            .filter(i -> i.subject().equals(PersonId.of(subject)))
            .toList();
    if (items.size() != 1) {
      throw new IllegalStateException(subject + " has " + items.size() + " items");
    }
    return items.get(0);
  }
}
