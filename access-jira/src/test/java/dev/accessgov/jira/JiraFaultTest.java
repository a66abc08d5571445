package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.TicketRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the outbox does with throttling, failures and refusals. */
class JiraFaultTest {
  private final JiraEmulator emulator = new JiraEmulator();

  @AfterEach
  void stop() {
    assertThat(SpecValidator.violations(emulator.server().getAllServeEvents())).isEmpty();
    emulator.close();
  }

  @Test
  @DisplayName("throttled and failing deliveries are retried; each comment still lands once")
  void retriedDeliveriesLandOnce() {
    try (JiraTicketing jira = Fixtures.jira(emulator).build()) {
      World world = new World(jira);
      AccessRecord requested = world.request("wiki/edit", "alice");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      // More failures than one call's attempts: the outbox pauses and tries again.
      emulator.failNext(2, 429).failNext(3, 502).failNext(1, -1);
      AccessRecord denied =
          world.access.deny(requested.id(), dev.accessgov.record.PersonId.of("carol"), "not now");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(emulator.comments(denied.ticketKey())).hasSize(denied.timeline().size());
      assertThat(emulator.status(denied.ticketKey())).isEqualTo("Done");
      assertThat(emulator.resolution(denied.ticketKey())).isEqualTo("Done");
      assertThat(jira.dropped()).isZero();
    }
  }

  @Test
  @DisplayName("a 429 then success: the client settings' observer hears one rate limit, one retry")
  void rateLimitObserved() {
    List<String> heard = new CopyOnWriteArrayList<>();
    AccessObserver observer =
        new AccessObserver() {
          @Override
          public void providerRetry(String providerId, String operation, String reason) {
            heard.add("retry " + providerId + " " + reason);
          }

          @Override
          public void providerRateLimited(String providerId, String operation, Duration wait) {
            heard.add("limited " + providerId);
          }
        };
    try (JiraTicketing jira = Fixtures.jira(emulator).client(c -> c.observer(observer)).build()) {
      World world = new World(jira);
      AccessRecord requested = world.request("wiki/edit", "alice");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(heard).isEmpty();
      emulator.failNext(1, 429);

      world.access.deny(requested.id(), dev.accessgov.record.PersonId.of("carol"), "not now");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();

      assertThat(heard).containsExactly("limited " + jira.id(), "retry " + jira.id() + " 429");
    }
  }

  @Test
  @DisplayName("an update Jira refuses for good (404) is dropped and does not hold up the others")
  void refusedUpdateIsDropped() {
    try (JiraTicketing jira = Fixtures.jira(emulator).build()) {
      TicketRef gone = new TicketRef(jira.id(), "ACCESS-999");
      jira.transition(gone, RecordState.ACTIVE);
      World world = new World(jira);
      AccessRecord granted = world.request("wiki/read", "alice");
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(jira.dropped()).isEqualTo(1);
      assertThat(emulator.comments(granted.ticketKey())).hasSize(granted.timeline().size());
    }
  }

  @Test
  @DisplayName("a record naming an existing issue is linked to it, not given a new one")
  void linksExistingIssue() {
    String existing = emulator.existingIssue("please give bob the wiki");
    try (JiraTicketing jira = Fixtures.jira(emulator).build()) {
      World world = new World(jira);
      AccessRecord granted =
          world.access.grant(
              dev.accessgov.GrantRequest.builder()
                  .subject("bob")
                  .role("wiki/read")
                  .requester("alice")
                  .reason("asked in Jira")
                  .ticketKey(existing)
                  .build());
      assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
      assertThat(granted.ticketKey()).isEqualTo(existing);
      assertThat(emulator.issueKeys()).containsExactly(existing);
      assertThat(emulator.property(existing, "accessgov.record").path("recordId").asText())
          .isEqualTo(granted.id().value());
      assertThat(emulator.remoteLinks(existing).get(0).path("object").path("url").asText())
          .endsWith("/records/" + granted.id());
      assertThat(emulator.comments(existing)).hasSize(granted.timeline().size());
    }
  }
}
