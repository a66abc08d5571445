package dev.accessgov.slack.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.block.element.BlockElements;
import com.slack.api.model.view.Views;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The emulator answers the SDK as Slack does, and every exchange follows Slack's document. */
class SlackEmulatorTest {
  private final SlackEmulator slack = new SlackEmulator();
  private final MethodsClient client = slack.client(SlackEmulator.TOKEN);

  @AfterEach
  void conforms() {
    try {
      assertThat(slack.violations()).isEmpty();
    } finally {
      slack.close();
    }
  }

  @Nested
  @DisplayName("messages")
  class Messages {
    @Test
    @DisplayName("a DM opened by user id holds the posted message, and chat.update replaces it")
    void postAndUpdate() throws Exception {
      String ann = slack.user("ann@example.com", "ann");
      var dm = client.conversationsOpen(r -> r.users(List.of(ann)));
      assertThat(dm.isOk()).isTrue();
      var posted =
          client.chatPostMessage(
              r ->
                  r.channel(dm.getChannel().getId())
                      .text("approve?")
                      .blocks(
                          List.of(
                              Blocks.actions(
                                  a ->
                                      a.elements(
                                          List.of(
                                              BlockElements.button(
                                                  b ->
                                                      b.actionId("access.approve")
                                                          .value("rec-1")
                                                          .text(
                                                              BlockCompositions.plainText(
                                                                  "Approve")))))))));
      assertThat(posted.isOk()).isTrue();
      assertThat(slack.dmMessages(ann))
          .singleElement()
          .satisfies(m -> assertThat(m.actionIds()).containsExactly("access.approve"))
          .satisfies(m -> assertThat(m.buttonValues()).containsExactly("rec-1"));
      var updated =
          client.chatUpdate(r -> r.channel(posted.getChannel()).ts(posted.getTs()).text("done"));
      assertThat(updated.isOk()).isTrue();
      assertThat(slack.dmMessages(ann))
          .singleElement()
          .satisfies(m -> assertThat(m.text()).isEqualTo("done"))
          .satisfies(m -> assertThat(m.actionIds()).isEmpty());
    }

    @Test
    @DisplayName("posting to a user id opens the DM; a channel holds messages in order")
    void postToUserAndChannel() throws Exception {
      String bob = slack.user("bob@example.com", "bob");
      assertThat(client.chatPostMessage(r -> r.channel(bob).text("hi")).isOk()).isTrue();
      assertThat(slack.dmMessages(bob))
          .extracting(SlackEmulator.Message::text)
          .containsExactly("hi");
      String ops = slack.channel("ops", bob);
      client.chatPostMessage(r -> r.channel(ops).text("one"));
      client.chatPostMessage(r -> r.channel("#ops").text("two"));
      assertThat(slack.messages(ops))
          .extracting(SlackEmulator.Message::text)
          .containsExactly("one", "two");
      assertThat(client.chatPostEphemeral(r -> r.channel(ops).user(bob).text("psst")).isOk())
          .isTrue();
      assertThat(slack.ephemerals()).hasSize(1);
    }

    @Test
    @DisplayName("unknown channels and messages, empty messages and outsiders are refused")
    void refusals() throws Exception {
      String ops = slack.channel("ops");
      String eve = slack.user("eve@example.com", "eve");
      assertThat(client.chatPostMessage(r -> r.channel("C999999999").text("x")).getError())
          .isEqualTo("channel_not_found");
      assertThat(client.chatPostMessage(r -> r.channel(ops)).getError()).isEqualTo("no_text");
      assertThat(
              client.chatUpdate(r -> r.channel(ops).ts("1765000000.000999").text("x")).getError())
          .isEqualTo("message_not_found");
      assertThat(client.chatPostEphemeral(r -> r.channel(ops).user(eve).text("x")).getError())
          .isEqualTo("user_not_in_channel");
      assertThat(slack.messages(ops)).isEmpty();
    }

    @Test
    @DisplayName("an action id may repeat across blocks: one Keep per item block")
    void actionIdsPerBlock() throws Exception {
      String ops = slack.channel("ops");
      var keep1 =
          BlockElements.button(
              b ->
                  b.actionId("access.review.keep")
                      .value("rc-1/1")
                      .text(BlockCompositions.plainText("Keep")));
      var keep2 =
          BlockElements.button(
              b ->
                  b.actionId("access.review.keep")
                      .value("rc-1/2")
                      .text(BlockCompositions.plainText("Keep")));
      assertThat(
              client
                  .chatPostMessage(
                      r ->
                          r.channel(ops)
                              .text("items")
                              .blocks(
                                  List.of(
                                      Blocks.actions(a -> a.elements(List.of(keep1))),
                                      Blocks.actions(a -> a.elements(List.of(keep2))))))
                  .isOk())
          .isTrue();
    }
  }

  @Nested
  @DisplayName("users and views")
  class UsersAndViews {
    @Test
    @DisplayName("users are found by id and by e-mail, unknown ones are refused")
    void users() throws Exception {
      String ann = slack.user("Ann@Example.com", "ann");
      assertThat(client.usersInfo(r -> r.user(ann)).getUser().getProfile().getEmail())
          .isEqualTo("Ann@Example.com");
      assertThat(client.usersLookupByEmail(r -> r.email("ann@example.com")).getUser().getId())
          .isEqualTo(ann);
      assertThat(client.usersInfo(r -> r.user("U999999999")).getError())
          .isEqualTo("user_not_found");
      assertThat(client.usersLookupByEmail(r -> r.email("nobody@example.com")).getError())
          .isEqualTo("users_not_found");
      String bot = slack.bot("deploy-bot");
      var botUser = client.usersInfo(r -> r.user(bot)).getUser();
      assertThat(botUser.isBot()).isTrue();
      assertThat(botUser.getProfile().getEmail()).isNull();
    }

    @Test
    @DisplayName("a trigger id opens one view; a used or expired one is refused")
    void views() throws Exception {
      String trigger = slack.triggerId();
      var view =
          Views.view(
              v ->
                  v.type("modal")
                      .callbackId("access.request_modal")
                      .title(Views.viewTitle(t -> t.type("plain_text").text("Request access")))
                      .blocks(
                          List.of(
                              Blocks.section(
                                  s -> s.text(BlockCompositions.markdownText("Pick a role"))))));
      assertThat(client.viewsOpen(r -> r.triggerId(trigger).view(view)).isOk()).isTrue();
      assertThat(slack.views())
          .singleElement()
          .satisfies(
              v -> assertThat(v.path("callback_id").asText()).isEqualTo("access.request_modal"));
      assertThat(client.viewsOpen(r -> r.triggerId(trigger).view(view)).getError())
          .isEqualTo("expired_trigger_id");
      assertThat(client.viewsOpen(r -> r.triggerId("nope").view(view)).getError())
          .isEqualTo("invalid_trigger_id");
    }

    @Test
    @DisplayName("views.update replaces an open view; a stale hash or unknown view is refused")
    void update() throws Exception {
      String trigger = slack.triggerId();
      var first =
          Views.view(
              v ->
                  v.type("modal")
                      .title(Views.viewTitle(t -> t.type("plain_text").text("Request access")))
                      .blocks(
                          List.of(
                              Blocks.section(s -> s.text(BlockCompositions.markdownText("1"))))));
      var opened = client.viewsOpen(r -> r.triggerId(trigger).view(first)).getView();
      var second =
          Views.view(
              v ->
                  v.type("modal")
                      .title(Views.viewTitle(t -> t.type("plain_text").text("Request access")))
                      .blocks(
                          List.of(
                              Blocks.section(s -> s.text(BlockCompositions.markdownText("2"))))));
      var updated =
          client.viewsUpdate(r -> r.viewId(opened.getId()).hash(opened.getHash()).view(second));
      assertThat(updated.isOk()).isTrue();
      assertThat(updated.getView().getId()).isEqualTo(opened.getId());
      assertThat(slack.views().get(0).toString()).contains("\"2\"").doesNotContain("\"1\"");
      assertThat(
              client
                  .viewsUpdate(r -> r.viewId(opened.getId()).hash(opened.getHash()).view(second))
                  .getError())
          .isEqualTo("hash_conflict");
      assertThat(client.viewsUpdate(r -> r.viewId("V0NONE").view(second)).getError())
          .isEqualTo("not_found");
    }
  }

  @Nested
  @DisplayName("auth and faults")
  class Faults {
    @Test
    @DisplayName("a wrong token is invalid_auth, no token not_authed; nothing is posted")
    void auth() throws Exception {
      String ops = slack.channel("ops");
      assertThat(
              slack.client("xoxb-wrong").chatPostMessage(r -> r.channel(ops).text("x")).getError())
          .isEqualTo("invalid_auth");
      assertThat(slack.client("").chatPostMessage(r -> r.channel(ops).text("x")).getError())
          .isEqualTo("not_authed");
      assertThat(slack.messages(ops)).isEmpty();
      // The document requires a token, so the request without one is the one violation.
      assertThat(slack.violations())
          .singleElement()
          .satisfies(v -> assertThat(v).contains("'token' is required"));
      slack.server().resetRequests();
    }

    @Test
    @DisplayName("scripted 429 carries Retry-After; 5xx and invalid_auth answer once each")
    void scripted() throws Exception {
      String ops = slack.channel("ops");
      slack.failNext(
          "chat.postMessage", Fault.ratelimited(7), Fault.status(503), Fault.invalidAuth());
      assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel(ops).text("x")))
          .isInstanceOfSatisfying(
              SlackApiException.class,
              e -> {
                assertThat(e.getResponse().code()).isEqualTo(429);
                assertThat(e.getResponse().header("Retry-After")).isEqualTo("7");
                assertThat(e.getError().getError()).isEqualTo("ratelimited");
              });
      assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel(ops).text("x")))
          .isInstanceOfSatisfying(
              SlackApiException.class, e -> assertThat(e.getResponse().code()).isEqualTo(503));
      assertThat(client.chatPostMessage(r -> r.channel(ops).text("x")).getError())
          .isEqualTo("invalid_auth");
      assertThat(client.chatPostMessage(r -> r.channel(ops).text("x")).isOk()).isTrue();
      assertThat(slack.messages(ops)).hasSize(1);
      assertThat(slack.count("chat.postMessage")).isEqualTo(4);
    }
  }
}
