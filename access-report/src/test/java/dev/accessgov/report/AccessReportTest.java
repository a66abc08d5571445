package dev.accessgov.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.record.RecordState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The access report")
class AccessReportTest {
  private final ReportWorld world = new ReportWorld().scripted();

  private AccessReport now() {
    return AccessReport.of(world.access, world.catalog, world.clock.instant());
  }

  private AccessRow row(AccessReport report, String recordId) {
    return report.rows().stream().filter(r -> r.recordId().equals(recordId)).findFirst().get();
  }

  @Test
  @DisplayName("last sign-in comes from the identity providers, once per person, unknown as null")
  void lastLogins() throws Exception {
    Instant seen = Instant.parse("2026-01-04T17:12:00Z");
    world.idp.lastLogin("bob", dev.accessgov.spi.LastLogin.at(seen));
    world.idp.lastLogin("frank", dev.accessgov.spi.LastLogin.never());
    world.idp.user("henry");
    world.idp.addMember("fin-ledger", "henry");
    world.idp.lastLogin("henry", dev.accessgov.spi.LastLogin.at(seen.minusSeconds(60)));
    world.access.reconcile();

    AccessReport report = now().withLastLogins(world.access, List.of(world.idp));

    assertThat(report.rows())
        .filteredOn(r -> r.person().equals("bob"))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.lastLogin()).isEqualTo(seen.toString()));
    assertThat(row(report, world.carolPayments.id().value()).lastLogin())
        .as("nobody told the provider: unknown")
        .isNull();
    assertThat(report.rows())
        .filteredOn(r -> r.person().equals("frank"))
        .singleElement()
        .extracting(AccessRow::lastLogin)
        .isEqualTo("NEVER");
    assertThat(report.unexplained())
        .singleElement()
        .extracting(AccessRow::lastLogin)
        .isEqualTo(seen.minusSeconds(60).toString());
    assertThat(now().rows())
        .as("without providers, not asked")
        .allMatch(r -> r.lastLogin() == null);
    assertThat(now().withLastLogins(world.access, List.of()).rows())
        .allMatch(r -> r.lastLogin() == null);
  }

  @Nested
  @DisplayName("lists")
  class Lists {
    @Test
    @DisplayName("every active grant and nothing denied, expired or revoked")
    void activeOnly() {
      AccessReport report = now();

      assertThat(report.rows()).hasSize(6);
      assertThat(report.rows())
          .extracting(AccessRow::recordId)
          .doesNotContain(
              world.aliceAdminDenied.id().value(),
              world.graceBreakglass.id().value(),
              world.erinLedger.id().value());
      assertThat(world.graceBreakglass.state()).isEqualTo(RecordState.EXPIRED);
      assertThat(world.erinLedger.state()).isEqualTo(RecordState.REVOKED);
    }

    @Test
    @DisplayName("grants grouped by application, in a stable order")
    void grouped() {
      AccessReport report = now();

      assertThat(report.byApplication()).containsOnlyKeys("finance", "github");
      assertThat(report.byApplication().keySet()).containsExactly("finance", "github");
      assertThat(report.byApplication().get("github")).hasSize(5);
      assertThat(report.byApplication().get("finance")).hasSize(1);
      assertThat(report.byApplication().get("github"))
          .extracting(r -> r.role() + " " + r.person())
          .containsExactly(
              "github/admin bob",
              "github/billing bob",
              "github/read alice",
              "github/read bob",
              "github/read frank");
    }

    @Test
    @DisplayName("only grants already active at the report's moment")
    void atAMoment() {
      AccessReport report = AccessReport.of(world.access, world.catalog, ReportWorld.MORNING);

      assertThat(report.rows()).hasSize(5);
      assertThat(report.rows()).extracting(AccessRow::person).doesNotContain("frank");
      assertThat(report.at()).isEqualTo(ReportWorld.MORNING);
    }
  }

  @Nested
  @DisplayName("says for each grant")
  class Rows {
    @Test
    @DisplayName("who approved it: the people in order, or the policy")
    void approvers() {
      AccessReport report = now();

      assertThat(row(report, world.bobRead.id().value()).approvedBy()).containsExactly("policy");
      assertThat(row(report, world.bobAdmin.id().value()).approvedBy()).containsExactly("olivia");
      assertThat(row(report, world.bobBilling.id().value()).approvedBy())
          .containsExactly("carol", "olivia");
      assertThat(row(report, world.carolPayments.id().value()).approvedBy())
          .containsExactly("dave", "erin");
    }

    @Test
    @DisplayName("access found in the identity provider by reconcile is listed apart, unapproved")
    void discovered() throws Exception {
      world.idp.user("henry-the-contractor");
      world.idp.addMember("fin-ledger", "henry-the-contractor");
      Instant found = world.clock.instant();
      world.access.reconcile();

      AccessReport report = now();

      assertThat(report.rows()).hasSize(6).noneMatch(r -> r.role().equals("finance/ledger"));
      assertThat(report.unexplained())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.person()).isEqualTo("henry-the-contractor");
                assertThat(r.role()).isEqualTo("finance/ledger");
                assertThat(r.groups()).containsExactly("okta:fin-ledger");
                assertThat(r.approvedBy()).isEmpty();
                assertThat(r.since()).isEqualTo(found);
              });
      JsonNode json = new ObjectMapper().readTree(report.toJson());
      assertThat(json.at("/unexplained/0/application").asText()).isEqualTo("finance");
      assertThat(json.at("/unexplained/0/grants/0/person").asText())
          .isEqualTo("henry-the-contractor");
      assertThat(json.at("/applications").toString()).doesNotContain("henry");
      List<String> csv = report.toCsv().lines().toList();
      assertThat(csv.get(0)).endsWith(",explained,unmanaged");
      assertThat(csv).hasSize(8);
      assertThat(csv.subList(1, 7)).allMatch(line -> line.endsWith(",yes,no"));
      assertThat(csv.get(7)).contains("henry-the-contractor").endsWith(",no,no");
    }

    @Test
    @DisplayName("the groups, tier, start, end and next review")
    void details() {
      AccessRow admin = row(now(), world.bobAdmin.id().value());

      assertThat(admin.application()).isEqualTo("github");
      assertThat(admin.applicationName()).isEqualTo("GitHub");
      assertThat(admin.tier()).isEqualTo("PRIVILEGED");
      assertThat(admin.groups()).containsExactly("okta:gh-admin", "okta:gh-audit");
      assertThat(admin.since()).isEqualTo(ReportWorld.START);
      assertThat(admin.expiresAt()).isEqualTo(ReportWorld.START.plus(Duration.ofHours(6)));
      assertThat(admin.nextReviewAt()).isEqualTo(world.bobAdmin.reviewDueAt());

      AccessRow read = row(now(), world.bobRead.id().value());
      assertThat(read.expiresAt()).isNull();
      assertThat(read.nextReviewAt()).isEqualTo(ReportWorld.START.plus(Duration.ofDays(180)));
    }
  }

  @Nested
  @DisplayName("as JSON")
  class Json {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    @DisplayName("has the documented field names and one entry per grant")
    void fields() throws Exception {
      JsonNode root = mapper.readTree(now().toJson());

      assertThat(root.get("at").asText()).isEqualTo("2026-01-05T11:00:00Z");
      assertThat(root.get("applications")).hasSize(2);
      JsonNode github = root.get("applications").get(1);
      assertThat(github.get("application").asText()).isEqualTo("github");
      assertThat(github.get("name").asText()).isEqualTo("GitHub");
      assertThat(github.get("grants")).hasSize(5);
      JsonNode admin = github.get("grants").get(0);
      assertThat(iterable(admin.fieldNames()))
          .containsExactly(
              "person",
              "role",
              "tier",
              "groups",
              "since",
              "recordId",
              "approvedBy",
              "expiresAt",
              "nextReviewAt",
              "lastLogin",
              "unmanaged");
      assertThat(admin.get("expiresAt").asText()).isEqualTo("2026-01-05T15:00:00Z");
      assertThat(github.get("grants").get(2).get("expiresAt").isNull()).isTrue();
    }

    @Test
    @DisplayName("keeps markup, quotes and line breaks as plain string values")
    void hostile() throws Exception {
      String hostile = "</script><script>alert(\"x\")</script>\r\n=1+1";
      AccessRow row =
          new AccessRow(
              hostile,
              "app",
              hostile,
              "app/role",
              "STANDARD",
              List.of(hostile),
              null,
              "rec-1",
              List.of(hostile),
              null,
              null,
              null);

      JsonNode root = mapper.readTree(new AccessReport(Instant.EPOCH, List.of(row)).toJson());

      JsonNode app = root.get("applications").get(0);
      assertThat(app.get("name").asText()).isEqualTo(hostile);
      JsonNode grant = app.get("grants").get(0);
      assertThat(grant.get("person").asText()).isEqualTo(hostile);
      assertThat(grant.get("groups").get(0).asText()).isEqualTo(hostile);
      assertThat(grant.get("approvedBy").get(0).asText()).isEqualTo(hostile);
      assertThat(grant.get("since").isNull()).isTrue();
    }

    @Test
    @DisplayName("is written to a stream byte for byte as the string, leaving the stream open")
    void stream() {
      AccessReport report = now();
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      report.writeJson(out);
      report.writeJson(out);

      String once = report.toJson();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(once + once);
    }
  }

  @Test
  @DisplayName("is the same for two runs over the same state")
  void stable() {
    assertThat(now().toJson()).isEqualTo(now().toJson());
    assertThat(now().toCsv()).isEqualTo(now().toCsv());
  }

  @Test
  @DisplayName("of an empty store has no rows")
  void empty() {
    ReportWorld fresh = new ReportWorld();
    AccessReport report = AccessReport.of(fresh.access, fresh.catalog, Instant.EPOCH);

    assertThat(report.rows()).isEmpty();
    assertThat(report.byApplication()).isEmpty();
    assertThat(report.toCsv()).isEqualTo(String.join(",", HEADER) + "\r\n");
  }

  static final List<String> HEADER =
      List.of(
          "application",
          "application_name",
          "role",
          "tier",
          "person",
          "groups",
          "since",
          "record_id",
          "approved_by",
          "expires_at",
          "next_review_at",
          "last_login",
          "explained",
          "unmanaged");

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }
}
