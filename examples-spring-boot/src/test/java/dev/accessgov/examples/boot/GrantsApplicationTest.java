package dev.accessgov.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayName("The Spring Boot example")
class GrantsApplicationTest {
  private static final Path STORE = tempDir();

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    // Its own store, so that a run of the example under target/ does not change what we count.
    registry.add("access.store.path", STORE::toString);
  }

  @Autowired Environment environment;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  @DisplayName("grants over POST /grants, then serves health and the approval lag")
  void grantsAndReports() throws Exception {
    HttpResponse<String> granted =
        send(
            HttpRequest.newBuilder(uri("/grants"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"subject\":\"bob\",\"role\":\"github/read\",\"reason\":\"code review\"}"))
                .build());
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    assertThat(json.readTree(granted.body()).path("state").asText()).isEqualTo("ACTIVE");

    JsonNode health = getJson("/actuator/health");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("access").path("status").asText()).isEqualTo("UP");

    JsonNode lag = getJson("/actuator/metrics/access.approval.lag");
    assertThat(lag.path("measurements").findValuesAsText("statistic")).contains("COUNT");
    assertThat(lag.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
  }

  private JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).build());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(
        "http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("access-boot-example");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
