package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.record.RecordState;
import dev.accessgov.slack.InteractionResult.Outcome;
import dev.accessgov.slack.emulator.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Approve and Deny clicks on an approval message, against the Slack emulator: each applied through
 * the service with the click's Slack ids as its source, or refused (typed result, ephemeral
 * message) with nothing changed.
 */
class SlackDecisionsTest {
  private final SlackWorld s = new SlackWorld();
  private final Company w = s.world;

  @AfterEach
  void conforms() {
    try {
      assertThat(s.slack.violations()).isEmpty();
    } finally {
      s.close();
    }
  }

  private InteractionResult click(
      String person, String ts, String action, AccessRecord r, String actionTs) {
    return s.send(
        s.in.click(
            s.id(person),
            s.channel,
            ts,
            action,
            r.id().value(),
            actionTs,
            s.slack.triggerId(),
            s.blocks(ts)));
  }

  @Nested
  @DisplayName("Approve")
  class Approve {
    @Test
    @DisplayName("the approver's click approves, records the Slack ids, and rewrites the message")
    void approves() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      w.clock.advance(Duration.ofMinutes(3));

      InteractionResult result = click("carol", ts, "access.approve", r, "1772442180.000100");

      assertThat(result.outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(result.httpStatus()).isEqualTo(200);
      assertThat(result.body()).isEmpty();
      AccessRecord after = w.access.record(r.id());
      assertThat(after.state()).isEqualTo(RecordState.ACTIVE);
      EvidenceEvent approved = after.lastEvent(EvidenceType.APPROVED).orElseThrow();
      assertThat(approved.actor()).isEqualTo("person:carol");
      String message = Interactions.TEAM + "/" + s.channel + "/" + ts;
      assertThat(DecisionSource.of(approved))
          .contains(
              new DecisionSource(
                  "slack",
                  message + "/1772442180.000100",
                  Interactions.TEAM + ":" + s.id("carol")));
      assertThat(s.message(ts).actionIds()).isEmpty();
      assertThat(s.message(ts).allText())
          .contains("Approved by carol")
          .contains("<https://access.example.com/records/" + r.id().value() + "|");
    }

    @Test
    @DisplayName("the walkthrough of a Slack approval names requester, approver, time and message")
    void walkthrough() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      w.clock.advance(Duration.ofMinutes(3));
      click("carol", ts, "access.approve", r, "1772442180.000100");

      String text = w.access.record(r.id()).walkthrough().toString();

      assertThat(text)
          .contains("bob requested wiki/edit")
          .contains("approved by person:carol")
          .contains("at 2026-03-02T09:03:00Z")
          .contains("message " + Interactions.TEAM + "/" + s.channel + "/" + ts);
    }

    @Test
    @DisplayName("the requester clicking Approve on their own request is refused; nothing changes")
    void selfApproval() throws Exception {
      AccessRecord r = w.request("wiki/admin", "bob");
      String ts = s.postApproval(r);
      List<Object> before = w.snapshot();

      InteractionResult result = click("bob", ts, "access.approve", r, "1.1");

      assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(result.changedSomething()).isFalse();
      assertThat(w.snapshot()).isEqualTo(before);
      assertThat(s.ephemeralsFor(s.id("bob"))).singleElement().asString().startsWith("Not done:");
      assertThat(s.message(ts).actionIds()).containsExactly("access.approve", "access.deny");
    }

    @Test
    @DisplayName("an inactive person, an unknown e-mail and a bot are refused; nothing changes")
    void nobodies() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      List<Object> before = w.snapshot();

      assertThat(click("dan", ts, "access.approve", r, "1.1").outcome())
          .isEqualTo(Outcome.INACTIVE_PERSON);
      assertThat(
              s.send(
                      s.in.click(
                          s.stranger,
                          s.channel,
                          ts,
                          "access.approve",
                          r.id().value(),
                          "1.2",
                          s.blocks(ts)))
                  .outcome())
          .isEqualTo(Outcome.UNKNOWN_PERSON);
      assertThat(
              s.send(
                      s.in.click(
                          s.bot,
                          s.channel,
                          ts,
                          "access.approve",
                          r.id().value(),
                          "1.3",
                          s.blocks(ts)))
                  .outcome())
          .isEqualTo(Outcome.UNKNOWN_PERSON);

      assertThat(w.snapshot()).isEqualTo(before);
      assertThat(s.ephemeralsFor(s.id("dan"))).singleElement().asString().contains("not active");
      assertThat(s.ephemeralsFor(s.stranger))
          .singleElement()
          .asString()
          .contains("stranger@elsewhere.test");
      assertThat(s.ephemeralsFor(s.bot)).singleElement().asString().contains("no e-mail");
      assertThat(s.slack.count("chat.update")).isZero();
    }

    @Test
    @DisplayName("a double click: the second changes nothing and rewrites the message")
    void doubleClick() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      assertThat(click("carol", ts, "access.approve", r, "2.1").outcome())
          .isEqualTo(Outcome.APPROVED);
      List<Object> before = w.snapshot();

      InteractionResult second = click("carol", ts, "access.approve", r, "2.2");

      assertThat(second.outcome()).isEqualTo(Outcome.MOVED_ON);
      assertThat(w.snapshot()).isEqualTo(before);
      assertThat(s.slack.count("chat.update")).isEqualTo(2);
      assertThat(s.message(ts).actionIds()).isEmpty();
    }

    @Test
    @DisplayName("the same click replayed to a restarted handler changes nothing")
    void replayAfterRestart() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      Interactions.Signed first =
          s.in.click(
              s.id("carol"), s.channel, ts, "access.approve", r.id().value(), "3.1", s.blocks(ts));
      assertThat(s.send(first).outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(s.send(first).outcome()).isEqualTo(Outcome.REPLAYED);
      List<Object> before = w.snapshot();

      s.handler = s.newHandler();
      InteractionResult replayed = s.send(first);

      assertThat(replayed.outcome()).isEqualTo(Outcome.ALREADY_APPLIED);
      assertThat(w.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("Slack down after the decision: the decision stands, once; a retry is a no-op")
    void slackDownAfterDecision() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      s.slack.failNext("chat.update", Fault.status(503), Fault.status(503)); // every attempt

      InteractionResult result = click("carol", ts, "access.approve", r, "4.1");

      assertThat(result.outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(result.detail()).contains("message not updated").contains("the decision stands");
      assertThat(w.access.record(r.id()).state()).isEqualTo(RecordState.ACTIVE);
      assertThat(s.message(ts).actionIds()).containsExactly("access.approve", "access.deny");
      List<Object> before = w.snapshot();
      assertThat(click("carol", ts, "access.approve", r, "4.2").outcome())
          .isEqualTo(Outcome.MOVED_ON);
      assertThat(w.snapshot()).isEqualTo(before);
      assertThat(w.access.record(r.id()).events(EvidenceType.APPROVED)).hasSize(1);
      assertThat(s.message(ts).actionIds()).isEmpty();
    }

    @Test
    @DisplayName("Slack unable to say who clicked: nothing changes, the result says so")
    void usersInfoDown() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      List<Object> before = w.snapshot();
      s.slack.failNext("users.info", Fault.status(503), Fault.status(503)); // every attempt

      InteractionResult result = click("carol", ts, "access.approve", r, "5.1");

      assertThat(result.outcome()).isEqualTo(Outcome.SLACK_UNAVAILABLE);
      assertThat(w.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a click naming no record is refused as not found")
    void unknownRecord() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      List<Object> before = w.snapshot();
      InteractionResult result =
          s.send(
              s.in.click(
                  s.id("carol"), s.channel, ts, "access.approve", "ar-nope", "6.1", s.blocks(ts)));
      assertThat(result.outcome()).isEqualTo(Outcome.NOT_FOUND);
      assertThat(w.snapshot()).isEqualTo(before);
    }
  }

  @Nested
  @DisplayName("Deny")
  class Deny {
    @Test
    @DisplayName("asks for a reason in a modal, then denies with it and rewrites the message")
    void deniesWithReason() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      List<Object> before = w.snapshot();

      InteractionResult opened = click("carol", ts, "access.deny", r, "7.1");

      assertThat(opened.outcome()).isEqualTo(Outcome.MODAL_OPENED);
      assertThat(w.snapshot()).isEqualTo(before);
      var view = s.lastView();
      assertThat(view.path("callback_id").asText()).isEqualTo("access.deny_reason");
      String metadata = view.path("private_metadata").asText();
      assertThat(metadata).contains(r.id().value()).contains(s.channel).contains(ts);

      InteractionResult denied =
          s.send(
              s.in.submit(
                  s.id("carol"),
                  view.path("id").asText(),
                  "access.deny_reason",
                  metadata,
                  Interactions.denyValues("not this quarter")));

      assertThat(denied.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(denied.body()).isEmpty();
      AccessRecord after = w.access.record(r.id());
      assertThat(after.state()).isEqualTo(RecordState.DENIED);
      assertThat(after.walkthrough().approved().text())
          .contains("denied by person:carol")
          .contains("not this quarter")
          .contains(s.channel + "/" + ts);
      assertThat(s.message(ts).actionIds()).isEmpty();
      assertThat(s.message(ts).allText()).contains("Denied by carol");
    }

    @Test
    @DisplayName("an empty reason is an inline error; nothing changes")
    void emptyReason() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      click("carol", ts, "access.deny", r, "8.1");
      var view = s.lastView();
      List<Object> before = w.snapshot();

      InteractionResult result =
          s.send(
              s.in.submit(
                  s.id("carol"),
                  view.path("id").asText(),
                  "access.deny_reason",
                  view.path("private_metadata").asText(),
                  Interactions.denyValues("   ")));

      assertThat(result.outcome()).isEqualTo(Outcome.INVALID_INPUT);
      assertThat(result.contentType()).isEqualTo("application/json");
      assertThat(result.body()).contains("\"response_action\":\"errors\"").contains("\"reason\"");
      assertThat(w.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("someone without authority submitting a reason is refused inline; nothing changes")
    void noAuthority() throws Exception {
      AccessRecord r = w.request("wiki/edit", "bob");
      String ts = s.postApproval(r);
      click("alice", ts, "access.deny", r, "9.1");
      var view = s.lastView();
      List<Object> before = w.snapshot();

      InteractionResult result =
          s.send(
              s.in.submit(
                  s.id("alice"),
                  view.path("id").asText(),
                  "access.deny_reason",
                  view.path("private_metadata").asText(),
                  Interactions.denyValues("no")));

      assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(result.body()).contains("\"response_action\":\"errors\"");
      assertThat(w.snapshot()).isEqualTo(before);
    }
  }
}
