package dev.accessgov.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.accessgov.time.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SignedRequestsTest {
  /**
   * The worked example of Slack's "Verifying requests from Slack"
   * (https://docs.slack.dev/authentication/verifying-requests-from-slack): signing secret,
   * timestamp, the slash-command body and the signature Slack says it produces. The body was copied
   * from quotations of that page (the page itself is not in the search store); the HMAC matching
   * the documented signature proves it byte for byte.
   */
  static final String DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  static final String DOC_TIMESTAMP = "1531420618";
  static final String DOC_BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  static final String DOC_SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private final TestClock clock = TestClock.at(Instant.ofEpochSecond(1531420618L).plusSeconds(30));
  private final SignedRequests signed = new SignedRequests(() -> DOC_SECRET, clock, 10);

  static Map<String, List<String>> headers(String timestamp, String signature) {
    return Map.of(
        "X-Slack-Request-Timestamp", List.of(timestamp), "X-Slack-Signature", List.of(signature));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName(
      "Slack's documented example verifies: the SDK's generator gives the documented signature")
  void knownAnswer() {
    assertThat(new SlackSignature.Generator(DOC_SECRET).generate(DOC_TIMESTAMP, DOC_BODY))
        .isEqualTo(DOC_SIGNATURE);
    assertThat(signed.check(headers(DOC_TIMESTAMP, DOC_SIGNATURE), bytes(DOC_BODY)))
        .isEqualTo(new SignedRequests.Check.Accepted(DOC_BODY));
  }

  @Test
  @DisplayName("header names are matched in any case")
  void lowerCaseHeaders() {
    Map<String, List<String>> h =
        Map.of(
            "x-slack-request-timestamp", List.of(DOC_TIMESTAMP),
            "x-slack-signature", List.of(DOC_SIGNATURE));
    assertThat(signed.check(h, bytes(DOC_BODY))).isInstanceOf(SignedRequests.Check.Accepted.class);
  }

  @Nested
  @DisplayName("refused, and nothing remembered")
  class Refused {
    @Test
    @DisplayName("a forged signature")
    void forged() {
      String forged = DOC_SIGNATURE.substring(0, DOC_SIGNATURE.length() - 1) + "4";
      assertThat(signed.check(headers(DOC_TIMESTAMP, forged), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Refused.class);
      assertThat(signed.remembered()).isZero();
    }

    @Test
    @DisplayName("a body changed by one character")
    void tamperedBody() {
      assertThat(
              signed.check(
                  headers(DOC_TIMESTAMP, DOC_SIGNATURE),
                  bytes(DOC_BODY.replace("text=", "text=x"))))
          .isInstanceOf(SignedRequests.Check.Refused.class);
    }

    @Test
    @DisplayName("a timestamp five minutes old or more")
    void stale() {
      clock.set(Instant.ofEpochSecond(1531420618L).plus(Duration.ofMinutes(5)));
      assertThat(signed.check(headers(DOC_TIMESTAMP, DOC_SIGNATURE), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Refused.class);
    }

    @Test
    @DisplayName("a timestamp more than five minutes ahead, which the SDK alone would accept")
    void future() {
      clock.set(Instant.ofEpochSecond(1531420618L).minus(Duration.ofMinutes(6)));
      assertThat(signed.check(headers(DOC_TIMESTAMP, DOC_SIGNATURE), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Refused.class);
    }

    @Test
    @DisplayName("missing headers, a timestamp that is no number, a body that is not UTF-8")
    void missing() {
      assertThat(signed.check(Map.of(), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Refused.class);
      assertThat(signed.check(Map.of("X-Slack-Signature", List.of(DOC_SIGNATURE)), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Refused.class);
      assertThat(signed.check(headers("soon", DOC_SIGNATURE), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Refused.class);
      assertThat(signed.check(headers(DOC_TIMESTAMP, DOC_SIGNATURE), new byte[] {(byte) 0xff}))
          .isInstanceOf(SignedRequests.Check.Refused.class);
      assertThat(signed.remembered()).isZero();
    }
  }

  @Nested
  @DisplayName("replays")
  class Replays {
    @Test
    @DisplayName("the same signed request twice within the window: the second is refused")
    void replay() {
      assertThat(signed.check(headers(DOC_TIMESTAMP, DOC_SIGNATURE), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Accepted.class);
      clock.advance(Duration.ofMinutes(4));
      assertThat(signed.check(headers(DOC_TIMESTAMP, DOC_SIGNATURE), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Replayed.class);
    }

    @Test
    @DisplayName("a signature is forgotten once its timestamp left the window, when it is stale")
    void forgetsAfterWindow() {
      signed.check(headers(DOC_TIMESTAMP, DOC_SIGNATURE), bytes(DOC_BODY));
      assertThat(signed.remembered()).isEqualTo(1);
      clock.set(Instant.ofEpochSecond(1531420618L).plus(Duration.ofMinutes(5)));
      assertThat(signed.check(headers(DOC_TIMESTAMP, DOC_SIGNATURE), bytes(DOC_BODY)))
          .isInstanceOf(SignedRequests.Check.Refused.class);
      String ts = Long.toString(clock.instant().getEpochSecond());
      String sig = new SlackSignature.Generator(DOC_SECRET).generate(ts, "a=b");
      assertThat(signed.check(headers(ts, sig), bytes("a=b")))
          .isInstanceOf(SignedRequests.Check.Accepted.class);
      assertThat(signed.remembered()).isEqualTo(1);
    }

    @Test
    @DisplayName("more live requests than the memory holds are refused as busy, not forgotten")
    void busy() {
      SignedRequests small = new SignedRequests(() -> DOC_SECRET, clock, 1);
      String ts = Long.toString(clock.instant().getEpochSecond());
      SlackSignature.Generator g = new SlackSignature.Generator(DOC_SECRET);
      assertThat(small.check(headers(ts, g.generate(ts, "a=1")), bytes("a=1")))
          .isInstanceOf(SignedRequests.Check.Accepted.class);
      assertThat(small.check(headers(ts, g.generate(ts, "a=2")), bytes("a=2")))
          .isInstanceOf(SignedRequests.Check.Busy.class);
      assertThat(small.check(headers(ts, g.generate(ts, "a=1")), bytes("a=1")))
          .isInstanceOf(SignedRequests.Check.Replayed.class);
    }
  }
}
