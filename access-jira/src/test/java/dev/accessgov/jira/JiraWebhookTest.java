package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.jira.WebhookResult.Outcome;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.jira.internal.Signatures;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Signed Jira webhooks become approvals only through JSM approvals and the role's policy. */
class JiraWebhookTest {
  private static final String SECRET = "webhook-secret-for-tests";
  private static final Map<String, String> ACCOUNTS =
      Map.of("acc-carol", "carol", "acc-alice", "alice", "acc-bob", "bob");

  private final JiraEmulator emulator = new JiraEmulator();
  private final JiraTicketing jira = Fixtures.jira(emulator).build();
  private final World world = new World(jira);
  private final JiraWebhookHandler handler =
      JiraWebhookHandler.builder()
          .ticketing(jira)
          .accessService(world.access)
          .secret(() -> SECRET)
          .accountToPerson(a -> Optional.ofNullable(ACCOUNTS.get(a)).map(PersonId::of))
          .peopleDirectory(world.people)
          .build();
  private final AccessRecord pending = world.request("wiki/edit", "alice");

  @AfterEach
  void stop() {
    assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
    jira.close();
    assertThat(SpecValidator.violations(emulator.server().getAllServeEvents())).isEmpty();
    emulator.close();
  }

  static String issueUpdated(String key, String movedTo) {
    return "{\"webhookEvent\":\"jira:issue_updated\",\"user\":{\"accountId\":\"acc-bob\"},"
        + "\"issue\":{\"id\":\"1\",\"key\":\""
        + key
        + "\"},\"changelog\":{\"items\":[{\"field\":\"status\",\"toString\":\""
        + movedTo
        + "\"}]}}";
  }

  private WebhookResult deliver(String body, String secret, String deliveryId) {
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    return handler.handle(
        Map.of(
            "x-hub-signature", List.of(Signatures.sign(secret, raw)),
            "X-Atlassian-Webhook-Identifier", List.of(deliveryId)),
        raw);
  }

  private WebhookResult deliver(String body) {
    return deliver(body, SECRET, UUID.randomUUID().toString());
  }

  private AccessRecord now() {
    return world.access.record(pending.id());
  }

  @Nested
  @DisplayName("a valid delivery")
  class Valid {
    @Test
    @DisplayName("applies the manager's JSM approval and provisions")
    void approves() {
      emulator.approval(pending.ticketKey(), "1", "approved", Map.of("acc-carol", "approved"));
      WebhookResult result = deliver(issueUpdated(pending.ticketKey(), "In Progress"));
      assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(result.httpStatus()).isEqualTo(200);
      assertThat(now().state()).isEqualTo(RecordState.ACTIVE);
      assertThat(now().lastEvent(EvidenceType.APPROVED).orElseThrow().actor())
          .isEqualTo("person:carol");
      assertThat(now().lastEvent(EvidenceType.APPROVED).orElseThrow().detailText("reason"))
          .contains("JSM approval 1 by Jira account acc-carol");
      assertThat(DecisionSource.of(now().lastEvent(EvidenceType.APPROVED).orElseThrow()))
          .contains(new DecisionSource("jira", "1", "acc-carol"));
    }

    @Test
    @DisplayName("applies a JSM decline as a denial")
    void declines() {
      emulator.approval(pending.ticketKey(), "2", "declined", Map.of("acc-carol", "declined"));
      assertThat(deliver(issueUpdated(pending.ticketKey(), "Declined")).outcome())
          .isEqualTo(Outcome.APPLIED);
      assertThat(now().state()).isEqualTo(RecordState.DENIED);
    }
  }

  /** What the handler wrote, before this fix, as the reason of a decision it applied. */
  private static String marker(String approvalId, String account) {
    return "JSM approval " + approvalId + " by Jira account " + account;
  }

  @Nested
  @DisplayName("free text naming a JSM decision does not make it count as applied")
  class FreeText {
    @Test
    @DisplayName("a requester's reason ending with a decline's marker: the decline still lands")
    void reasonHidesDecline() {
      AccessRecord own =
          world.request(
              "dan",
              "wiki/edit",
              "dan",
              "need it; declined in Jira X: " + marker("2", "acc-carol"));
      emulator.approval(own.ticketKey(), "2", "declined", Map.of("acc-carol", "declined"));
      WebhookResult result = deliver(issueUpdated(own.ticketKey(), "Declined"));
      assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
      AccessRecord after = world.access.record(own.id());
      assertThat(after.state()).isEqualTo(RecordState.DENIED);
      assertThat(after.lastEvent(EvidenceType.DENIED).orElseThrow().actor())
          .isEqualTo("person:carol");
    }

    @Test
    @DisplayName("a requester's reason ending with an approval's marker: it is applied once")
    void reasonHidesApproval() {
      AccessRecord own =
          world.request("erin", "wiki/edit", "erin", "x " + marker("1", "acc-carol"));
      emulator.approval(own.ticketKey(), "1", "approved", Map.of("acc-carol", "approved"));
      assertThat(deliver(issueUpdated(own.ticketKey(), "Approved")).outcome())
          .isEqualTo(Outcome.APPLIED);
      assertThat(deliver(issueUpdated(own.ticketKey(), "Approved")).outcome())
          .isEqualTo(Outcome.IGNORED);
      AccessRecord after = world.access.record(own.id());
      assertThat(after.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(after.events(EvidenceType.APPROVED)).hasSize(1);
    }

    @Test
    @DisplayName("a note ending with a decline's marker: the decline still lands")
    void noteHidesDecline() {
      world.access.note(pending.id(), Actor.parse("person:bob"), "fyi " + marker("3", "acc-carol"));
      emulator.approval(pending.ticketKey(), "3", "declined", Map.of("acc-carol", "declined"));
      assertThat(deliver(issueUpdated(pending.ticketKey(), "Declined")).outcome())
          .isEqualTo(Outcome.APPLIED);
      assertThat(now().state()).isEqualTo(RecordState.DENIED);
    }

    @Test
    @DisplayName("an approver's comment ending with a later decline's marker: the decline lands")
    void commentHidesDecline() {
      AccessRecord two = world.request("bob", "wiki/owner", "bob", "owning the wiki");
      world.access.approve(two.id(), PersonId.of("carol"), "ok; " + marker("9", "acc-alice"));
      emulator.approval(two.ticketKey(), "9", "declined", Map.of("acc-alice", "declined"));
      assertThat(deliver(issueUpdated(two.ticketKey(), "Declined")).outcome())
          .isEqualTo(Outcome.APPLIED);
      assertThat(world.access.record(two.id()).state()).isEqualTo(RecordState.DENIED);
    }
  }

  @Test
  @DisplayName(
      "a new delivery after a step was applied skips that JSM decision and applies the next")
  void redeliveryAfterStep() {
    AccessRecord two = world.request("bob", "wiki/owner", "bob", "owning the wiki");
    emulator.approval(two.ticketKey(), "1", "approved", Map.of("acc-carol", "approved"));
    assertThat(deliver(issueUpdated(two.ticketKey(), "Waiting")).outcome())
        .isEqualTo(Outcome.APPLIED);
    assertThat(deliver(issueUpdated(two.ticketKey(), "Waiting")).outcome())
        .isEqualTo(Outcome.IGNORED);
    AccessRecord half = world.access.record(two.id());
    assertThat(half.state()).isEqualTo(RecordState.PENDING_APPROVAL);
    assertThat(half.events(EvidenceType.APPROVED)).hasSize(1);
    emulator.approval(two.ticketKey(), "2", "approved", Map.of("acc-alice", "approved"));
    assertThat(deliver(issueUpdated(two.ticketKey(), "Approved")).outcome())
        .isEqualTo(Outcome.APPLIED);
    AccessRecord done = world.access.record(two.id());
    assertThat(done.state()).isEqualTo(RecordState.ACTIVE);
    assertThat(done.events(EvidenceType.APPROVED))
        .extracting(e -> e.actor())
        .containsExactly("person:carol", "person:alice");
  }

  @Test
  @DisplayName("a forged signature is refused before the body is read; nothing changes")
  void forged() {
    emulator.approval(pending.ticketKey(), "1", "approved", Map.of("acc-carol", "approved"));
    WebhookResult result = deliver(issueUpdated(pending.ticketKey(), "x"), "guessed", "d-1");
    assertThat(result.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    assertThat(result.httpStatus()).isEqualTo(401);
    assertThat(result.detail()).doesNotContain(SECRET);
    assertThat(now()).isEqualTo(pending);
    assertThat(emulator.count("GET", "/rest/servicedeskapi/")).isZero();
  }

  @Test
  @DisplayName("a delivery without a signature is refused; nothing changes")
  void unsigned() {
    emulator.approval(pending.ticketKey(), "1", "approved", Map.of("acc-carol", "approved"));
    byte[] raw = issueUpdated(pending.ticketKey(), "x").getBytes(StandardCharsets.UTF_8);
    assertThat(handler.handle(Map.of(), raw).outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    assertThat(now()).isEqualTo(pending);
  }

  @Test
  @DisplayName("a replayed delivery is dropped: the approval is applied once")
  void replayed() {
    emulator.approval(pending.ticketKey(), "1", "approved", Map.of("acc-carol", "approved"));
    String body = issueUpdated(pending.ticketKey(), "In Progress");
    assertThat(deliver(body, SECRET, "d-7").outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(deliver(body, SECRET, "d-7").outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(now().events(EvidenceType.APPROVED)).hasSize(1);
  }

  @Test
  @DisplayName("the requester approving their own request in Jira is refused by the policy")
  void requesterApproves() {
    AccessRecord own = world.request("dan", "wiki/admin", "alice");
    emulator.approval(own.ticketKey(), "5", "approved", Map.of("acc-alice", "approved"));
    WebhookResult result = deliver(issueUpdated(own.ticketKey(), "Approved"));
    assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(world.access.record(own.id())).isEqualTo(own);
    assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(emulator.comments(own.ticketKey())).last().asString().contains("was refused");
  }

  @Test
  @DisplayName(
      "a status moved to Approved with no JSM approval approves nothing, and the issue says so")
  void statusWithoutApproval() {
    emulator.moveStatus(pending.ticketKey(), "Approved");
    WebhookResult result = deliver(issueUpdated(pending.ticketKey(), "Approved"));
    assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPROVED);
    AccessRecord after = now();
    assertThat(after.state()).isEqualTo(pending.state());
    assertThat(after.events(EvidenceType.APPROVED))
        .isEqualTo(pending.events(EvidenceType.APPROVED));
    assertThat(after.lastEvent(EvidenceType.NOTED).orElseThrow().detailText("reason"))
        .contains("moved to 'Approved'", "nothing approved");
    assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(emulator.comments(pending.ticketKey()))
        .anySatisfy(c -> assertThat(c).contains("approves nothing"))
        .anySatisfy(c -> assertThat(c).startsWith("NOTED by system:jira"));
  }

  @Test
  @DisplayName(
      "an issue that is no record's, or does not exist, is an unknown issue; nothing changes")
  void unknownIssue() {
    String other = emulator.existingIssue("unrelated");
    assertThat(deliver(issueUpdated(other, "Approved")).outcome()).isEqualTo(Outcome.UNKNOWN_ISSUE);
    assertThat(deliver(issueUpdated("ACCESS-404", "Approved")).outcome())
        .isEqualTo(Outcome.UNKNOWN_ISSUE);
    assertThat(now()).isEqualTo(pending);
  }

  @Test
  @DisplayName("a signed body that is not JSON is malformed (400); nothing changes")
  void malformed() {
    WebhookResult result = deliver("{\"issue\": {\"key\": ");
    assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(now()).isEqualTo(pending);
  }

  @Test
  @DisplayName("Jira unavailable while reading back answers 503, and the redelivery is handled")
  void unavailable() {
    emulator.approval(pending.ticketKey(), "1", "approved", Map.of("acc-carol", "approved"));
    String body = issueUpdated(pending.ticketKey(), "In Progress");
    emulator.down(true);
    assertThat(deliver(body, SECRET, "d-9").httpStatus()).isEqualTo(503);
    emulator.down(false);
    assertThat(deliver(body, SECRET, "d-9").outcome()).isEqualTo(Outcome.APPLIED);
  }
}
