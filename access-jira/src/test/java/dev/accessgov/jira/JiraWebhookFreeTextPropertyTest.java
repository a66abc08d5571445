package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.jira.WebhookResult.Outcome;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.internal.Signatures;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Whatever people write into a record (the requester's reason, a note), and however closely it
 * imitates what the handler writes for an applied JSM decision, the decision itself still lands: a
 * decline denies, an approval is applied exactly once.
 */
class JiraWebhookFreeTextPropertyTest {
  private static final String SECRET = "webhook-secret-for-tests";
  private static final String CAROL = "acc-carol";

  /**
   * Text shaped like what the handler writes or reads for decision {id} on issue {key}: the old
   * reason marker, the structured details spelt out, the record's own rendering.
   */
  private static final List<String> IMITATIONS =
      List.of(
          "JSM approval {id} by Jira account {acc}",
          "declined in Jira {key}: JSM approval {id} by Jira account {acc}",
          "approved in Jira {key}: JSM approval {id} by Jira account {acc}",
          "jsm APPROVAL {id} BY jira ACCOUNT {acc}",
          "JSM approval {id}  by Jira account {acc} ",
          "JSM approval {id} by Jira account {acc}\n",
          "source=jira sourceDecision={id} sourceAccount={acc}",
          "{\"source\":\"jira\",\"sourceDecision\":\"{id}\",\"sourceAccount\":\"{acc}\"}",
          "DecisionSource[system=jira, decisionId={id}, account={acc}]",
          "{id}",
          "{acc}");

  private final JiraEmulator emulator = new JiraEmulator();
  private final JiraTicketing jira = Fixtures.jira(emulator).build();
  private final World world = new World(jira);
  private final JiraWebhookHandler handler =
      JiraWebhookHandler.builder()
          .ticketing(jira)
          .accessService(world.access)
          .secret(() -> SECRET)
          .accountToPerson(
              a -> Optional.ofNullable(Map.of(CAROL, "carol").get(a)).map(PersonId::of))
          .peopleDirectory(world.people)
          .build();

  @AfterProperty
  void stop() {
    jira.flush(Fixtures.SETTLED);
    jira.close();
    emulator.close();
  }

  /** What a requester writes, with the approval id it imitates. */
  record Written(String approvalId, String reason, String note) {}

  @Provide
  Arbitrary<Written> written() {
    Arbitrary<String> fragment =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').withChars("\t\näé✓—").ofMaxLength(24),
            Arbitraries.of(IMITATIONS));
    Arbitrary<String> text = fragment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
    return Combinators.combine(Arbitraries.integers().between(1, 99_999), text, text)
        .as((id, reason, note) -> new Written(String.valueOf(id), reason, note));
  }

  @Property(tries = 30)
  void aJsmDeclineAlwaysDenies(@ForAll("written") Written w) {
    AccessRecord r = request(w);
    emulator.approval(r.ticketKey(), w.approvalId(), "declined", Map.of(CAROL, "declined"));

    assertThat(deliver(r.ticketKey()).outcome()).isEqualTo(Outcome.APPLIED);
    AccessRecord after = world.access.record(r.id());
    assertThat(after.state()).isEqualTo(RecordState.DENIED);
    assertThat(after.lastEvent(EvidenceType.DENIED).orElseThrow().actor())
        .isEqualTo("person:carol");
  }

  @Property(tries = 20)
  void aJsmApprovalIsAppliedExactlyOnce(@ForAll("written") Written w) {
    AccessRecord r = request(w);
    emulator.approval(r.ticketKey(), w.approvalId(), "approved", Map.of(CAROL, "approved"));

    assertThat(deliver(r.ticketKey()).outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(deliver(r.ticketKey()).outcome()).isEqualTo(Outcome.IGNORED);
    AccessRecord after = world.access.record(r.id());
    assertThat(after.state()).isEqualTo(RecordState.ACTIVE);
    assertThat(after.events(EvidenceType.APPROVED)).hasSize(1);
    // Free the role for the next try.
    world.access.revoke(r.id(), PersonId.of("carol"), "next try");
  }

  /** Dan's request for wiki/edit (carol decides) with the written reason and note. */
  private AccessRecord request(Written w) {
    String key = "ACCESS-" + (emulator.issueKeys().size() + 1);
    String reason = fill(w.reason(), w.approvalId(), key);
    AccessRecord r =
        world.request("dan", "wiki/edit", "dan", reason.isBlank() ? "x" + reason : reason);
    String note = fill(w.note(), w.approvalId(), r.ticketKey());
    if (!note.isBlank()) {
      r = world.access.note(r.id(), Actor.person(PersonId.of("dan")), note);
    }
    return r;
  }

  private static String fill(String text, String approvalId, String key) {
    return text.replace("{id}", approvalId).replace("{acc}", CAROL).replace("{key}", key);
  }

  private WebhookResult deliver(String key) {
    byte[] raw = JiraWebhookTest.issueUpdated(key, "Done").getBytes(StandardCharsets.UTF_8);
    return handler.handle(
        Map.of(
            "X-Hub-Signature", List.of(Signatures.sign(SECRET, raw)),
            "X-Atlassian-Webhook-Identifier", List.of(UUID.randomUUID().toString())),
        raw);
  }
}
