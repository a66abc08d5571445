package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.slack.emulator.SlackEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("notices in Slack: reminders, expiry warnings, reclaim notices")
class SlackNoticesTest {
  private static final PersonId CAROL = PersonId.of("carol");

  private final SlackEmulator slack = new SlackEmulator();

  @AfterEach
  void conforms() {
    try {
      assertThat(slack.violations()).isEmpty();
    } finally {
      slack.close();
    }
  }

  private static AccessRecord activeBilling(World w) {
    AccessRecord r = w.request("github/billing", "invoices");
    w.access.approve(r.id(), CAROL, "ok");
    return w.access.approve(r.id(), PersonId.of("olivia"), "ok");
  }

  @Test
  @DisplayName(
      "a reminder lists the reviewer's pending items, each with Keep and Revoke; once"
          + " per reminder")
  void reminder() throws Exception {
    try (World w = new World(slack).start()) {
      activeBilling(w);
      ReviewCampaign campaign =
          w.access.reviews().start(CampaignSpec.builder("Q1 review", "olivia").build());
      List<ReviewItem> items = w.access.reviews().pending(campaign.id(), CAROL);
      assertThat(items).isNotEmpty();
      Reminder reminder =
          new Reminder(
              campaign.id(),
              "Q1 review",
              CAROL,
              items.size(),
              w.clock.instant().plus(Duration.ofDays(14)),
              w.clock.instant());
      w.notifications.remind(reminder);
      w.notifications.remind(reminder);
      w.settle();
      assertThat(w.dm("carol"))
          .filteredOn(m -> m.text().contains("Q1 review"))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.actionIds())
                    .containsExactly("access.review.keep", "access.review.revoke");
                assertThat(m.buttonValues()).containsOnly(items.get(0).id().toString());
                assertThat(m.allText()).contains("bob", "github/billing");
              });
    }
  }

  @Test
  @DisplayName("time-bound access gets one expiry warning with Extend, an hour before its end")
  void expiryWarning() throws Exception {
    try (World w = new World(slack).start()) {
      AccessRecord r = w.request("github/admin", "incident 42");
      w.access.approve(r.id(), PersonId.of("olivia"), "go");
      w.settle();
      assertThat(w.dm("bob")).isEmpty();
      w.clock.advance(Duration.ofMinutes(61));
      w.settle();
      w.settle();
      assertThat(w.dm("bob"))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.text()).contains("Your admin access ends in 59 min — extend?");
                assertThat(m.actionIds()).containsExactly("access.extend");
                assertThat(m.buttonValues()).containsExactly(r.id().value());
              });
    }
  }

  @Test
  @DisplayName("a reclaim notice tells the holder when the access goes; once per notice")
  void reclaimNotice() throws Exception {
    try (World w = new World(slack).start()) {
      AccessRecord r = activeBilling(w);
      ReclaimNotice notice =
          new ReclaimNotice(
              "inactive-90d",
              r.id(),
              PersonId.of("bob"),
              r.roleId(),
              w.clock.instant(),
              w.clock.instant().plus(Duration.ofDays(7)));
      w.notifications.notice(notice);
      w.notifications.notice(notice);
      w.settle();
      assertThat(w.dm("bob"))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.text()).contains("will be removed for inactivity");
                assertThat(m.allText()).contains("inactive-90d", r.id().value());
                assertThat(m.actionIds()).isEmpty();
              });
    }
  }
}
