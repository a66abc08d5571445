package dev.accessgov.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Reports made without a catalog")
class CatalogFreeReportTest {
  private final ReportWorld world = new ReportWorld().scripted();

  private AccessReport withCatalog() {
    return AccessReport.of(world.access, world.catalog, world.clock.instant());
  }

  private AccessReport withoutCatalog() {
    return AccessReport.of(world.access, world.clock.instant());
  }

  private static AccessRow row(AccessReport report, String recordId) {
    return report.rows().stream().filter(r -> r.recordId().equals(recordId)).findFirst().get();
  }

  private void importRecord(String id, String role, Instant requestedAt) {
    importRecord(id, "bob", role, requestedAt);
  }

  private void importRecord(String id, String subject, String role, Instant requestedAt) {
    world.store.insert(
        AccessRecord.builder()
            .id(RecordId.of(id))
            .subject(PersonId.of(subject))
            .roleId(RoleId.of(role))
            .requester(PersonId.of("bob"))
            .reason("imported")
            .state(RecordState.ACTIVE)
            .requestedAt(requestedAt)
            .activatedAt(requestedAt)
            .build(),
        List.of());
  }

  @Nested
  @DisplayName("the access report")
  class Access {
    @Test
    @DisplayName("lists the same grants, in the same order, as the catalog's report")
    void sameGrants() {
      assertThat(withoutCatalog().rows())
          .extracting(AccessRow::recordId)
          .containsExactlyElementsOf(
              withCatalog().rows().stream().map(AccessRow::recordId).toList());
    }

    @Test
    @DisplayName("takes the application from the role id, groups from provisioning, no tier")
    void fromTheRecordAlone() {
      AccessRow admin = row(withoutCatalog(), world.bobAdmin.id().value());

      assertThat(admin.application()).isEqualTo("github");
      assertThat(admin.applicationName()).isEqualTo("github");
      assertThat(admin.role()).isEqualTo("github/admin");
      assertThat(admin.tier()).isNull();
      assertThat(admin.groups()).containsExactly("okta:gh-admin", "okta:gh-audit");
      assertThat(admin.approvedBy()).containsExactly("olivia");
      assertThat(admin.since()).isEqualTo(ReportWorld.START);
      assertThat(admin.expiresAt()).isEqualTo(ReportWorld.START.plus(Duration.ofHours(6)));
    }

    @Test
    @DisplayName("keeps the other fields as the catalog's report has them")
    void sameOtherwise() {
      AccessReport with = withCatalog();
      AccessReport without = withoutCatalog();

      for (AccessRow expected : with.rows()) {
        AccessRow actual = row(without, expected.recordId());
        assertThat(actual)
            .usingRecursiveComparison()
            .ignoringFields("applicationName", "tier")
            .isEqualTo(expected);
      }
    }

    @Test
    @DisplayName("lists roles the catalog does not know, and role ids without an application part")
    void unknownRoles() {
      importRecord("legacy-1", "vpn", ReportWorld.START);
      importRecord("legacy-2", "jenkins/admin", ReportWorld.START);

      AccessReport report = withoutCatalog();

      assertThat(row(report, "legacy-1").application()).isEqualTo("vpn");
      assertThat(row(report, "legacy-2").application()).isEqualTo("jenkins");
      assertThat(row(report, "legacy-2").groups()).isEmpty();
      assertThat(withCatalog().rows()).extracting(AccessRow::recordId).doesNotContain("legacy-1");
    }

    @Test
    @DisplayName("writes an unknown tier as JSON null and an empty CSV cell")
    void unknownTier() throws Exception {
      AccessReport report = withoutCatalog();

      JsonNode github = new ObjectMapper().readTree(report.toJson()).get("applications").get(1);
      assertThat(github.get("name").asText()).isEqualTo("github");
      assertThat(github.get("grants").get(0).get("tier").isNull()).isTrue();
      String adminLine =
          report.toCsv().lines().filter(l -> l.contains("github/admin")).findFirst().get();
      assertThat(adminLine).startsWith("github,github,github/admin,,bob,");
    }

    @Test
    @DisplayName("lists every grant past the store's query limit, page by page")
    void pastTheQueryLimit() {
      // Older than everything else, so the first page of records holds none of the world's roles.
      Instant longAgo = ReportWorld.START.minus(Duration.ofDays(1));
      for (int i = 0; i < RecordQuery.MAX_LIMIT + 5; i++) {
        // One person each: a person holds one live record of a role.
        importRecord("bulk-" + i, "person" + i, "bulk/read", longAgo);
      }

      AccessReport report = withoutCatalog();

      assertThat(report.byApplication()).containsKeys("bulk", "finance", "github");
      assertThat(report.byApplication().get("bulk")).hasSize(RecordQuery.MAX_LIMIT + 5);
      assertThat(report.byApplication().get("github")).hasSize(5);
      assertThat(OperationalMetrics.of(world.access, world.clock.instant()).application("bulk"))
          .hasValueSatisfying(m -> assertThat(m.records()).isEqualTo(RecordQuery.MAX_LIMIT + 5));
    }
  }

  @Nested
  @DisplayName("the operational metrics")
  class Metrics {
    @Test
    @DisplayName("equal the catalog's metrics when every application has records")
    void same() {
      Instant at = world.clock.instant();

      OperationalMetrics without = OperationalMetrics.of(world.access, at);

      assertThat(without).isEqualTo(OperationalMetrics.of(world.access, world.catalog, at));
      assertThat(without.applications())
          .extracting(ApplicationMetrics::application)
          .containsExactly("aws", "finance", "github");
    }

    @Test
    @DisplayName("measure applications the catalog does not know")
    void unknownApplication() {
      importRecord("legacy-1", "jenkins/admin", ReportWorld.START);

      OperationalMetrics metrics = OperationalMetrics.of(world.access, world.clock.instant());

      ApplicationMetrics jenkins = metrics.application("jenkins").orElseThrow();
      assertThat(jenkins.records()).isEqualTo(1);
      assertThat(jenkins.evidenceGaps()).containsExactly("legacy-1");
    }
  }
}
