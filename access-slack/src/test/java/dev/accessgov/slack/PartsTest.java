package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.util.json.GsonFactory;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.slack.internal.Payloads;
import dev.accessgov.slack.internal.RequestModal;
import dev.accessgov.slack.internal.SlackPeople;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The parts of the handler that need no HTTP: payloads, people, the request modal. */
class PartsTest {
  private static final Gson GSON = GsonFactory.createSnakeCase();
  private final Company world = new Company();
  private final Interactions slack = new Interactions(Company.SECRET, world.clock);

  @Nested
  @DisplayName("payloads are read with the SDK's models")
  class PayloadsRead {
    @Test
    @DisplayName("a slash command's form fields")
    void command() {
      Payloads.Interaction i = Payloads.parse(slack.command("U0BOB", "trig-1").text());
      assertThat(i).isInstanceOf(Payloads.Command.class);
      assertThat(((Payloads.Command) i).payload().getUserId()).isEqualTo("U0BOB");
      assertThat(((Payloads.Command) i).payload().getTriggerId()).isEqualTo("trig-1");
    }

    @Test
    @DisplayName("a button click, with its channel, message ts and value")
    void click() {
      Payloads.Interaction i =
          Payloads.parse(
              slack
                  .click(
                      "U0CAROL",
                      "C0APPROVALS",
                      "111.222",
                      "access.approve",
                      "ar-1",
                      "333.444",
                      Interactions.noBlocks())
                  .text());
      assertThat(i).isInstanceOf(Payloads.Actions.class);
      var p = ((Payloads.Actions) i).payload();
      assertThat(p.getContainer().getMessageTs()).isEqualTo("111.222");
      assertThat(p.getActions().get(0).getValue()).isEqualTo("ar-1");
      assertThat(p.getActions().get(0).getActionTs()).isEqualTo("333.444");
    }

    @Test
    @DisplayName("a view submission with its state, and a shortcut")
    void submissionAndShortcut() {
      ObjectNode values = Interactions.requestValues("wiki", null, null, null, null, "why");
      assertThat(
              Payloads.parse(
                  slack.submit("U0BOB", "V1", "access.request_modal", "", values).text()))
          .isInstanceOf(Payloads.Submission.class);
      assertThat(Payloads.parse(slack.shortcut("U0BOB", "access.request", "t").text()))
          .isInstanceOf(Payloads.Shortcut.class);
    }

    @Test
    @DisplayName("anything else is not read: an empty body, a form without payload or command")
    void junk() {
      assertThat(Payloads.parse("")).isNull();
      assertThat(Payloads.parse("a=b&c=d")).isNull();
      assertThat(Payloads.parse("payload=%7Bnot-json")).isNull();
    }
  }

  @Nested
  @DisplayName("a Slack user is a person by e-mail, never by name")
  class People {
    private final SlackPeople people =
        new SlackPeople(u -> Optional.ofNullable(Company.SLACK_EMAILS.get(u)), world.people);

    @Test
    @DisplayName("an e-mail in another case resolves to the canonical person")
    void known() {
      assertThat(people.map("U0CAROL"))
          .isInstanceOfSatisfying(
              SlackPeople.Known.class, k -> assertThat(k.person().id().value()).isEqualTo("carol"));
    }

    @Test
    @DisplayName("an inactive person, an unknown e-mail and a bot without e-mail are refused")
    void refused() {
      assertThat(people.map("U0DAN")).isInstanceOf(SlackPeople.Inactive.class);
      assertThat(people.map("U0STRANGER")).isInstanceOf(SlackPeople.Unknown.class);
      assertThat(people.map("U0BOT")).isInstanceOf(SlackPeople.NoEmail.class);
    }
  }

  @Nested
  @DisplayName("the request modal is built from the catalog")
  class Modal {
    private final RequestModal modal = new RequestModal(world.catalog);

    private ViewState state(ObjectNode values) {
      ObjectNode s = Interactions.JSON.createObjectNode();
      s.set("values", values);
      return GSON.fromJson(s.toString(), ViewState.class);
    }

    private List<String> options(View v, String actionId) {
      for (LayoutBlock b : v.getBlocks()) {
        if (b instanceof InputBlock in
            && in.getElement() instanceof StaticSelectElement s
            && actionId.equals(s.getActionId())) {
          return s.getOptions().stream().map(o -> o.getValue()).toList();
        }
      }
      return List.of();
    }

    @Test
    @DisplayName("first only the applications; the roles offered are the chosen application's")
    void rolesFollowTheApplication() {
      View empty = modal.view(null, null, null);
      assertThat(empty.getCallbackId()).isEqualTo("access.request_modal");
      assertThat(options(empty, RequestModal.APP_ACTION)).containsExactly("wiki", "crm");
      assertThat(options(empty, RequestModal.ROLE_ACTION)).isEmpty();
      assertThat(options(modal.view("wiki", null, null), RequestModal.ROLE_ACTION))
          .containsExactly("wiki/read", "wiki/edit", "wiki/admin");
      assertThat(options(modal.view("crm", null, null), RequestModal.ROLE_ACTION))
          .containsExactly("crm/user");
    }

    @Test
    @DisplayName("durations offered lie within the role's window")
    void durationsWithinWindow() {
      List<String> offered =
          options(modal.view("wiki", RoleId.of("wiki/edit"), null), RequestModal.DURATION_ACTION);
      assertThat(offered).isNotEmpty();
      assertThat(offered.stream().map(Duration::parse))
          .allSatisfy(d -> assertThat(d).isBetween(Duration.ofHours(1), Duration.ofHours(8)));
      assertThat(offered).contains("PT4H", "PT8H", "PT1H");
    }

    @Test
    @DisplayName("a complete submission reads as a draft")
    void draft() {
      String roleBlock = blockOf(modal.view("wiki", null, null), RequestModal.ROLE_ACTION);
      String durationBlock =
          blockOf(modal.view("wiki", RoleId.of("wiki/edit"), null), RequestModal.DURATION_ACTION);
      RequestModal.Reading r =
          modal.read(
              state(
                  Interactions.requestValues(
                      "wiki", roleBlock, "wiki/edit", durationBlock, "PT2H", " release 4.2 ")));
      assertThat(r)
          .isEqualTo(
              new RequestModal.Draft(RoleId.of("wiki/edit"), Duration.ofHours(2), "release 4.2"));
    }

    @Test
    @DisplayName("bad input reads as errors on the blocks concerned")
    void errors() {
      String roleBlock = blockOf(modal.view("wiki", null, null), RequestModal.ROLE_ACTION);
      String durationBlock =
          blockOf(modal.view("wiki", RoleId.of("wiki/edit"), null), RequestModal.DURATION_ACTION);
      assertThat(modal.read(state(Interactions.requestValues(null, null, null, null, null, "x"))))
          .isEqualTo(
              new RequestModal.Errors(
                  java.util.Map.of("app", "Choose an application from the list.")));
      RequestModal.Reading r =
          modal.read(
              state(
                  Interactions.requestValues(
                      "wiki", roleBlock, "wiki/edit", durationBlock, "PT12H", "  ")));
      assertThat(r).isInstanceOf(RequestModal.Errors.class);
      assertThat(((RequestModal.Errors) r).byBlock()).containsOnlyKeys(durationBlock, "reason");
      // a role of another application, left in the state, is no choice
      RequestModal.Reading other =
          modal.read(
              state(Interactions.requestValues("crm", roleBlock, "wiki/edit", null, null, "x")));
      assertThat(((RequestModal.Errors) other).byBlock()).hasSize(1);
    }

    private String blockOf(View v, String actionId) {
      for (LayoutBlock b : v.getBlocks()) {
        if (b instanceof InputBlock in
            && in.getElement() instanceof StaticSelectElement s
            && actionId.equals(s.getActionId())) {
          return in.getBlockId();
        }
      }
      throw new AssertionError("no block for " + actionId);
    }
  }
}
