package dev.accessgov.slack.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The validator refuses what Slack's document refuses, so a conforming emulator means something.
 */
class SpecValidatorTest {
  private final SlackEmulator slack = new SlackEmulator();

  @AfterEach
  void stop() {
    slack.close();
  }

  private void post(String method, String form, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(slack.methodsUrl() + method))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding());
  }

  @Test
  @DisplayName("a chat.postMessage without its required channel is a violation")
  void missingRequiredParameter() throws Exception {
    post("chat.postMessage", "text=hi", SlackEmulator.TOKEN);
    assertThat(slack.violations())
        .anySatisfy(v -> assertThat(v).contains("chat.postMessage").contains("channel"));
  }

  @Test
  @DisplayName("a request without a token is a violation (the token is required)")
  void missingToken() throws Exception {
    post("users.lookupByEmail", "email=a%40example.com", "");
    assertThat(slack.violations()).anySatisfy(v -> assertThat(v).contains("token"));
  }

  @Test
  @DisplayName("a boolean that is neither 0/1 nor true/false is a violation")
  void badBoolean() throws Exception {
    String c = slack.channel("ops");
    post("chat.postMessage", "channel=" + c + "&text=hi&unfurl_links=maybe", SlackEmulator.TOKEN);
    assertThat(slack.violations()).anySatisfy(v -> assertThat(v).contains("unfurl_links"));
  }

  @Test
  @DisplayName("a success answer missing required members is a violation")
  void badSuccessAnswer() throws Exception {
    String c = slack.channel("ops");
    slack.failNext(Fault.raw("{\"ok\":true}"));
    post("chat.postMessage", "channel=" + c + "&text=hi", SlackEmulator.TOKEN);
    assertThat(slack.violations()).anySatisfy(v -> assertThat(v).contains("ts"));
  }

  @Test
  @DisplayName("an error code the method does not document is a violation")
  void undocumentedError() throws Exception {
    String c = slack.channel("ops");
    slack.failNext(Fault.error("made_up_error"));
    post("chat.postMessage", "channel=" + c + "&text=hi", SlackEmulator.TOKEN);
    assertThat(slack.violations()).anySatisfy(v -> assertThat(v).contains("made_up_error"));
  }

  @Test
  @DisplayName("a method the emulator does not serve is a violation")
  void unknownMethod() throws Exception {
    post("chat.delete", "channel=C1&ts=1.2", SlackEmulator.TOKEN);
    assertThat(slack.violations()).anySatisfy(v -> assertThat(v).contains("chat.delete"));
  }

  @Test
  @DisplayName("documented refusals and a 429 with Retry-After are no violation")
  void documentedRefusals() throws Exception {
    String c = slack.channel("ops");
    post("chat.postMessage", "channel=C000000000&text=hi", SlackEmulator.TOKEN);
    post("chat.update", "channel=" + c + "&ts=1765000000.000001&text=hi", SlackEmulator.TOKEN);
    post("users.info", "user=U000000000", "xoxb-wrong");
    slack.failNext(Fault.ratelimited(3));
    post("chat.postMessage", "channel=" + c + "&text=hi", SlackEmulator.TOKEN);
    assertThat(slack.violations()).isEmpty();
  }
}
