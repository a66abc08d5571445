package dev.accessgov.jira;

import static dev.accessgov.jira.IntakeWorld.form;
import static dev.accessgov.jira.IntakeWorld.keyOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.jira.WebhookResult.Outcome;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.jira.internal.Signatures;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Jira accounts become people by the e-mail Jira shows for them, resolved by the directory. */
class JiraAccountsByEmailTest {
  private final IntakeWorld world = new IntakeWorld();
  private final JiraWebhookHandler handler =
      JiraWebhookHandler.builder()
          .ticketing(world.jira)
          .accessService(world.access)
          .secret(() -> IntakeWorld.SECRET)
          .accountToPerson(world.jira.accountsByEmail())
          .peopleDirectory(world.people)
          .catalog(world.catalog)
          .requestType(world.requestType)
          .build();

  @AfterEach
  void stop() {
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(SpecValidator.violations(world.emulator.server().getAllServeEvents())).isEmpty();
    world.close();
  }

  private WebhookResult deliver(String body) {
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    return handler.handle(
        Map.of(
            "X-Hub-Signature", List.of(Signatures.sign(IntakeWorld.SECRET, raw)),
            "X-Atlassian-Webhook-Identifier", List.of(UUID.randomUUID().toString())),
        raw);
  }

  @Test
  @DisplayName("the reporter's e-mail, in any case, names the person through the directory")
  void reporterByEmail() {
    world.emulator.user("acc-7", "Bob@Example.com");
    WebhookResult result = deliver(world.raise(form("acc-7", "wiki / read", null)));
    assertThat(result.outcome()).isEqualTo(Outcome.REQUESTED);
    AccessRecord r = world.access.record(result.recordId());
    assertThat(r.requester()).isEqualTo(PersonId.of("bob"));
    assertThat(r.subject()).isEqualTo(PersonId.of("bob"));
  }

  @Test
  @DisplayName("an e-mail hidden by privacy settings maps to nobody: declined, nothing granted")
  void hiddenEmail() {
    world.emulator.user("acc-8", null);
    String body = world.raise(form("acc-8", "wiki / read", null));
    assertThat(deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(world.declines(keyOf(body)))
        .singleElement()
        .asString()
        .contains("the reporter (Jira account acc-8) is not in the people directory");
    assertThat(world.records()).isEmpty();
  }

  @Test
  @DisplayName("an account Jira does not know (404) maps to nobody: declined")
  void unknownAccount() {
    assertThat(deliver(world.raise(form("acc-gone", "wiki / read", null))).outcome())
        .isEqualTo(Outcome.DECLINED);
    assertThat(world.records()).isEmpty();
  }

  @Test
  @DisplayName("a JSM approver is mapped the same way: the manager's approval is applied")
  void approverByEmail() {
    world.emulator.user("acc-7", "bob@example.com");
    world.emulator.user("acc-9", "carol@example.com");
    String body = world.raise(form("acc-7", "wiki / edit", "4 hours"));
    String key = keyOf(body);
    assertThat(deliver(body).outcome()).isEqualTo(Outcome.REQUESTED);
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    world.emulator.approval(key, "3", "approved", Map.of("acc-9", "approved"));
    assertThat(deliver(JiraWebhookTest.issueUpdated(key, "Approved")).outcome())
        .isEqualTo(Outcome.APPLIED);
    assertThat(world.records())
        .singleElement()
        .extracting(AccessRecord::state)
        .isEqualTo(RecordState.ACTIVE);
  }

  @Test
  @DisplayName("the mapping alone: an e-mail as a person id, or empty")
  void mapping() {
    world.emulator.user("acc-7", "bob@example.com");
    world.emulator.user("acc-8", null);
    assertThat(world.jira.accountsByEmail().apply("acc-7"))
        .contains(PersonId.of("bob@example.com"));
    assertThat(world.jira.accountsByEmail().apply("acc-8")).isEqualTo(Optional.empty());
    assertThat(world.jira.accountsByEmail().apply("acc-404")).isEmpty();
  }
}
