package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceHasher;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.TicketRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Jira site; skipped unless {@code JIRA_BASE_URL}, {@code JIRA_EMAIL}, {@code
 * JIRA_API_TOKEN} and {@code JIRA_PROJECT} are set. Creates one issue in the project, comments on
 * it twice (once per event, however often asked) and moves it to Done.
 */
@EnabledIfEnvironmentVariable(named = "JIRA_BASE_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "JIRA_EMAIL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "JIRA_API_TOKEN", matches = ".+")
@EnabledIfEnvironmentVariable(named = "JIRA_PROJECT", matches = ".+")
class JiraLiveTest {
  @Test
  @DisplayName("opens an issue, comments once per event, transitions, all within a minute")
  void liveRoundTrip() {
    try (JiraTicketing jira =
        JiraTicketing.builder()
            .baseUrl(System.getenv("JIRA_BASE_URL"))
            .basicAuth(System.getenv("JIRA_EMAIL"), () -> System.getenv("JIRA_API_TOKEN"))
            .project(System.getenv("JIRA_PROJECT"))
            .openTimeout(Duration.ofSeconds(15))
            .build()) {
      AccessRecord record =
          AccessRecord.builder()
              .id(RecordId.random())
              .subject(PersonId.of("live-test-subject"))
              .roleId(RoleId.of("live/test"))
              .requester(PersonId.of("live-test-requester"))
              .reason("access-jira live test")
              .requestedAt(Instant.now())
              .build();
      TicketRef ticket = jira.openOrLink(record);
      assertThat(ticket.key()).doesNotStartWith("pending:");
      EvidenceEvent first =
          EvidenceHasher.seal(
              EvidenceDraft.of(
                  record.id().value(),
                  EvidenceType.REQUESTED,
                  "person:live",
                  Instant.now(),
                  Map.of("reason", "live")),
              1,
              EvidenceEvent.GENESIS_HASH);
      jira.append(ticket, first);
      jira.append(ticket, first);
      jira.transition(ticket, RecordState.REVOKED);
      assertThat(jira.flush(Duration.ofSeconds(60))).isTrue();
      assertThat(jira.dropped()).isZero();
      assertThat(jira.openOrLink(record)).isEqualTo(ticket);
    }
  }
}
