package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.record.AccessRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * JSM mode: a request names only fields of its request type. JSM's createCustomerRequest says "The
 * JSON request must include the service desk and customer request type, as well as any fields that
 * are required for the request type. A list of the fields required by a customer request type can
 * be obtained using servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field" (Jira Service
 * Management Cloud REST API, {@code POST /rest/servicedeskapi/request}).
 */
class JiraServiceDeskTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIELDS =
      "/rest/servicedeskapi/servicedesk/"
          + JiraEmulator.SERVICE_DESK
          + "/requesttype/"
          + JiraEmulator.REQUEST_TYPE
          + "/field";

  private final JiraEmulator emulator = new JiraEmulator();

  @AfterEach
  void stop() {
    assertThat(SpecValidator.violations(emulator.server().getAllServeEvents())).isEmpty();
    emulator.close();
  }

  private List<JsonNode> requestsSent() throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (var e : emulator.server().getAllServeEvents()) {
      if (e.getRequest().getMethod().getName().equals("POST")
          && e.getRequest().getUrl().equals("/rest/servicedeskapi/request")) {
        bodies.add(JSON.readTree(e.getRequest().getBodyAsString()));
      }
    }
    return bodies;
  }

  @Test
  @DisplayName("a request type without labels gets no labels; its fields are read once")
  void noLabelsWithoutTheField() throws Exception {
    try (JiraTicketing jira = Fixtures.jsm(emulator).build()) {
      World world = new World(jira);
      AccessRecord first = world.request("wiki/read", "alice");
      AccessRecord second = world.request("dan", "wiki/read", "alice");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(jira.dropped()).isZero();
      assertThat(first.ticketKey()).isNotEqualTo(second.ticketKey()).doesNotStartWith("pending:");
      assertThat(emulator.issueKeys()).contains(first.ticketKey(), second.ticketKey());
      assertThat(requestsSent())
          .hasSize(2)
          .allSatisfy(
              b -> {
                assertThat(b.path("requestFieldValues").has("labels")).isFalse();
                assertThat(b.path("requestFieldValues").path("summary").asText())
                    .startsWith("Access: wiki/read");
                assertThat(b.path("requestFieldValues").has("description")).isTrue();
              });
      assertThat(emulator.count("GET", FIELDS)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a request type with a Labels field gets the record's label, so it can be found")
  void labelsWhenTheFieldExists() throws Exception {
    try (JiraTicketing jira = Fixtures.jsm(emulator, JiraEmulator.LABELLED_REQUEST_TYPE).build()) {
      AccessRecord granted = new World(jira).request("wiki/read", "alice");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(emulator.labels(granted.ticketKey())).containsExactly("accessgov-" + granted.id());
      assertThat(requestsSent()).hasSize(1);
    }
  }

  @Test
  @DisplayName("a request type changed after it was read is read again, and the request made")
  void changedRequestTypeIsReadAgain() {
    try (JiraTicketing jira = Fixtures.jsm(emulator).build()) {
      World world = new World(jira);
      world.request("wiki/read", "alice");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      // An administrator removes the description from the request type.
      emulator.requestType(JiraEmulator.REQUEST_TYPE, "summary");
      AccessRecord later = world.request("dan", "wiki/read", "alice");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(jira.dropped()).isZero();
      assertThat(jira.issueKeyOf(later.id())).isPresent();
      assertThat(emulator.count("GET", FIELDS)).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a request type requiring a field this module cannot fill sends no request")
  void unfillableRequiredField() throws Exception {
    try (JiraTicketing jira = Fixtures.jsm(emulator, JiraEmulator.MANAGER_REQUEST_TYPE).build()) {
      AccessRecord granted = new World(jira).request("wiki/read", "alice");
      assertThat(granted.ticketKey()).startsWith("pending:");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(jira.dropped()).isPositive();
      assertThat(requestsSent()).isEmpty();
    }
  }
}
