package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spring.app.TestApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "access.providers.in-memory.okta.users=bob",
      "access.providers.in-memory.okta.groups=gh-read",
      "access.people.bob.manager=carol",
      "access.people.carol.manager=",
      "access.metrics.status-cache-for=0s",
      "management.endpoints.web.exposure.include=health,metrics",
      "management.endpoint.health.show-details=always"
    })
@DisplayName("A Spring Boot application with the starter")
class AccessStarterApplicationTest {
  private static final Path STORE = tempDir();

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    registry.add("access.store.path", STORE::toString);
  }

  @Autowired AccessService access;
  @Autowired Environment environment;

  @Autowired
  @Qualifier("accessInMemoryProvider.okta")
  InMemoryIdentityProvider okta;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  @DisplayName("grants from properties alone and reports health and the approval lag over HTTP")
  void grantsThenReportsHealthAndMeters() throws Exception {
    AccessRecord record =
        access.grant(
            GrantRequest.builder()
                .subject("bob")
                .requester("bob")
                .role("github/read")
                .reason("code review")
                .build());
    assertThat(record.state()).isEqualTo(RecordState.ACTIVE);
    assertThat(okta.members("gh-read", null).members()).extracting(m -> m.userId()).contains("bob");

    JsonNode health = get("/actuator/health");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode component = health.path("components").path("access");
    assertThat(component.path("status").asText()).isEqualTo("UP");
    assertThat(component.path("details").path("store").asText()).isEqualTo("reachable");
    assertThat(component.path("details").path("scheduler").asText()).isEqualTo("running");
    assertThat(component.path("details").path("inFlight").asLong()).isZero();
    assertThat(component.path("details").path("stuckInFlight").asLong()).isZero();
    assertThat(component.path("details").path("evidenceEvents").asLong()).isPositive();

    JsonNode lag = get("/actuator/metrics/access.approval.lag");
    assertThat(measurement(lag, "COUNT")).isEqualTo(1.0);
    JsonNode requests = get("/actuator/metrics/access.requests?tag=application:github");
    assertThat(measurement(requests, "COUNT")).isEqualTo(1.0);
    JsonNode events = get("/actuator/metrics/access.evidence.events");
    assertThat(measurement(events, "VALUE")).isPositive();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    String port = environment.getRequiredProperty("local.server.port");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static double measurement(JsonNode metric, String statistic) {
    for (JsonNode m : metric.path("measurements")) {
      if (m.path("statistic").asText().equals(statistic)) {
        return m.path("value").asDouble();
      }
    }
    throw new AssertionError("no " + statistic + " in " + metric);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("access-starter");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
