package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.slack.emulator.SlackEmulator;
import dev.accessgov.slack.emulator.SlackEmulator.Message;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("approval requests in Slack")
class SlackApprovalsTest {
  private final SlackEmulator slack = new SlackEmulator();

  @AfterEach
  void conforms() {
    try {
      assertThat(slack.violations()).isEmpty();
    } finally {
      slack.close();
    }
  }

  @Nested
  @DisplayName("direct messages")
  class Direct {
    @Test
    @DisplayName(
        "each eligible approver gets one DM with the facts and Approve / Deny; not the"
            + " requester or subject")
    void eligibleApproverOnly() throws Exception {
      try (World w = new World(slack).start()) {
        AccessRecord r = w.request("github/billing", "quarterly invoices");
        w.settle();
        assertThat(w.dm("carol"))
            .singleElement()
            .satisfies(
                m -> {
                  assertThat(m.actionIds()).containsExactly("access.approve", "access.deny");
                  assertThat(m.buttonValues()).containsOnly(r.id().value());
                  assertThat(m.allText())
                      .contains("alice", "bob", "github/billing", "SENSITIVE", "quarterly invoices")
                      .contains("Policy step", "1: ")
                      .contains("https://access.example.com/records/" + r.id().value());
                });
        for (String nobody : List.of("alice", "bob", "olivia", "dave")) {
          assertThat(w.dm(nobody)).as(nobody).isEmpty();
        }
      }
    }

    @Test
    @DisplayName(
        "a quorum asks each member; each approval updates every message, the last one"
            + " removes all buttons")
    void quorumUpdates() throws Exception {
      try (World w = new World(slack).start()) {
        AccessRecord r = w.request("finance/payments", "pay the auditors");
        w.settle();
        for (String p : List.of("dave", "erin", "frank")) {
          assertThat(w.dm(p))
              .as(p)
              .singleElement()
              .satisfies(m -> assertThat(m.actionIds()).hasSize(2));
        }
        w.access.approve(r.id(), PersonId.of("dave"), "fine");
        w.settle();
        assertThat(w.dm("dave"))
            .singleElement()
            .satisfies(
                m -> {
                  assertThat(m.actionIds()).isEmpty();
                  assertThat(m.allText()).contains("Approved by dave");
                });
        assertThat(w.dm("erin"))
            .singleElement()
            .satisfies(
                m -> {
                  assertThat(m.actionIds()).containsExactly("access.approve", "access.deny");
                  assertThat(m.allText()).contains("Approved by dave");
                });
        w.access.approve(r.id(), PersonId.of("erin"), "ok");
        assertThat(w.access.record(r.id()).state()).isEqualTo(RecordState.ACTIVE);
        w.settle();
        for (String p : List.of("dave", "erin", "frank")) {
          assertThat(w.dm(p))
              .as(p)
              .singleElement()
              .satisfies(
                  m -> {
                    assertThat(m.actionIds()).isEmpty();
                    assertThat(m.allText())
                        .contains("ACTIVE", "Approved by dave", "Approved by erin");
                  });
        }
      }
    }

    @Test
    @DisplayName("a denial through the Java API updates the message: who, why, no buttons")
    void denied() throws Exception {
      try (World w = new World(slack).start()) {
        AccessRecord r = w.request("github/billing", "curious");
        w.settle();
        w.access.deny(r.id(), PersonId.of("carol"), "not your team");
        w.settle();
        assertThat(w.dm("carol"))
            .singleElement()
            .satisfies(
                m -> {
                  assertThat(m.actionIds()).isEmpty();
                  assertThat(m.text()).contains("denied");
                  assertThat(m.allText()).contains("Denied by carol", "not your team", "DENIED");
                });
        assertThat(slack.count("chat.postMessage")).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("approval, then expiry, each update the message; nothing is posted twice")
    void approvedThenExpired() throws Exception {
      try (World w = new World(slack).start()) {
        AccessRecord r = w.request("github/admin", "incident 42");
        w.settle();
        w.access.approve(r.id(), PersonId.of("olivia"), "go");
        w.settle();
        assertThat(w.dm("olivia"))
            .singleElement()
            .satisfies(
                m -> {
                  assertThat(m.actionIds()).isEmpty();
                  assertThat(m.allText()).contains("Approved by olivia", "ACTIVE");
                });
        w.clock.advance(Duration.ofHours(3));
        w.access.expireDue();
        w.settle();
        assertThat(w.dm("olivia"))
            .singleElement()
            .satisfies(
                m -> {
                  assertThat(m.text()).contains("expired");
                  assertThat(m.allText()).contains("EXPIRED", "Expired");
                });
        assertThat(slack.count("chat.postMessage")).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("an approver Slack does not know by e-mail is skipped; the others are asked")
    void unknownInSlack() throws Exception {
      try (World w = new World(slack).start()) {
        w.people.alias("frank", "frank@elsewhere.example");
        slack.deactivate(w.slackUser.get("frank"));
        w.request("finance/payments", "pay");
        w.settle();
        assertThat(w.dm("dave")).hasSize(1);
        assertThat(w.dm("erin")).hasSize(1);
        assertThat(w.dm("frank")).isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("a channel per application")
  class Channel {
    @Test
    @DisplayName("the application's channel gets one message instead of DMs, updated on denial")
    void channelMessage() throws Exception {
      String channel = slack.channel("finance-access");
      try (World w = new World(slack, b -> b.channel("finance", channel)).start()) {
        AccessRecord r = w.request("finance/payments", "pay");
        w.settle();
        assertThat(slack.messages(channel))
            .singleElement()
            .satisfies(m -> assertThat(m.buttonValues()).containsOnly(r.id().value()));
        for (String p : World.PEOPLE) {
          assertThat(w.dm(p)).as(p).isEmpty();
        }
        w.access.deny(r.id(), PersonId.of("erin"), "no budget");
        w.settle();
        Message m = slack.messages(channel).get(0);
        assertThat(m.actionIds()).isEmpty();
        assertThat(m.allText()).contains("Denied by erin", "no budget");
      }
    }
  }
}
