package dev.accessgov.report;

import static dev.accessgov.report.ReportWorld.FEBRUARY;
import static dev.accessgov.report.ReportWorld.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.AccessService;
import dev.accessgov.report.control.CampaignEntry;
import dev.accessgov.report.control.CampaignEntry.ReviewerProgress;
import dev.accessgov.report.control.ControlMapping;
import dev.accessgov.report.control.ControlSummary;
import dev.accessgov.report.control.GrantEntry;
import dev.accessgov.report.control.RemovalEntry;
import dev.accessgov.report.control.Section;
import dev.accessgov.report.control.Signoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("control report")
class ControlReportTest {
  private static final Period JAN_5 =
      Period.of(START.minus(Duration.ofHours(9)), START.plus(Duration.ofHours(15)));
  private static final Period FEB = Period.of(FEBRUARY, Instant.parse("2026-03-01T00:00:00Z"));

  @Nested
  @DisplayName("on the day of the scripted requests")
  class RequestDay {
    private final ReportWorld w = new ReportWorld().scripted();
    private final ControlReport report = ControlReport.of(w.access, JAN_5);

    @Test
    @DisplayName("lists every request with its approvals or denial, in chain order")
    void grants() {
      assertThat(report.grants())
          .extracting(GrantEntry::person, GrantEntry::role, GrantEntry::state)
          .containsExactly(
              tuple("bob", "github/read", "ACTIVE"),
              tuple("alice", "github/read", "ACTIVE"),
              tuple("bob", "github/admin", "ACTIVE"),
              tuple("bob", "github/billing", "ACTIVE"),
              tuple("carol", "finance/payments", "ACTIVE"),
              tuple("alice", "github/admin", "DENIED"),
              tuple("grace", "aws/breakglass", "EXPIRED"),
              tuple("erin", "finance/ledger", "REVOKED"),
              tuple("frank", "github/read", "ACTIVE"));
      GrantEntry billing = report.grants().get(3);
      assertThat(billing.approvals())
          .extracting(Signoff::by, Signoff::step, Signoff::comment)
          .containsExactly(tuple("carol", "MANAGER", "ok"), tuple("olivia", "APP_OWNER", "ok"));
      assertThat(billing.requester()).isEqualTo("alice");
      assertThat(billing.activatedAt()).isEqualTo(START);
      GrantEntry denied = report.grants().get(5);
      assertThat(denied.approvals()).isEmpty();
      assertThat(denied.denial())
          .extracting(Signoff::by, Signoff::comment)
          .containsExactly("olivia", "not on call");
      assertThat(report.grants().get(0).approvals())
          .singleElement()
          .extracting(Signoff::by)
          .isEqualTo("policy");
    }

    @Test
    @DisplayName("measures each removal from its trigger to the provider's confirmation")
    void removals() {
      assertThat(report.removals())
          .extracting(
              RemovalEntry::person,
              RemovalEntry::trigger,
              RemovalEntry::triggeredBy,
              RemovalEntry::dueAt,
              RemovalEntry::lag)
          .containsExactly(
              tuple("erin", "REVOKED", "olivia", at(1), Duration.ZERO),
              tuple("grace", "EXPIRED", "system:expiry", at(1), Duration.ofHours(1)));
      assertThat(report.removals().get(0).reason()).isEqualTo("left the finance team");
      assertThat(report.removalLags().get("EXPIRED"))
          .isEqualTo(new LagStats(1, Duration.ofHours(1), Duration.ofHours(1)));
      assertThat(report.removalLags().get("ALL"))
          .isEqualTo(new LagStats(2, Duration.ZERO, Duration.ofHours(1)));
    }

    @Test
    @DisplayName("sums up grants by how they were approved")
    void summary() {
      ControlSummary s = report.summary();
      assertThat(List.of(s.grants(), s.automated(), s.approvedByPerson(), s.denied()))
          .containsExactly(9, 5, 3, 1);
      assertThat(List.of(s.removals(), s.unconfirmedRemovals(), s.campaigns(), s.reclaims()))
          .containsExactly(2, 0, 0, 0);
      assertThat(s.driftFindings()).isZero();
    }

    @Test
    @DisplayName("a period before anything happened is empty, and a period must not be empty")
    void emptyPeriod() {
      ControlReport before =
          ControlReport.of(w.access, Period.of(START.minus(Duration.ofDays(2)), START));
      for (Section section : Section.values()) {
        assertThat(before.size(section)).as(section.id()).isZero();
      }
      assertThatThrownBy(() -> Period.of(START, START))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must end after it starts");
    }
  }

  @Nested
  @DisplayName("over a month of governance")
  class Governance {
    private final ReportWorld w = new ReportWorld().scripted().governed();
    private final ControlReport report = ControlReport.of(w.access, FEB);

    @Test
    @DisplayName("the late sweep, the reclaim and the review revoke are removals with their lags")
    void removals() {
      Instant adminDue = START.plus(Duration.ofHours(6));
      Instant billingDue = w.bobBilling.expiresAt();
      assertThat(billingDue).isEqualTo(START.plus(Duration.ofDays(30)));
      Instant feb12 = FEBRUARY.plus(Duration.ofDays(11));
      assertThat(report.removals())
          .extracting(
              RemovalEntry::person,
              RemovalEntry::role,
              RemovalEntry::trigger,
              RemovalEntry::triggeredBy,
              RemovalEntry::dueAt,
              RemovalEntry::lag)
          .containsExactly(
              tuple(
                  "bob",
                  "github/admin",
                  "EXPIRED",
                  "system:expiry",
                  adminDue,
                  Duration.between(adminDue, FEBRUARY)),
              tuple(
                  "frank",
                  "github/read",
                  "RECLAIMED",
                  "system:reclaim",
                  FEBRUARY.plus(Duration.ofDays(8)),
                  Duration.ZERO),
              tuple(
                  "alice",
                  "github/read",
                  "REVIEW_REVOKED",
                  "olivia",
                  FEBRUARY.plus(Duration.ofDays(9)),
                  Duration.ZERO),
              tuple(
                  "bob",
                  "github/billing",
                  "EXPIRED",
                  "system:expiry",
                  billingDue,
                  Duration.between(billingDue, feb12)),
              tuple(
                  "carol",
                  "finance/payments",
                  "OFFBOARDING",
                  "olivia",
                  feb12.plus(Duration.ofDays(1)),
                  Duration.ZERO));
      assertThat(report.removals())
          .allSatisfy(r -> assertThat(r.state()).isIn("EXPIRED", "REVOKED"));
      assertThat(report.removalLags().get("EXPIRED"))
          .isEqualTo(new LagStats(2, Duration.ofDays(8), Duration.between(adminDue, FEBRUARY)));
    }

    @Test
    @DisplayName("the campaign shows each reviewer's completion and every decision with its hash")
    void campaign() {
      CampaignEntry c = report.campaigns().get(0);
      assertThat(report.campaigns()).hasSize(1);
      assertThat(c.name()).isEqualTo("github/read Q1");
      assertThat(c.status()).isEqualTo("OPEN");
      assertThat(List.of(c.items(), c.kept(), c.revoked(), c.keptWithException()))
          .containsExactly(2, 1, 1, 0);
      assertThat(c.reviewers())
          .extracting(
              ReviewerProgress::reviewer, ReviewerProgress::assigned, ReviewerProgress::decided)
          .containsExactly(tuple("carol", 1, 1), tuple("olivia", 1, 1));
      assertThat(c.reviewers()).allSatisfy(p -> assertThat(p.completion()).isEqualTo(1.0));
      assertThat(c.decisions())
          .extracting(
              CampaignEntry.Decision::person,
              CampaignEntry.Decision::verdict,
              CampaignEntry.Decision::by)
          .containsExactly(tuple("alice", "REVOKE", "olivia"), tuple("bob", "KEEP", "carol"));
      String aliceHash = c.decisions().get(0).evidenceHash();
      assertThat(w.access.evidence().read(1, 10_000))
          .anySatisfy(e -> assertThat(e.hash()).isEqualTo(aliceHash));
    }

    @Test
    @DisplayName(
        "made by another instance on the same store, the campaign shows in full: name, items,"
            + " completion and every decision")
    void campaignElsewhere() {
      AccessService elsewhere =
          AccessService.builder()
              .catalog(w.catalog)
              .identityProvider(w.idp)
              .peopleDirectory(w.people)
              .store(w.store)
              .clock(w.clock)
              .build();
      CampaignEntry c = ControlReport.of(elsewhere, FEB).campaigns().get(0);
      assertThat(c).isEqualTo(report.campaigns().get(0));
      assertThat(c.name()).isEqualTo("github/read Q1");
      assertThat(c.items()).isEqualTo(2);
      assertThat(c.reviewers())
          .extracting(
              ReviewerProgress::reviewer, ReviewerProgress::assigned, ReviewerProgress::decided)
          .containsExactly(tuple("carol", 1, 1), tuple("olivia", 1, 1));
      assertThat(c.decisions()).hasSize(2);
    }

    @Test
    @DisplayName("the reclaim names its policy, the last sign-in used and the notice")
    void reclaim() {
      assertThat(report.reclaims())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.person()).isEqualTo("frank");
                assertThat(r.policy()).isEqualTo("inactive-20d");
                assertThat(r.lastLogin()).isEqualTo("2026-01-05T12:00:00Z");
                assertThat(r.threshold()).isEqualTo(Duration.ofDays(20).toString());
                assertThat(r.noticeGivenAt()).isEqualTo(FEBRUARY);
                assertThat(r.at()).isEqualTo(FEBRUARY.plus(Duration.ofDays(8)));
              });
    }

    @Test
    @DisplayName("drift: the hand-added member is found and flagged")
    void drift() {
      assertThat(report.drift())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.person()).isEqualTo("grace");
                assertThat(d.kind()).isEqualTo("UNEXPLAINED");
                assertThat(d.group()).isEqualTo("okta:gh-read");
                assertThat(d.at()).isEqualTo(FEBRUARY.plus(Duration.ofDays(11)));
              });
      assertThat(report.grants()).as("discovered access is not a grant").isEmpty();
    }

    @Test
    @DisplayName("JSON: controls name their sections; entries keep their field names")
    void json() throws Exception {
      JsonNode json = new ObjectMapper().readTree(report.toJson());
      assertThat(json.at("/framework").asText()).isEqualTo("SOC 2 (2017 TSC)");
      assertThat(json.at("/period/from").asText()).isEqualTo(FEBRUARY.toString());
      assertThat(json.at("/controls/0/id").asText()).isEqualTo("CC6.1");
      assertThat(json.at("/controls/0/sections").toString()).isEqualTo("[\"drift\"]");
      assertThat(json.at("/controls/1/sections").toString())
          .isEqualTo("[\"grants\",\"removals\",\"reclaims\"]");
      assertThat(json.at("/summary/reclaims").asInt()).isEqualTo(1);
      assertThat(json.at("/summary/removalLag/RECLAIMED/median").asText()).isEqualTo("PT0S");
      assertThat(json.at("/sections/reclaims/0/threshold").asText()).isEqualTo("PT480H");
      assertThat(json.at("/sections/reviews/0/reviewers/0/reviewer").asText()).isEqualTo("carol");
      assertThat(json.at("/sections/drift/0/group").asText()).isEqualTo("okta:gh-read");
      JsonNode firstRemoval = json.at("/sections/removals/0");
      assertThat(firstRemoval.fieldNames())
          .toIterable()
          .containsExactly(
              "recordId",
              "person",
              "role",
              "trigger",
              "triggeredBy",
              "reason",
              "dueAt",
              "confirmedAt",
              "lag",
              "state");
    }

    @Test
    @DisplayName("another framework files the same sections under its own controls")
    void otherFramework() throws Exception {
      ControlMapping iso =
          ControlMapping.builder("ISO/IEC 27001:2022")
              .control("A.5.18", "Access rights", Section.GRANTS, Section.REMOVALS, Section.REVIEWS)
              .build();
      JsonNode json = new ObjectMapper().readTree(ControlReport.of(w.access, FEB, iso).toJson());
      assertThat(json.at("/framework").asText()).isEqualTo("ISO/IEC 27001:2022");
      assertThat(json.at("/controls").size()).isEqualTo(1);
      assertThat(json.at("/sections/reclaims").size()).as("sections are all kept").isEqualTo(1);
      assertThat(ControlMapping.iso27001().controls())
          .extracting(ControlMapping.Control::id)
          .containsExactly("A.5.15", "A.5.18");
    }
  }

  private static Instant at(int hoursAfterStart) {
    return START.plus(Duration.ofHours(hoursAfterStart));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.api.Assertions.tuple(values);
  }
}
