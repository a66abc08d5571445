package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.record.AccessRecord;
import dev.accessgov.slack.InteractionResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Requests that do not come from Slack, or come again: 401, no Slack call, nothing changed. The
 * request used is an Approve click that would approve if it were genuine.
 */
class SlackVerificationTest {
  private final SlackWorld s = new SlackWorld();
  private final Company w = s.world;
  private Interactions.Signed genuine;
  private List<Object> before;

  @BeforeEach
  void pending() throws Exception {
    AccessRecord r = w.request("wiki/edit", "bob");
    String ts = s.postApproval(r);
    genuine =
        s.in.click(
            s.id("carol"), s.channel, ts, "access.approve", r.id().value(), "9.9", s.blocks(ts));
    s.slack.server().resetRequests();
    before = w.snapshot();
  }

  @AfterEach
  void close() {
    s.close();
  }

  private void refusedAndNothingChanged(InteractionResult r, Outcome outcome) {
    assertThat(r.outcome()).isEqualTo(outcome);
    assertThat(r.httpStatus()).isEqualTo(401);
    assertThat(r.body()).isEmpty();
    assertThat(w.snapshot()).isEqualTo(before);
    assertThat(s.slack.server().getAllServeEvents()).isEmpty();
  }

  @Test
  @DisplayName("a forged signature is 401 and changes nothing")
  void forged() {
    Interactions forger = new Interactions("not-the-signing-secret", w.clock);
    refusedAndNothingChanged(
        s.handler.handle(forger.sign(genuine.text()).headers(), genuine.body()),
        Outcome.UNAUTHORIZED);
  }

  @Test
  @DisplayName("a timestamp five minutes old is 401 and changes nothing")
  void stale() {
    w.clock.advance(Duration.ofMinutes(5));
    refusedAndNothingChanged(s.send(genuine), Outcome.UNAUTHORIZED);
  }

  @Test
  @DisplayName("missing headers are 401 and change nothing")
  void missing() {
    refusedAndNothingChanged(s.handler.handle(Map.of(), genuine.body()), Outcome.UNAUTHORIZED);
  }

  @Test
  @DisplayName("a replayed payload is refused; the genuine one was applied once")
  void replayed() {
    assertThat(s.send(genuine).outcome()).isEqualTo(Outcome.APPROVED);
    before = w.snapshot();
    s.slack.server().resetRequests();
    refusedAndNothingChanged(s.send(genuine), Outcome.REPLAYED);
  }

  @Test
  @DisplayName("Slack's documented example passes verification; one changed byte does not")
  void documentedExample() {
    w.clock.set(java.time.Instant.ofEpochSecond(1531420618L));
    SlackInteractionHandler handler =
        SlackInteractionHandler.builder()
            .accessService(w.access)
            .catalog(w.catalog)
            .peopleDirectory(w.people)
            .signingSecret(() -> "8f742231b10e8888abcd99yyyzzz85a5")
            .settings(Company.settings(s.slack.methodsUrl(), "xoxb-unused"))
            .answerWithin(Duration.ofSeconds(30)) // a liveness bound, not a speed
            .clock(w.clock)
            .build();
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    Map<String, List<String>> headers =
        Map.of(
            "X-Slack-Request-Timestamp", List.of("1531420618"),
            "X-Slack-Signature",
                List.of("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"));

    assertThat(handler.handle(headers, body.getBytes(StandardCharsets.UTF_8)).outcome())
        .isNotIn(Outcome.UNAUTHORIZED, Outcome.REPLAYED);
    assertThat(
            handler
                .handle(headers, body.replace("foobar", "foobaz").getBytes(StandardCharsets.UTF_8))
                .outcome())
        .isEqualTo(Outcome.UNAUTHORIZED);
  }

  @Test
  @DisplayName("the builder names what is missing")
  void builder() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SlackInteractionHandler.builder().accessService(w.access).build())
        .isInstanceOf(dev.accessgov.AccessConfigurationException.class)
        .hasMessageContaining("signingSecret(...)")
        .hasMessageContaining("settings(...)");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                SlackInteractionHandler.builder()
                    .accessService(w.access)
                    .catalog(w.catalog)
                    .peopleDirectory(w.people)
                    .signingSecret(() -> Company.SECRET)
                    .settings(
                        SlackSettings.builder()
                            .botToken(() -> Company.TOKEN)
                            .apiUrl("http://slack.example/api/")
                            .build())
                    .build())
        .isInstanceOf(dev.accessgov.AccessConfigurationException.class)
        .hasMessageContaining("must use https");
  }
}
