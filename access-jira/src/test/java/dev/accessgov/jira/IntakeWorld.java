package dev.accessgov.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.internal.Signatures;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.time.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A company whose JSM portal has an "Request access" request type (id 30) wired to the catalog:
 * {@code wiki/read} (automatic), {@code wiki/edit} (the manager approves; 1 hour to 7 days, 1 day
 * by default), {@code billing/pay} and {@code billing/approve} (automatic, never together). People:
 * bob and dan (managed by carol), carol, alice, and ivan, who left. Jira accounts map to people by
 * e-mail, which the directory resolves as an alias.
 */
final class IntakeWorld implements AutoCloseable {
  static final String SECRET = "webhook-secret-for-intake-tests";
  static final String REQUEST_TYPE = "30";
  static final String REQUEST_TYPE_FIELD = "customfield_10010";
  static final String APPLICATION = "customfield_10100";
  static final String ROLE = "customfield_10101";
  static final String DURATION = "customfield_10102";
  static final String SUBJECT = "customfield_10103";
  static final String REASON = "customfield_10104";

  /** Atlassian accounts and the e-mail each maps to; acc-stranger's is in no directory. */
  static final Map<String, String> ACCOUNTS =
      Map.of(
          "acc-bob", "bob@example.com",
          "acc-dan", "dan@example.com",
          "acc-carol", "carol@example.com",
          "acc-alice", "alice@example.com",
          "acc-ivan", "ivan@example.com",
          "acc-stranger", "stranger@elsewhere.example");

  private static final ObjectMapper JSON = new ObjectMapper();

  final JiraEmulator emulator = new JiraEmulator();
  final JiraTicketing jira = Fixtures.jira(emulator).build();
  final TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock)
          .user("bob")
          .user("dan")
          .user("ivan")
          .groups("wiki-read", "wiki-edit", "pay", "pay-approve");
  final InMemoryPeopleDirectory people =
      new InMemoryPeopleDirectory()
          .add("bob", "carol")
          .add("dan", "carol")
          .add("carol", null)
          .add("alice", null)
          .add("ivan", "carol")
          .alias("bob", "bob@example.com")
          .alias("dan", "dan@example.com")
          .alias("carol", "carol@example.com")
          .alias("alice", "alice@example.com")
          .alias("ivan", "ivan@example.com")
          .deactivate("ivan");
  final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("wiki")
                  .owner("alice")
                  .role(
                      Role.builder("wiki/read")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.auto()))
                          .group("okta", "wiki-read"))
                  .role(
                      Role.builder("wiki/edit")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                          .expiry(
                              ExpiryPolicy.required(
                                  Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7)))
                          .group("okta", "wiki-edit")))
          .application(
              Application.builder("billing")
                  .owner("alice")
                  .role(
                      Role.builder("billing/pay")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.auto()))
                          .group("okta", "pay"))
                  .role(
                      Role.builder("billing/approve")
                          .tier(RiskTier.STANDARD)
                          .approval(ApprovalPolicy.of(ApprovalStep.auto()))
                          .group("okta", "pay-approve")))
          .sodRule(
              SodRule.refuse(
                  "pay-and-approve", RoleId.of("billing/pay"), RoleId.of("billing/approve")))
          .build();
  final AccessService access =
      AccessService.builder()
          .catalog(catalog)
          .identityProvider(idp)
          .peopleDirectory(people)
          .ticketing(jira)
          .clock(clock)
          .build();
  final JiraRequestType requestType =
      JiraRequestType.builder()
          .requestTypes(REQUEST_TYPE)
          .applicationField(APPLICATION)
          .roleField(ROLE)
          .durationField(DURATION)
          .subjectField(SUBJECT)
          .reasonField(REASON)
          .declinedStatus("Declined")
          .build();
  final JiraWebhookHandler handler =
      JiraWebhookHandler.builder()
          .ticketing(jira)
          .accessService(access)
          .secret(() -> SECRET)
          .accountToPerson(a -> Optional.ofNullable(ACCOUNTS.get(a)).map(PersonId::of))
          .peopleDirectory(people)
          .catalog(catalog)
          .requestType(requestType)
          .build();

  /** A request as the portal's form would fill it: role, duration and reason; the rest unset. */
  static ObjectNode form(String reporter, @Nullable String role, @Nullable String duration) {
    ObjectNode f = JSON.createObjectNode();
    f.put("summary", "Access request");
    f.putObject("reporter").put("accountId", reporter).put("displayName", reporter);
    f.putObject("status").put("name", "Waiting for support");
    ObjectNode type = f.putObject(REQUEST_TYPE_FIELD);
    type.putObject("requestType").put("id", REQUEST_TYPE).put("name", "Request access");
    type.putObject("currentStatus").put("status", "Waiting for support");
    if (role != null) {
      option(f, ROLE, role);
      option(f, APPLICATION, role.split("/")[0].strip());
    }
    if (duration != null) {
      option(f, DURATION, duration);
    }
    f.put(REASON, "release 4.2");
    return f;
  }

  /** Sets a select-list field to an option, as Jira's issue JSON shows one. */
  static ObjectNode option(ObjectNode fields, String field, String value) {
    fields
        .putObject(field)
        .put("self", "https://example.atlassian.net/rest/api/3/customFieldOption/1")
        .put("value", value)
        .put("id", Integer.toString(Math.abs(value.hashCode() % 100000)));
    return fields;
  }

  /** The portal raises the request: the issue exists in the emulator; returns the webhook body. */
  String raise(ObjectNode fields) {
    JsonNode issue = emulator.portalRequest(fields);
    ObjectNode payload =
        JSON.createObjectNode()
            .put("timestamp", 1767603600000L)
            .put("webhookEvent", "jira:issue_created")
            .put("issue_event_type_name", "issue_created");
    payload.set("user", fields.path("reporter"));
    payload.set("issue", issue);
    return payload.toString();
  }

  WebhookResult deliver(String body) {
    return deliver(body, SECRET, UUID.randomUUID().toString());
  }

  WebhookResult deliver(String body, String secret, String deliveryId) {
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    return handler.handle(
        Map.of(
            "X-Hub-Signature", List.of(Signatures.sign(secret, raw)),
            "X-Atlassian-Webhook-Identifier", List.of(deliveryId)),
        raw);
  }

  /** The issue key of a raised request's webhook body. */
  static String keyOf(String body) {
    try {
      return JSON.readTree(body).path("issue").path("key").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  List<AccessRecord> records() {
    return access.find(RecordQuery.all());
  }

  /** Comments on an issue saying a request was declined. */
  List<String> declines(String key) {
    return emulator.comments(key).stream().filter(c -> c.contains("was declined")).toList();
  }

  @Override
  public void close() {
    jira.close();
    emulator.close();
  }
}
