package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.slack.InteractionResult.Outcome;
import dev.accessgov.slack.emulator.SlackEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Requests made in Slack, against the emulator: the slash command and the shortcut open the request
 * modal, the roles follow the chosen application, and the submission calls {@code grant} for the
 * Slack user, once per modal.
 */
class SlackRequestsTest {
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

  /** The option values of the select with this action id in a view. */
  private static List<String> options(JsonNode view, String actionId) {
    List<String> values = new ArrayList<>();
    for (JsonNode block : view.path("blocks")) {
      if (block.path("element").path("action_id").asText().equals(actionId)) {
        block.path("element").path("options").forEach(o -> values.add(o.path("value").asText()));
      }
    }
    return values;
  }

  private static String blockOf(JsonNode view, String actionId) {
    for (JsonNode block : view.path("blocks")) {
      if (block.path("element").path("action_id").asText().equals(actionId)) {
        return block.path("block_id").asText();
      }
    }
    throw new AssertionError("no " + actionId + " in " + view);
  }

  /** Opens the modal for bob, picks wiki and wiki/edit as Slack would, and returns the view. */
  private JsonNode openAndPick(String person, String app, String role) {
    assertThat(s.send(s.in.command(s.id(person), s.slack.triggerId())).outcome())
        .isEqualTo(Outcome.MODAL_OPENED);
    JsonNode view = s.lastView();
    ObjectNode values = Interactions.requestValues(app, null, null, null, null, "");
    assertThat(
            s.send(
                    s.in.select(
                        s.id(person),
                        view.path("id").asText(),
                        view.path("hash").asText(),
                        values,
                        "access.request.app",
                        app))
                .outcome())
        .isEqualTo(Outcome.MODAL_UPDATED);
    view = s.lastView();
    ObjectNode withRole =
        Interactions.requestValues(app, blockOf(view, "access.request.role"), role, null, null, "");
    assertThat(
            s.send(
                    s.in.select(
                        s.id(person),
                        view.path("id").asText(),
                        view.path("hash").asText(),
                        withRole,
                        "access.request.role",
                        role))
                .outcome())
        .isEqualTo(Outcome.MODAL_UPDATED);
    return s.lastView();
  }

  private InteractionResult submit(String person, JsonNode view, String duration, String reason) {
    ObjectNode values =
        Interactions.requestValues(
            "wiki",
            blockOf(view, "access.request.role"),
            "wiki/edit",
            blockOf(view, "access.request.duration"),
            duration,
            reason);
    return s.send(
        s.in.submit(s.id(person), view.path("id").asText(), "access.request_modal", "", values));
  }

  @Nested
  @DisplayName("opening the modal")
  class Opening {
    @Test
    @DisplayName("/access opens the request modal with the catalog's applications")
    void command() {
      InteractionResult r = s.send(s.in.command(s.id("bob"), s.slack.triggerId()));
      assertThat(r.outcome()).isEqualTo(Outcome.MODAL_OPENED);
      assertThat(r.httpStatus()).isEqualTo(200);
      assertThat(r.body()).isEmpty();
      JsonNode view = s.lastView();
      assertThat(view.path("callback_id").asText()).isEqualTo("access.request_modal");
      assertThat(options(view, "access.request.app")).containsExactly("wiki", "crm");
      assertThat(options(view, "access.request.role")).isEmpty();
    }

    @Test
    @DisplayName("the global shortcut opens it too")
    void shortcut() {
      InteractionResult r =
          s.send(s.in.shortcut(s.id("bob"), "access.request", s.slack.triggerId()));
      assertThat(r.outcome()).isEqualTo(Outcome.MODAL_OPENED);
      assertThat(s.lastView().path("callback_id").asText()).isEqualTo("access.request_modal");
    }

    @Test
    @DisplayName("someone the directory does not know is told why, in the command's answer")
    void stranger() {
      List<Object> before = w.snapshot();
      InteractionResult r = s.send(s.in.command(s.stranger, s.slack.triggerId()));
      assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN_PERSON);
      assertThat(r.contentType()).isEqualTo("application/json");
      assertThat(r.body())
          .contains("\"response_type\":\"ephemeral\"")
          .contains("stranger@elsewhere.test");
      assertThat(s.slack.views()).isEmpty();
      assertThat(w.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("an inactive person's shortcut opens a notice saying why, not the form")
    void inactiveShortcut() {
      InteractionResult r =
          s.send(s.in.shortcut(s.id("dan"), "access.request", s.slack.triggerId()));
      assertThat(r.outcome()).isEqualTo(Outcome.INACTIVE_PERSON);
      assertThat(s.lastView().path("callback_id").asText()).isEmpty();
      assertThat(s.lastView().toString()).contains("not active");
    }

    @Test
    @DisplayName("roles follow the chosen application; durations the chosen role's window")
    void rolesFollow() {
      JsonNode view = openAndPick("bob", "crm", "crm/user");
      assertThat(options(view, "access.request.role")).containsExactly("crm/user");
      view = openAndPick("bob", "wiki", "wiki/edit");
      assertThat(options(view, "access.request.role"))
          .containsExactly("wiki/read", "wiki/edit", "wiki/admin");
      assertThat(options(view, "access.request.duration"))
          .isNotEmpty()
          .allSatisfy(
              d ->
                  assertThat(Duration.parse(d))
                      .isBetween(Duration.ofHours(1), Duration.ofHours(8)));
    }
  }

  @Nested
  @DisplayName("submitting")
  class Submitting {
    @Test
    @DisplayName("creates one record for the Slack user, once however often it is submitted")
    void grants() {
      JsonNode view = openAndPick("bob", "wiki", "wiki/edit");

      InteractionResult r = submit("bob", view, "PT2H", "release 4.2");

      assertThat(r.outcome()).isEqualTo(Outcome.REQUESTED);
      assertThat(r.body())
          .contains("\"response_action\":\"update\"")
          .contains("waiting for approval");
      List<AccessRecord> records = w.access.find(RecordQuery.all());
      assertThat(records)
          .singleElement()
          .satisfies(
              rec -> {
                assertThat(rec.requester().value()).isEqualTo("bob");
                assertThat(rec.subject().value()).isEqualTo("bob");
                assertThat(rec.roleId().value()).isEqualTo("wiki/edit");
                assertThat(rec.duration()).isEqualTo(Duration.ofHours(2));
                assertThat(rec.reason()).isEqualTo("release 4.2");
                assertThat(rec.state()).isEqualTo(RecordState.PENDING_APPROVAL);
              });
      List<Object> before = w.snapshot();
      w.clock.advance(Duration.ofSeconds(1)); // a second submit: signed anew

      InteractionResult again = submit("bob", view, "PT2H", "release 4.2");

      assertThat(again.outcome()).isEqualTo(Outcome.REQUESTED);
      assertThat(again.subject()).isEqualTo(r.subject());
      assertThat(w.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a duration outside the role's window and a blank reason: inline errors, nothing")
    void badInput() {
      JsonNode view = openAndPick("bob", "wiki", "wiki/edit");
      List<Object> before = w.snapshot();

      InteractionResult r = submit("bob", view, "PT12H", " ");

      assertThat(r.outcome()).isEqualTo(Outcome.INVALID_INPUT);
      assertThat(r.body())
          .contains("\"response_action\":\"errors\"")
          .contains(blockOf(view, "access.request.duration"))
          .contains("\"reason\"");
      assertThat(w.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a request the service refuses (already awaited) is an inline error; nothing")
    void refusedByService() {
      w.request("wiki/edit", "bob");
      JsonNode view = openAndPick("bob", "wiki", "wiki/edit");
      List<Object> before = w.snapshot();

      InteractionResult r = submit("bob", view, "PT2H", "again");

      assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT);
      assertThat(r.body()).contains("\"response_action\":\"errors\"");
      assertThat(w.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName(
        "done when: a request made in the modal reaches the approver through the module's"
            + " delivery, is approved there, and its walkthrough names requester, approver, time"
            + " and message")
    void requestedThenApprovedInSlack() throws Exception {
      try (SlackNotifications delivery =
          SlackNotifications.builder()
              .settings(Company.settings(s.slack.methodsUrl(), SlackEmulator.TOKEN))
              .catalog(s.world.catalog)
              .people(s.world.people)
              .outbox(new InMemoryOutbox())
              .build()
              .start(s.world.access)) {
        JsonNode view = openAndPick("bob", "wiki", "wiki/edit");
        InteractionResult requested = submit("bob", view, "PT4H", "release 4.2 needs edits");
        AccessRecord record =
            w.access.record(dev.accessgov.record.RecordId.of(requested.subject()));
        assertThat(delivery.flush(World.SETTLED)).as("the approval request was delivered").isTrue();
        List<SlackEmulator.Message> carolsDm = s.slack.dmMessages(s.id("carol"));
        assertThat(carolsDm)
            .as("bob's manager is asked, by direct message, with buttons for this record")
            .singleElement()
            .satisfies(m -> assertThat(m.buttonValues()).contains(record.id().value()));
        assertThat(s.slack.dmMessages(s.id("bob"))).as("never the requester").isEmpty();
        SlackEmulator.Message asked = carolsDm.get(0);
        w.clock.advance(Duration.ofMinutes(7));

        InteractionResult approved =
            s.send(
                s.in.click(
                    s.id("carol"),
                    asked.channel(),
                    asked.ts(),
                    "access.approve",
                    record.id().value(),
                    "1772442420.000200",
                    (ArrayNode) asked.blocks().deepCopy()));

        assertThat(approved.outcome()).isEqualTo(Outcome.APPROVED);
        AccessRecord after = w.access.record(record.id());
        assertThat(after.state()).isEqualTo(RecordState.ACTIVE);
        String walkthrough = after.walkthrough().toString();
        String message = Interactions.TEAM + "/" + asked.channel() + "/" + asked.ts();
        assertThat(walkthrough)
            .contains("bob requested wiki/edit for bob at 2026-03-02T09:00:00Z")
            .contains("release 4.2 needs edits")
            .contains("approved by person:carol")
            .contains("at 2026-03-02T09:07:00Z [decision " + message)
            .contains(" in slack]");
        assertThat(after.walkthrough().isComplete()).isTrue();
        assertThat(delivery.flush(World.SETTLED)).isTrue();
        assertThat(s.slack.dmMessages(s.id("carol")))
            .as("the message now says who approved, and offers no more buttons")
            .singleElement()
            .satisfies(m -> assertThat(m.actionIds()).isEmpty());
        assertThat(s.slack.violations()).isEmpty();
      }
    }
  }
}
