package dev.accessgov.report;

import static dev.accessgov.report.RetroWorld.MARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Retrospective of a period's just-in-time access")
class RetrospectiveTest {
  private final RetroWorld world = new RetroWorld().scripted();
  private final Retrospective retro = Retrospective.of(world.access, MARCH, world.people, 2);

  @Test
  @DisplayName("the script ran as its description says")
  void script() {
    assertThat(world.r1.state()).isEqualTo(RecordState.EXPIRED);
    assertThat(world.r2.state()).isEqualTo(RecordState.EXPIRED);
    assertThat(world.r3.state()).isEqualTo(RecordState.EXPIRED);
    assertThat(world.r5.state()).isEqualTo(RecordState.ACTIVE);
  }

  @Nested
  @DisplayName("resources")
  class Resources {
    @Test
    @DisplayName("roles count time-bound requests and granted time, most time first, with hints")
    void roles() {
      assertThat(retro.roles())
          .containsExactly(
              new ResourceUse("github/admin", 2, 2, Duration.ofHours(8), ResourceUse.FREQUENT),
              new ResourceUse("wiki/edit", 1, 1, Duration.ofHours(8), null),
              new ResourceUse("github/read", 1, 1, Duration.ofHours(6), null));
    }

    @Test
    @DisplayName("applications add up their roles; open-ended access is left out")
    void applications() {
      assertThat(retro.applications())
          .containsExactly(
              new ResourceUse("github", 3, 3, Duration.ofHours(14), ResourceUse.FREQUENT),
              new ResourceUse("wiki", 1, 1, Duration.ofHours(8), null));
      assertThat(retro.applications().get(0).grantedHours()).isEqualTo(14.0);
    }

    @Test
    @DisplayName("the default threshold hints at nothing this small")
    void defaultThreshold() {
      Retrospective plain = Retrospective.of(world.access, MARCH);
      assertThat(plain.roles()).allMatch(u -> u.hint() == null);
      assertThat(plain.teams()).isEqualTo("none");
      assertThat(plain.lagByTeam()).isEmpty();
    }

    @Test
    @DisplayName("a threshold below one is refused")
    void badThreshold() {
      assertThatThrownBy(() -> Retrospective.of(world.access, MARCH, null, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("hintThreshold must be >= 1");
    }
  }

  @Nested
  @DisplayName("approval lag")
  class Lag {
    @Test
    @DisplayName("by approver, over every request of the period")
    void byApprover() {
      assertThat(retro.lagByApprover())
          .containsExactly(
              new GroupLag("olivia", new LagStats(2, Duration.ofHours(1), Duration.ofHours(3))),
              new GroupLag("policy", new LagStats(3, Duration.ZERO, Duration.ZERO)));
    }

    @Test
    @DisplayName("by the subject's department, else their manager, in the people directory")
    void byTeam() {
      assertThat(retro.teams()).isEqualTo("department");
      assertThat(retro.lagByTeam())
          .containsExactly(
              new GroupLag("(no department)", new LagStats(1, Duration.ZERO, Duration.ZERO)),
              new GroupLag("eng", new LagStats(2, Duration.ZERO, Duration.ofHours(1))),
              new GroupLag("reports to olivia", new LagStats(1, Duration.ZERO, Duration.ZERO)),
              new GroupLag("sales", new LagStats(1, Duration.ofHours(3), Duration.ofHours(3))));
    }
  }

  @Test
  @DisplayName("shares: used among measured, not measured apart, automated, extensions per grant")
  void shares() {
    UsageShares s = retro.shares();
    assertThat(s).isEqualTo(new UsageShares(4, 2, 1, 1, 4, 2, 1));
    assertThat(s.shareUsed()).isEqualTo(2 / 3.0);
    assertThat(s.shareAutomated()).isEqualTo(0.5);
    assertThat(s.extensionsPerGrant()).isEqualTo(0.25);
  }

  @Test
  @DisplayName("lists never-used grants and activity after the end")
  void findings() {
    assertThat(retro.neverUsed())
        .containsExactly(
            new UsageFinding(
                world.r2.id().value(),
                "alice",
                "github/admin",
                "NEVER_USED",
                Instant.parse("2026-03-02T14:00:00Z"),
                0,
                null));
    assertThat(retro.activityAfterEnd())
        .containsExactly(
            new UsageFinding(
                world.r3.id().value(),
                "bob",
                "github/read",
                "ACTIVITY_AFTER_END",
                Instant.parse("2026-03-02T15:31:00Z"),
                1,
                Instant.parse("2026-03-02T15:10:00Z")));
  }

  @Nested
  @DisplayName("one counting rule: the period a grant was requested in")
  class CountingRule {
    @Test
    @DisplayName("a grant requested in the period counts with usage flagged after it")
    void flaggedAfterThePeriod() {
      // r2 is asked for at 09:00 and flagged NEVER_USED at 14:00.
      Period morning = Period.of(RetroWorld.START, RetroWorld.START.plus(Duration.ofHours(3)));
      Retrospective early = Retrospective.of(world.access, morning, world.people, 2);
      assertThat(early.neverUsed())
          .extracting(UsageFinding::recordId)
          .containsExactly(world.r2.id().value());
      assertThat(early.activityAfterEnd())
          .extracting(UsageFinding::recordId)
          .containsExactly(world.r3.id().value());
      assertThat(early.shares().neverUsed()).isEqualTo(early.neverUsed().size());
    }

    @Test
    @DisplayName("a grant requested before the period does not count with usage flagged in it")
    void requestedBeforeThePeriod() {
      Period afternoon =
          Period.of(RetroWorld.START.plus(Duration.ofHours(4)), MARCH.to()); // from 13:00
      Retrospective late = Retrospective.of(world.access, afternoon, world.people, 2);
      assertThat(late.neverUsed()).isEmpty();
      assertThat(late.activityAfterEnd()).isEmpty();
      assertThat(late.roles()).extracting(ResourceUse::resource).containsExactly("wiki/edit");
      assertThat(late.shares()).isEqualTo(new UsageShares(1, 0, 0, 1, 1, 1, 0));
    }
  }

  @Test
  @DisplayName("a later period sees none of it")
  void otherPeriod() {
    Retrospective april =
        Retrospective.of(
            world.access,
            Period.of(MARCH.to(), MARCH.to().plus(Duration.ofDays(30))),
            world.people,
            2);
    assertThat(april.roles()).isEmpty();
    assertThat(april.neverUsed()).isEmpty();
    assertThat(april.shares()).isEqualTo(new UsageShares(0, 0, 0, 0, 0, 0, 0));
    assertThat(april.shares().shareUsed()).isNull();
  }

  @Nested
  @DisplayName("written as")
  class Written {
    @Test
    @DisplayName("JSON with hours, shares and both lists")
    void json() throws Exception {
      JsonNode json = new ObjectMapper().readTree(retro.toJson());
      assertThat(json.get("provenance").isNull()).isTrue();
      assertThat(json.at("/roles/0/resource").asText()).isEqualTo("github/admin");
      assertThat(json.at("/roles/0/granted").asText()).isEqualTo("PT8H");
      assertThat(json.at("/roles/0/grantedHours").asDouble()).isEqualTo(8.0);
      assertThat(json.at("/roles/0/hint").asText()).isEqualTo(ResourceUse.FREQUENT);
      assertThat(json.at("/lagByApprover/0/lag/p95").asText()).isEqualTo("PT3H");
      assertThat(json.at("/shares/notMeasured").asInt()).isEqualTo(1);
      assertThat(json.at("/shares/extensionsPerGrant").asDouble()).isEqualTo(0.25);
      assertThat(json.at("/neverUsed/0/subject").asText()).isEqualTo("alice");
      assertThat(json.at("/activityAfterEnd/0/lastEventAt").asText())
          .isEqualTo("2026-03-02T15:10:00Z");
      assertThat(json.at("/period/from").asText()).isEqualTo("2026-03-01T00:00:00Z");
      assertThat(json.at("/countingRule").asText()).isEqualTo(Retrospective.COUNTING_RULE);
    }

    @Test
    @DisplayName("long-form CSV, one figure a row")
    void csv() {
      String csv = retro.toCsv();
      assertThat(csv.lines().findFirst()).contains("table,name,measure,value");
      assertThat(csv.lines().skip(1).findFirst())
          .contains(
              "period,\"2026-03-01T00:00:00Z .. 2026-04-01T00:00:00Z\",counted_by,requested_at");
      assertThat(csv)
          .contains(
              "roles,github/admin,granted_hours,8.0\r\n",
              "roles,github/admin,requests,2\r\n",
              "approver,olivia,p95,PT3H\r\n",
              "team,eng,median,PT0S\r\n",
              "shares,all,not_measured,1\r\n",
              "shares,all,share_automated,0.5\r\n");
      // Jackson quotes ids holding a dash; a CSV reader removes the quotes again.
      assertThat(csv)
          .containsPattern("never_used,\"?" + world.r2.id().value() + "\"?,subject,alice\r\n")
          .containsPattern("activity_after_end,\"?" + world.r3.id().value() + "\"?,events,1\r\n");
    }
  }
}
