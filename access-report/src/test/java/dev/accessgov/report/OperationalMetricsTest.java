package dev.accessgov.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Operational metrics")
class OperationalMetricsTest {
  private static final PersonId OLIVIA = PersonId.of("olivia");
  private final ReportWorld world = new ReportWorld();
  private final OperationalMetrics metrics = script();

  /**
   * 09:00 bob gets github/read by policy; 09:00 bob asks for github/billing, carol approves at
   * 10:00, olivia at 11:00; 11:00 bob asks for github/admin for 1 h, olivia approves at 11:30;
   * alice is denied github/admin; the admin grant ends 12:30 and is swept at 14:00; 14:00 carol
   * asks for finance/payments, dave approves at once and erin at 18:00; 18:00 erin gets
   * finance/ledger by policy, revoked at 19:00; a record with no evidence at all is imported into
   * the store.
   */
  private OperationalMetrics script() {
    var access = world.access;
    var clock = world.clock;
    access.grant(request("bob", "github/read", "alice").build());
    AccessRecord billing = access.grant(request("bob", "github/billing", "alice").build());
    clock.advance(Duration.ofHours(1));
    access.approve(billing.id(), PersonId.of("carol"), "ok");
    clock.advance(Duration.ofHours(1));
    access.approve(billing.id(), OLIVIA, "ok");
    AccessRecord admin =
        access.grant(request("bob", "github/admin", "alice").duration(Duration.ofHours(1)).build());
    clock.advance(Duration.ofMinutes(30));
    access.approve(admin.id(), OLIVIA, "ok");
    AccessRecord denied =
        access.grant(
            request("alice", "github/admin", "carol").duration(Duration.ofHours(1)).build());
    access.deny(denied.id(), OLIVIA, "no");
    clock.set(Instant.parse("2026-01-05T14:00:00Z"));
    access.expireDue();
    assertThat(access.record(admin.id()).state()).isEqualTo(RecordState.EXPIRED);
    AccessRecord payments = access.grant(request("carol", "finance/payments", "alice").build());
    access.approve(payments.id(), PersonId.of("dave"), "ok");
    clock.advance(Duration.ofHours(4));
    access.approve(payments.id(), PersonId.of("erin"), "ok");
    AccessRecord ledger = access.grant(request("erin", "finance/ledger", "erin").build());
    clock.advance(Duration.ofHours(1));
    access.revoke(ledger.id(), OLIVIA, "moved team");
    world.store.insert(
        AccessRecord.builder()
            .id(RecordId.of("imported-1"))
            // Not bob, who holds github/read already: a person has one live record of a role.
            .subject(PersonId.of("frank"))
            .roleId(RoleId.of("github/read"))
            .requester(PersonId.of("bob"))
            .reason("imported from a spreadsheet")
            .state(RecordState.ACTIVE)
            .requestedAt(ReportWorld.START)
            .activatedAt(ReportWorld.START)
            .build(),
        List.of());
    return OperationalMetrics.of(access, world.catalog, clock.instant());
  }

  private static GrantRequest.Builder request(String subject, String role, String requester) {
    return GrantRequest.builder().subject(subject).role(role).requester(requester).reason("work");
  }

  private ApplicationMetrics app(String id) {
    return metrics.application(id).orElseThrow();
  }

  @Nested
  @DisplayName("for github")
  class Github {
    @Test
    @DisplayName("count every record, the denied and the evidence-less one too")
    void records() {
      assertThat(app("github").records()).isEqualTo(5);
    }

    @Test
    @DisplayName("measure approval lag over approved grants: median 30 min, p95 2 h")
    void approvalLag() {
      assertThat(app("github").approval())
          .isEqualTo(new LagStats(3, Duration.ofMinutes(30), Duration.ofHours(2)));
      assertThat(app("github").provisioning())
          .isEqualTo(new LagStats(3, Duration.ZERO, Duration.ZERO));
    }

    @Test
    @DisplayName("measure removal lag of expired access from its end, not from the sweep")
    void removalLag() {
      assertThat(app("github").removal())
          .isEqualTo(new LagStats(1, Duration.ofMinutes(90), Duration.ofMinutes(90)));
    }

    @Test
    @DisplayName("count one of three approved grants as automated")
    void automated() {
      assertThat(app("github").approved()).isEqualTo(3);
      assertThat(app("github").automated()).isEqualTo(1);
      assertThat(app("github").shareAutomated()).isEqualTo(1.0 / 3);
    }

    @Test
    @DisplayName("name the record whose walkthrough is incomplete as an evidence gap")
    void gaps() {
      assertThat(app("github").evidenceGaps()).containsExactly("imported-1");
    }
  }

  @Test
  @DisplayName("for finance, measure a quorum's lag to its last approval and a revoke's removal")
  void finance() {
    ApplicationMetrics finance = app("finance");

    assertThat(finance.records()).isEqualTo(2);
    assertThat(finance.approval()).isEqualTo(new LagStats(2, Duration.ZERO, Duration.ofHours(4)));
    assertThat(finance.removal()).isEqualTo(new LagStats(1, Duration.ZERO, Duration.ZERO));
    assertThat(finance.shareAutomated()).isEqualTo(0.5);
    assertThat(finance.evidenceGaps()).isEmpty();
  }

  @Test
  @DisplayName("for an application nobody asked for, report nothing measured")
  void untouched() {
    ApplicationMetrics aws = app("aws");

    assertThat(aws.records()).isZero();
    assertThat(aws.approval()).isEqualTo(new LagStats(0, null, null));
    assertThat(aws.shareAutomated()).isNull();
  }

  @Test
  @DisplayName("as JSON, use the documented names and ISO-8601 durations")
  void json() throws Exception {
    JsonNode root = new ObjectMapper().readTree(metrics.toJson());

    assertThat(root.get("at").asText()).isEqualTo("2026-01-05T19:00:00Z");
    assertThat(root.get("applications")).hasSize(3);
    JsonNode github = root.get("applications").get(2);
    assertThat(github.get("application").asText()).isEqualTo("github");
    assertThat(github.get("approvalLag").get("count").asInt()).isEqualTo(3);
    assertThat(github.get("approvalLag").get("median").asText()).isEqualTo("PT30M");
    assertThat(github.get("approvalLag").get("p95").asText()).isEqualTo("PT2H");
    assertThat(github.get("removalLag").get("median").asText()).isEqualTo("PT1H30M");
    assertThat(github.get("evidenceGaps").get(0).asText()).isEqualTo("imported-1");
    JsonNode aws = root.get("applications").get(0);
    assertThat(aws.get("approvalLag").get("median").isNull()).isTrue();
    assertThat(aws.get("shareAutomated").isNull()).isTrue();
  }

  @Test
  @DisplayName("for a period, count only the requests made in it (start in, end out)")
  void period() throws Exception {
    Period lateMorning =
        Period.of(Instant.parse("2026-01-05T11:00:00Z"), Instant.parse("2026-01-05T14:00:00Z"));

    OperationalMetrics within = OperationalMetrics.of(world.access, world.catalog, lateMorning);

    ApplicationMetrics github = within.application("github").orElseThrow();
    assertThat(github.records()).as("bob's admin request and alice's denied one").isEqualTo(2);
    assertThat(github.approval())
        .isEqualTo(new LagStats(1, Duration.ofMinutes(30), Duration.ofMinutes(30)));
    assertThat(within.application("finance").orElseThrow().records())
        .as("the 14:00 request is after the period")
        .isZero();
    JsonNode json = new ObjectMapper().readTree(within.toJson());
    assertThat(json.get("from").asText()).isEqualTo("2026-01-05T11:00:00Z");
    assertThat(json.get("at").asText()).isEqualTo("2026-01-05T14:00:00Z");
    assertThat(new ObjectMapper().readTree(metrics.toJson()).get("from").isNull()).isTrue();
    assertThat(OperationalMetrics.of(world.access, lateMorning).application("github"))
        .as("without a catalog, the same figures")
        .contains(github);
  }

  @Nested
  @DisplayName("lag statistics")
  class Stats {
    @Test
    @DisplayName("use nearest rank, so each value was observed")
    void nearestRank() {
      List<Duration> lags =
          java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(Duration::ofMinutes).toList();

      assertThat(LagStats.of(lags))
          .isEqualTo(new LagStats(20, Duration.ofMinutes(10), Duration.ofMinutes(19)));
      assertThat(LagStats.of(List.of(Duration.ofHours(1))))
          .isEqualTo(new LagStats(1, Duration.ofHours(1), Duration.ofHours(1)));
    }
  }
}
