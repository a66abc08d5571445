package dev.accessgov.jira.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The validator holds JSM exchanges to Atlassian's JSM document, as it does platform ones. */
class SpecValidatorTest {
  private final JiraEmulator emulator = new JiraEmulator();

  @AfterEach
  void stop() {
    emulator.close();
  }

  private void post(String path, String json) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (JiraEmulator.EMAIL + ":" + JiraEmulator.TOKEN).getBytes(StandardCharsets.UTF_8));
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.discarding());
  }

  @Test
  @DisplayName("a JSM create with a property RequestCreateDTO does not have is a violation")
  void jsmRequestsAreValidated() throws Exception {
    post(
        "/rest/servicedeskapi/request",
        "{\"serviceDeskId\":\"4\",\"requestTypeId\":\"17\",\"fields\":{},"
            + "\"requestFieldValues\":{\"summary\":\"s\"}}");
    assertThat(SpecValidator.violations(emulator.server().getAllServeEvents()))
        .anySatisfy(v -> assertThat(v).contains("POST /rest/servicedeskapi/request"));
  }

  @Test
  @DisplayName("a well-formed JSM create and its answer, and a JSM refusal, are no violation")
  void jsmAnswersFollowTheDocument() throws Exception {
    post(
        "/rest/servicedeskapi/request",
        "{\"serviceDeskId\":\"4\",\"requestTypeId\":\"17\","
            + "\"requestFieldValues\":{\"summary\":\"s\",\"description\":\"d\"}}");
    post(
        "/rest/servicedeskapi/request",
        "{\"serviceDeskId\":\"4\",\"requestTypeId\":\"17\","
            + "\"requestFieldValues\":{\"summary\":\"s\",\"labels\":[\"x\"]}}");
    assertThat(emulator.server().getAllServeEvents())
        .extracting(e -> e.getResponse().getStatus())
        .containsExactlyInAnyOrder(201, 400);
    assertThat(SpecValidator.violations(emulator.server().getAllServeEvents())).isEmpty();
  }
}
