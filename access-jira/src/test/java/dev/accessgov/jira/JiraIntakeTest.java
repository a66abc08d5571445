package dev.accessgov.jira;

import static dev.accessgov.jira.IntakeWorld.form;
import static dev.accessgov.jira.IntakeWorld.keyOf;
import static dev.accessgov.jira.IntakeWorld.option;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.GrantRequest;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.jira.WebhookResult.Outcome;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A request raised with the JSM request type becomes a record on that issue, or is declined. */
class JiraIntakeTest {
  private final IntakeWorld world = new IntakeWorld();

  @AfterEach
  void stop() {
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(world.jira.dropped()).isZero();
    assertThat(SpecValidator.violations(world.emulator.server().getAllServeEvents())).isEmpty();
    world.close();
  }

  private AccessRecord only() {
    assertThat(world.records()).hasSize(1);
    return world.records().get(0);
  }

  @Nested
  @DisplayName("a valid request")
  class Valid {
    @Test
    @DisplayName("becomes one record linked to the issue it was raised as; no issue is created")
    void becomesRecord() {
      String body = world.raise(form("acc-bob", "wiki / edit", "8 hours"));
      String key = keyOf(body);
      WebhookResult result = world.deliver(body);
      assertThat(result.outcome()).isEqualTo(Outcome.REQUESTED);
      assertThat(result.httpStatus()).isEqualTo(200);
      AccessRecord r = only();
      assertThat(result.recordId()).isEqualTo(r.id());
      assertThat(r.subject()).isEqualTo(PersonId.of("bob"));
      assertThat(r.requester()).isEqualTo(PersonId.of("bob"));
      assertThat(r.roleId().value()).isEqualTo("wiki/edit");
      assertThat(r.duration()).isEqualTo(Duration.ofHours(8));
      assertThat(r.reason()).isEqualTo("release 4.2");
      assertThat(r.ticketKey()).isEqualTo(key);
      assertThat(r.state()).isEqualTo(RecordState.PENDING_APPROVAL);
      assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(world.emulator.issueKeys()).containsExactly(key);
      assertThat(world.emulator.property(key, "accessgov.record").path("recordId").asText())
          .isEqualTo(r.id().value());
      assertThat(world.emulator.comments(key))
          .singleElement()
          .asString()
          .startsWith("REQUESTED by person:bob");
      assertThat(world.emulator.status(key)).isEqualTo("To Do");
    }

    @Test
    @DisplayName("redelivered, under the same or a new delivery id: no second record or comment")
    void redelivered() {
      String body = world.raise(form("acc-bob", "wiki / edit", "2 days"));
      String key = keyOf(body);
      WebhookResult first = world.deliver(body, IntakeWorld.SECRET, "d-1");
      assertThat(world.deliver(body, IntakeWorld.SECRET, "d-1").outcome())
          .isEqualTo(Outcome.DUPLICATE);
      assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
      WebhookResult again = world.deliver(body, IntakeWorld.SECRET, "d-2");
      assertThat(again.outcome()).isEqualTo(Outcome.REQUESTED);
      assertThat(again.recordId()).isEqualTo(first.recordId());
      assertThat(only().events(EvidenceType.REQUESTED)).hasSize(1);
      assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(world.emulator.comments(key)).hasSize(1);
      assertThat(world.emulator.issueKeys()).containsExactly(key);
    }

    @Test
    @DisplayName("names its subject in the user picker; people are resolved through the directory")
    void forSomeoneElse() {
      ObjectNode f = form("acc-carol", "wiki / read", null);
      f.putObject(IntakeWorld.SUBJECT).put("accountId", "acc-dan").put("displayName", "Dan");
      WebhookResult result = world.deliver(world.raise(f));
      assertThat(result.outcome()).isEqualTo(Outcome.REQUESTED);
      AccessRecord r = only();
      assertThat(r.subject()).isEqualTo(PersonId.of("dan"));
      assertThat(r.requester()).isEqualTo(PersonId.of("carol"));
      assertThat(r.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(world.idp.isMember("wiki-read", "dan")).isTrue();
    }

    @Test
    @DisplayName("without a duration gets the role's default")
    void defaultDuration() {
      world.deliver(world.raise(form("acc-bob", "wiki / edit", null)));
      assertThat(only().duration()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    @DisplayName("approved through JSM: the walkthrough names requester, approver, time and issue")
    void walkthrough() {
      String body = world.raise(form("acc-bob", "wiki / edit", "8 hours"));
      String key = keyOf(body);
      world.deliver(body);
      assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue(); // the issue names its record
      world.clock.advance(Duration.ofMinutes(30));
      world.emulator.approval(key, "7", "approved", Map.of("acc-carol", "approved"));
      WebhookResult approved = world.deliver(JiraWebhookTest.issueUpdated(key, "Approved"));
      assertThat(approved.outcome()).isEqualTo(Outcome.APPLIED);
      AccessRecord r = only();
      assertThat(r.state()).isEqualTo(RecordState.ACTIVE);
      String walkthrough = r.walkthrough().toString();
      assertThat(walkthrough)
          .contains(
              "bob requested wiki/edit for bob at 2026-01-05T09:00:00Z in "
                  + key
                  + ": \"release 4.2\"")
          .contains("approved by person:carol")
          .contains("at 2026-01-05T09:30:00Z [decision 7 in jira]")
          .contains("approved in Jira " + key);
      assertThat(r.walkthrough().isComplete()).isTrue();
      assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(world.emulator.comments(key))
          .anySatisfy(c -> assertThat(c).startsWith("APPROVED by person:carol"));
      assertThat(world.emulator.status(key)).isEqualTo("In Progress");
    }
  }

  @Nested
  @DisplayName("a refused request is declined on its issue; nothing is granted")
  class Refused {
    private void declined(String body, String... why) {
      String key = keyOf(body);
      WebhookResult result = world.deliver(body);
      assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
      assertThat(result.httpStatus()).isEqualTo(200);
      assertThat(result.recordId()).isNull();
      assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(world.declines(key)).singleElement().asString().contains(why);
      assertThat(world.declines(key).get(0)).contains("Nothing was granted");
      assertThat(world.emulator.status(key)).isEqualTo("Declined");
      assertThat(world.idp.isMember("wiki-edit", "bob")).isFalse();
    }

    @Test
    @DisplayName("an unknown role")
    void unknownRole() {
      declined(
          world.raise(form("acc-bob", "wiki / root", "8 hours")),
          "the role 'wiki / root' is not in the catalog",
          "wiki / edit");
      assertThat(world.records()).isEmpty();
    }

    @Test
    @DisplayName("a role of another application than the one chosen")
    void roleOfAnotherApplication() {
      ObjectNode f = form("acc-bob", "wiki / edit", "8 hours");
      option(f, IntakeWorld.APPLICATION, "billing");
      declined(world.raise(f), "is not a role of the application 'billing'");
      assertThat(world.records()).isEmpty();
    }

    @Test
    @DisplayName("an unknown application")
    void unknownApplication() {
      ObjectNode f = form("acc-bob", "wiki / read", null);
      option(f, IntakeWorld.APPLICATION, "payroll");
      declined(world.raise(f), "the application 'payroll' is not in the catalog");
      assertThat(world.records()).isEmpty();
    }

    @Test
    @DisplayName("a separation-of-duties conflict")
    void sod() {
      world.access.grant(
          GrantRequest.builder()
              .subject("dan")
              .requester("dan")
              .role("billing/pay")
              .reason("payroll")
              .build());
      declined(
          world.raise(form("acc-dan", "billing / approve", null)),
          "separation of duties",
          "pay-and-approve");
      assertThat(world.records()).hasSize(1);
      assertThat(world.idp.isMember("pay-approve", "dan")).isFalse();
    }

    @Test
    @DisplayName("a duration longer than the role's maximum")
    void tooLong() {
      declined(
          world.raise(form("acc-bob", "wiki / edit", "30 days")),
          "duration PT720H for role wiki/edit is outside the allowed PT1H..PT168H");
      assertThat(world.records()).isEmpty();
    }

    @Test
    @DisplayName("a reporter who is not in the people directory")
    void strangerReports() {
      declined(
          world.raise(form("acc-stranger", "wiki / read", null)),
          "the reporter (Jira account acc-stranger) is not in the people directory");
      assertThat(world.records()).isEmpty();
    }

    @Test
    @DisplayName("a reporter whose Jira account maps to nobody")
    void unmappedReporter() {
      declined(
          world.raise(form("acc-nobody", "wiki / read", null)),
          "the reporter (Jira account acc-nobody) is not in the people directory");
      assertThat(world.records()).isEmpty();
    }

    @Test
    @DisplayName("a subject who has left")
    void inactiveSubject() {
      ObjectNode f = form("acc-carol", "wiki / read", null);
      f.putObject(IntakeWorld.SUBJECT).put("accountId", "acc-ivan");
      declined(world.raise(f), "subject ivan is not active in the people directory");
      assertThat(world.records()).isEmpty();
    }

    @Test
    @DisplayName("no role chosen")
    void noRole() {
      declined(world.raise(form("acc-bob", null, null)), "the request names no role");
      assertThat(world.records()).isEmpty();
    }

    @Test
    @DisplayName("redelivered: still one declining comment, and still no record")
    void redeliveredDecline() {
      String body = world.raise(form("acc-bob", "wiki / root", null));
      String key = keyOf(body);
      assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
      assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
      assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
      assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(world.declines(key)).hasSize(1);
      assertThat(world.emulator.status(key)).isEqualTo("Declined");
      assertThat(world.records()).isEmpty();
    }
  }

  @Test
  @DisplayName("a redelivery to a restarted process finds the decline on the issue: no 2nd comment")
  void redeliveredAfterRestart() {
    String body = world.raise(form("acc-stranger", "wiki / read", null));
    String key = keyOf(body);
    assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    // The person joins meanwhile; a new process (no memory of the issue) gets the redelivery.
    world.people.add("stranger", null).alias("stranger", "stranger@elsewhere.example");
    try (JiraTicketing restarted = Fixtures.jira(world.emulator).build()) {
      JiraWebhookHandler handler =
          JiraWebhookHandler.builder()
              .ticketing(restarted)
              .accessService(world.access)
              .secret(() -> IntakeWorld.SECRET)
              .accountToPerson(
                  a -> java.util.Optional.ofNullable(IntakeWorld.ACCOUNTS.get(a)).map(PersonId::of))
              .peopleDirectory(world.people)
              .catalog(world.catalog)
              .requestType(world.requestType)
              .build();
      byte[] raw = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      WebhookResult again =
          handler.handle(
              Map.of(
                  "X-Hub-Signature",
                  java.util.List.of(
                      dev.accessgov.jira.internal.Signatures.sign(IntakeWorld.SECRET, raw))),
              raw);
      assertThat(again.outcome()).isEqualTo(Outcome.DECLINED);
      assertThat(again.detail()).contains("was declined before");
      assertThat(restarted.flush(Fixtures.SETTLED)).isTrue();
    }
    assertThat(world.records()).isEmpty();
    assertThat(world.declines(key)).hasSize(1);
    assertThat(world.emulator.status(key)).isEqualTo("Declined");
  }

  @Test
  @DisplayName("declined once stays declined: a redelivery after the cause is fixed grants nothing")
  void declinedStaysDeclined() {
    String body = world.raise(form("acc-stranger", "wiki / read", null));
    assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
    world.people.add("stranger", null).alias("stranger", "stranger@elsewhere.example");
    assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(world.records()).isEmpty();
    assertThat(world.declines(IntakeWorld.keyOf(body))).hasSize(1);
  }

  @Test
  @DisplayName("Jira unreadable at delivery: 503 and nothing granted; the redelivery is handled")
  void jiraUnavailable() {
    String body = world.raise(form("acc-bob", "wiki / edit", "8 hours"));
    world.emulator.down(true);
    WebhookResult result = world.deliver(body, IntakeWorld.SECRET, "d-5");
    assertThat(result.outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(result.httpStatus()).isEqualTo(503);
    assertThat(world.records()).isEmpty();
    world.emulator.down(false);
    assertThat(world.deliver(body, IntakeWorld.SECRET, "d-5").outcome())
        .isEqualTo(Outcome.REQUESTED);
    assertThat(world.records()).hasSize(1);
  }

  @Test
  @DisplayName("a decline whose comment meets an outage is posted once Jira answers, then moved")
  void declineAfterOutage() throws InterruptedException {
    String body = world.raise(form("acc-bob", "wiki / root", null));
    String key = keyOf(body);
    try (var held = world.emulator.hold("POST", "/rest/api/3/issue/" + key + "/comment")) {
      assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
      assertThat(held.awaitArrival(Fixtures.SETTLED)).isTrue();
      world.emulator.down(true);
      held.release();
      assertThat(held.awaitAnswered(Fixtures.SETTLED)).isTrue();
    }
    assertThat(world.emulator.comments(key)).isEmpty();
    world.emulator.down(false);
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(world.declines(key)).hasSize(1);
    assertThat(world.emulator.status(key)).isEqualTo("Declined");
  }

  @Test
  @DisplayName("a forged signature is refused before the body is read; nothing changes")
  void forged() {
    String body = world.raise(form("acc-bob", "wiki / read", null));
    String key = keyOf(body);
    long before = world.emulator.server().getAllServeEvents().size();
    WebhookResult result = world.deliver(body, "guessed-secret", "d-forged");
    assertThat(result.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    assertThat(result.httpStatus()).isEqualTo(401);
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(world.records()).isEmpty();
    assertThat(world.emulator.comments(key)).isEmpty();
    assertThat(world.emulator.status(key)).isEqualTo("To Do");
    assertThat(world.emulator.server().getAllServeEvents()).hasSize((int) before);
    assertThat(world.idp.isMember("wiki-read", "bob")).isFalse();
  }

  @Test
  @DisplayName("an issue of another request type is not read as a request")
  void otherRequestType() {
    ObjectNode f = form("acc-bob", "wiki / read", null);
    ((ObjectNode) f.path(IntakeWorld.REQUEST_TYPE_FIELD).path("requestType")).put("id", "31");
    String body = world.raise(f);
    assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.UNKNOWN_ISSUE);
    assertThat(world.records()).isEmpty();
    assertThat(world.emulator.comments(keyOf(body))).isEmpty();
  }

  @Test
  @DisplayName("an issue the ticketing created to mirror a record is not read as a request")
  void mirrorIssue() {
    ObjectNode f = form("acc-bob", "wiki / read", null);
    f.putArray("labels").add("accessgov-ar-123");
    assertThat(world.deliver(world.raise(f)).outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(world.records()).isEmpty();
  }

  @Test
  @DisplayName("the handler refuses to read the ticketing's own request type as the portal's")
  void ownRequestType() {
    var jsm = Fixtures.jsm(world.emulator).build();
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  JiraWebhookHandler.builder()
                      .ticketing(jsm)
                      .accessService(world.access)
                      .secret(() -> IntakeWorld.SECRET)
                      .accountToPerson(a -> java.util.Optional.empty())
                      .peopleDirectory(world.people)
                      .catalog(world.catalog)
                      .requestType(
                          JiraRequestType.builder()
                              .requestTypes(dev.accessgov.jira.emulator.JiraEmulator.REQUEST_TYPE)
                              .roleField(IntakeWorld.ROLE)
                              .build())
                      .build())
          .isInstanceOf(dev.accessgov.AccessConfigurationException.class)
          .hasMessageContaining("JSM request type 17 is the one JiraTicketing creates");
    } finally {
      jsm.close();
    }
  }

  @Test
  @DisplayName("a request type without a catalog is a configuration error naming catalog(...)")
  void needsCatalog() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                JiraWebhookHandler.builder()
                    .ticketing(world.jira)
                    .accessService(world.access)
                    .secret(() -> IntakeWorld.SECRET)
                    .accountToPerson(a -> java.util.Optional.empty())
                    .peopleDirectory(world.people)
                    .requestType(world.requestType)
                    .build())
        .isInstanceOf(dev.accessgov.AccessConfigurationException.class)
        .hasMessageContaining("catalog(...)");
  }
}
