package dev.accessgov.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.accessgov.AccessService;
import dev.accessgov.record.RecordQuery;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Slack and Jira handlers are mounted at one URL each and get the raw bytes their senders
 * signed: a signed request is accepted, the same request again is a refused replay, and an unsigned
 * or wrongly signed one is refused, all without changing a record. Slack and Jira themselves are
 * not reached: the requests used need no answer from them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayName("The Spring Boot example's front doors")
class FrontDoorsTest {
  private static final String SLACK_SECRET = "slack-signing-secret-for-tests";
  private static final String JIRA_SECRET = "jira-webhook-secret-for-tests";

  @DynamicPropertySource
  static void doors(DynamicPropertyRegistry registry) throws IOException {
    Path store = Files.createTempDirectory("access-boot-doors");
    registry.add("access.store.path", store::toString);
    registry.add("example.slack.signing-secret", () -> SLACK_SECRET);
    registry.add("example.slack.bot-token", () -> "xoxb-test-0000");
    // Nothing here calls Slack; were it to, it would find nobody listening.
    registry.add("example.slack.api-url", () -> "https://127.0.0.1:9/api/");
    registry.add("example.jira.base-url", () -> "https://example.atlassian.net");
    registry.add("example.jira.email", () -> "bot@example.com");
    registry.add("example.jira.api-token", () -> "jira-token-for-tests");
    registry.add("example.jira.webhook-secret", () -> JIRA_SECRET);
  }

  @Autowired Environment environment;
  @Autowired AccessService access;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @DisplayName("POST /slack/interactions: signed accepted, replay and unsigned refused")
  void slack() throws Exception {
    String payload =
        "{\"type\":\"block_actions\",\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"U1\"},"
            + "\"actions\":[{\"type\":\"button\",\"action_id\":\"another.app\","
            + "\"block_id\":\"b\",\"value\":\"x\",\"action_ts\":\"1.2\"}]}";
    String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    String ts = Long.toString(Instant.now().getEpochSecond());
    String signature = new SlackSignature.Generator(SLACK_SECRET).generate(ts, body);

    HttpResponse<String> signed = postSlack(body, ts, signature);
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    assertThat(postSlack(body, ts, signature).statusCode()).as("a replay").isEqualTo(401);
    assertThat(postSlack(body, ts, "v0=" + "0".repeat(64)).statusCode()).isEqualTo(401);
    assertThat(access.find(RecordQuery.all())).isEmpty();
  }

  @Test
  @DisplayName("POST /jira/webhook: signed accepted, wrongly signed refused")
  void jira() throws Exception {
    String body = "{\"webhookEvent\":\"jira:worklog_updated\",\"timestamp\":1}";
    HttpResponse<String> signed = postJira(body, "sha256=" + hmac(JIRA_SECRET, body));
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    assertThat(signed.body()).isEqualTo("IGNORED");
    HttpResponse<String> forged = postJira(body, "sha256=" + hmac("another secret", body));
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
    assertThat(access.find(RecordQuery.all())).isEmpty();
  }

  private HttpResponse<String> postSlack(String body, String ts, String signature)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri("/slack/interactions"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", ts)
            .header("X-Slack-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postJira(String body, String signature)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri("/jira/webhook"))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature", signature)
            .header("X-Atlassian-Webhook-Identifier", "delivery-1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** What Jira sends in X-Hub-Signature: the hex HMAC-SHA256 of the body under the secret. */
  private static String hmac(String secret, String body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private URI uri(String path) {
    return URI.create(
        "http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
  }
}
