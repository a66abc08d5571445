package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.review.Verdict;
import dev.accessgov.slack.InteractionResult.Outcome;
import dev.accessgov.slack.emulator.SlackEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Keep / Revoke on a review reminder and Extend on an expiry warning, against the emulator. */
class SlackReviewsAndExtendTest {
  private final SlackWorld s = new SlackWorld();
  private final Company w = s.world;
  private AccessRecord edit;

  @BeforeEach
  void bobEdits() {
    edit = w.request("wiki/edit", "bob");
    w.access.approve(edit.id(), PersonId.of("carol"), "ok");
    edit = w.access.record(edit.id());
    assertThat(edit.state()).isEqualTo(RecordState.ACTIVE);
  }

  @AfterEach
  void conforms() {
    try {
      assertThat(s.slack.violations()).isEmpty();
    } finally {
      s.close();
    }
  }

  private static ButtonElement button(String text, String actionId, String value) {
    return ButtonElement.builder()
        .text(PlainTextObject.builder().text(text).build())
        .actionId(actionId)
        .value(value)
        .build();
  }

  private String post(List<LayoutBlock> blocks) throws Exception {
    return s.slack
        .client(SlackEmulator.TOKEN)
        .chatPostMessage(x -> x.channel(s.channel).text("access").blocks(blocks))
        .getTs();
  }

  @Nested
  @DisplayName("review decisions")
  class Reviews {
    private ReviewItem item;
    private String ts;

    @BeforeEach
    void reminder() throws Exception {
      ReviewCampaign c =
          w.access
              .reviews()
              .start(
                  CampaignSpec.builder("Q1", "alice")
                      .scope(ReviewScope.applications("wiki"))
                      .build());
      item = w.access.reviews().items(c.id()).get(0);
      assertThat(item.assignedTo().value()).isEqualTo("carol");
      List<BlockElement> mine =
          List.of(
              button("Keep", "access.review.keep", item.id().value()),
              button("Revoke", "access.review.revoke", item.id().value()));
      List<BlockElement> other =
          List.of(
              button("Keep", "access.review.keep", "rc-other/9"),
              button("Revoke", "access.review.revoke", "rc-other/9"));
      ts =
          post(
              List.of(
                  SectionBlock.builder()
                      .text(MarkdownTextObject.builder().text("Your review items").build())
                      .build(),
                  ActionsBlock.builder().blockId("item-1").elements(mine).build(),
                  ActionsBlock.builder().blockId("item-9").elements(other).build()));
    }

    private InteractionResult click(String person, String action, String actionTs) {
      return s.send(
          s.in.click(
              s.id(person), s.channel, ts, action, item.id().value(), actionTs, s.blocks(ts)));
    }

    @Test
    @DisplayName("Keep by the reviewer is recorded; only that item's buttons give way")
    void keep() {
      InteractionResult r = click("carol", "access.review.keep", "1.1");

      assertThat(r.outcome()).isEqualTo(Outcome.REVIEW_KEPT);
      ReviewItem after = w.access.reviews().item(item.id());
      assertThat(after.decision()).isNotNull();
      assertThat(after.decision().verdict()).isEqualTo(Verdict.KEEP);
      assertThat(after.decision().comment()).contains("in Slack: message");
      assertThat(w.access.record(edit.id()).events(EvidenceType.REVIEW_KEPT)).hasSize(1);
      assertThat(s.message(ts).buttonValues()).containsExactly("rc-other/9", "rc-other/9");
      assertThat(s.message(ts).allText()).contains("kept by person:carol");
    }

    @Test
    @DisplayName("a second click on a decided item changes nothing")
    void twice() {
      click("carol", "access.review.keep", "2.1");
      List<Object> before = w.snapshot();

      assertThat(click("carol", "access.review.revoke", "2.2").outcome())
          .isEqualTo(Outcome.MOVED_ON);
      assertThat(w.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("Revoke by the reviewer removes the access")
    void revoke() {
      InteractionResult r = click("carol", "access.review.revoke", "3.1");

      assertThat(r.outcome()).isEqualTo(Outcome.REVIEW_REVOKED);
      assertThat(w.access.record(edit.id()).state()).isEqualTo(RecordState.REVOKED);
    }

    @Test
    @DisplayName("the subject deciding their own item is refused; nothing changes")
    void notTheirs() {
      List<Object> before = w.snapshot();

      InteractionResult r = click("bob", "access.review.keep", "4.1");

      assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(w.snapshot()).isEqualTo(before);
      assertThat(w.access.reviews().item(item.id()).isDecided()).isFalse();
      assertThat(s.ephemeralsFor(s.id("bob"))).singleElement().asString().startsWith("Not done");
    }
  }

  @Nested
  @DisplayName("review decisions on an unmanaged account needing an explicit decision")
  class Unmanaged {
    private ReviewItem item;
    private String ts;

    @BeforeEach
    void reminder() throws Exception {
      ReviewCampaign c =
          w.access
              .reviews()
              .start(
                  CampaignSpec.builder("Q1", "alice")
                      .scope(ReviewScope.applications("wiki"))
                      .explicitDecisionOnUnmanaged(true)
                      .build());
      item = w.access.reviews().items(c.id()).get(0);
      assertThat(item.unmanaged()).isTrue();
      ts =
          post(
              List.of(
                  ActionsBlock.builder()
                      .blockId("item-1")
                      .elements(
                          List.of(
                              button("Keep", "access.review.keep", item.id().value()),
                              button("Revoke", "access.review.revoke", item.id().value())))
                      .build()));
    }

    private InteractionResult click(String action, String actionTs) {
      return s.send(
          s.in.click(
              s.id("carol"), s.channel, ts, action, item.id().value(), actionTs, s.blocks(ts)));
    }

    @Test
    @DisplayName("a one-click Keep is refused with what to do instead; nothing changes")
    void keepRefused() {
      List<Object> before = w.snapshot();

      InteractionResult r = click("access.review.keep", "6.1");

      assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(w.snapshot()).isEqualTo(before);
      assertThat(w.access.reviews().item(item.id()).isDecided()).isFalse();
      assertThat(s.ephemeralsFor(s.id("carol")))
          .singleElement()
          .asString()
          .contains("outside the organisation's verified domains", "your own reason");
    }

    @Test
    @DisplayName("Revoke works with one click")
    void revoke() {
      assertThat(click("access.review.revoke", "6.2").outcome()).isEqualTo(Outcome.REVIEW_REVOKED);
      assertThat(w.access.record(edit.id()).state()).isEqualTo(RecordState.REVOKED);
    }
  }

  @Nested
  @DisplayName("Extend")
  class Extend {
    private String ts;

    @BeforeEach
    void warning() throws Exception {
      ts =
          post(
              List.of(
                  ActionsBlock.builder()
                      .elements(List.of(button("Extend", "access.extend", edit.id().value())))
                      .build()));
    }

    private InteractionResult click(String person, String actionTs) {
      return s.send(
          s.in.click(
              s.id(person),
              s.channel,
              ts,
              "access.extend",
              edit.id().value(),
              actionTs,
              s.slack.triggerId(),
              s.blocks(ts)));
    }

    @Test
    @DisplayName("the subject cannot extend their own access; told whom to ask, nothing changes")
    void subject() {
      List<Object> before = w.snapshot();

      InteractionResult r = click("bob", "5.1");

      assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(w.snapshot()).isEqualTo(before);
      assertThat(s.ephemeralsFor(s.id("bob")))
          .singleElement()
          .asString()
          .contains("Only someone who may approve wiki/edit");
    }

    @Test
    @DisplayName("an approver extends by the role's default, capped at its maximum from now")
    void approver() {
      w.clock.advance(Duration.ofMinutes(90));

      InteractionResult r = click("carol", "6.1");

      assertThat(r.outcome()).isEqualTo(Outcome.EXTENDED);
      // ended at 11:00 (2 hours); + 4 hours default would be 15:00, capped at now (10:30) + 8h
      assertThat(w.access.record(edit.id()).expiresAt())
          .isEqualTo(java.time.Instant.parse("2026-03-02T15:00:00Z"));
      assertThat(s.ephemeralsFor(s.id("carol"))).singleElement().asString().contains("now ends");
    }

    @Test
    @DisplayName("after the access ended, Extend opens the request modal for the same role")
    void ended() {
      w.clock.advance(Duration.ofHours(3));
      w.access.expireDue();
      List<Object> before = w.snapshot();

      InteractionResult r = click("bob", "7.1");

      assertThat(r.outcome()).isEqualTo(Outcome.MODAL_OPENED);
      assertThat(w.snapshot()).isEqualTo(before);
      assertThat(s.lastView().path("callback_id").asText()).isEqualTo("access.request_modal");
      assertThat(s.lastView().toString()).contains("\"initial_option\"").contains("wiki/edit");
    }
  }
}
