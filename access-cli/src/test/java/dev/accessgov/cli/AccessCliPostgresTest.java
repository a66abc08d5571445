package dev.accessgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.jdbc.JdbcStoreSettings;
import dev.accessgov.jdbc.postgres.PostgresCluster;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * access-cli against a real PostgreSQL 15 store by {@code --url}, on the throwaway cluster
 * access-jdbc's tests use (trust authentication, so no password). Skipped without the PostgreSQL
 * binaries, except under {@code CI=true}.
 */
@DisplayName("access-cli on PostgreSQL")
class AccessCliPostgresTest {
  private HikariDataSource database;
  private String url;
  private AccessRecord admin;

  @BeforeEach
  void seed() {
    PostgresCluster cluster = PostgresCluster.get();
    database = cluster.newDatabase(2);
    url = cluster.url(database.getPoolName());
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    InMemoryIdentityProvider idp = new InMemoryIdentityProvider("okta", clock).groups("gh-admin");
    InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
    for (String p : new String[] {"bob", "olivia"}) {
      people.add(p, null);
      idp.user(p);
    }
    try (JdbcAccessStore store = AccessStores.postgres(database)) {
      AccessService access =
          AccessService.builder()
              .catalog(
                  Catalog.builder()
                      .application(
                          Application.builder("github")
                              .owner("olivia")
                              .role(
                                  Role.builder("github/admin")
                                      .tier(RiskTier.PRIVILEGED)
                                      .group("okta", "gh-admin")))
                      .build())
              .identityProvider(idp)
              .peopleDirectory(people)
              .store(store)
              .checkpointSigner(CheckpointSigner.generate("pg"))
              .clock(clock)
              .build();
      AccessRecord asked =
          access.grant(
              GrantRequest.builder()
                  .subject("bob")
                  .requester("bob")
                  .role("github/admin")
                  .reason("release")
                  .duration(Duration.ofHours(4))
                  .build());
      admin = access.approve(asked.id(), PersonId.of("olivia"), "ok");
      clock.advance(Duration.ofHours(1));
    }
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  @DisplayName("reports and reads a record from a PostgreSQL URL")
  void reportAndRecord() throws Exception {
    CliWorld.Run report =
        CliWorld.run(
            "report",
            "control",
            "--url",
            url,
            "--user",
            "postgres",
            "--from",
            "2026-01-05",
            "--at",
            "2026-01-06");
    CliWorld.Run record =
        CliWorld.run("record", admin.id().value(), "--url", url, "--user", "postgres");

    assertThat(report.exit()).as(report.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(report.out());
    assertThat(json.at("/summary/grants").asInt()).isEqualTo(1);
    assertThat(json.at("/sections/grants/0/approvals/0/by").asText()).isEqualTo("olivia");
    assertThat(record.exit()).as(record.err()).isZero();
    assertThat(record.out()).contains("github/admin for bob, ACTIVE", "approved by person:olivia");
  }

  @Test
  @DisplayName("reads a store the application keeps in a schema of its own, given --schema")
  void storeInSchema() {
    JdbcStoreSettings inSchema = JdbcStoreSettings.builder().schema("tenant_a").build();
    AccessRecord other;
    try (JdbcAccessStore store = AccessStores.postgres(database, inSchema)) {
      TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
      InMemoryIdentityProvider idp =
          new InMemoryIdentityProvider("okta", clock).groups("gh-admin").user("carol");
      other =
          AccessService.builder()
              .catalog(
                  Catalog.builder()
                      .application(
                          Application.builder("github")
                              .owner("olivia")
                              .role(Role.builder("github/read").group("okta", "gh-admin")))
                      .build())
              .identityProvider(idp)
              .peopleDirectory(new InMemoryPeopleDirectory().add("carol", null))
              .store(store)
              .clock(clock)
              .build()
              .grant(
                  GrantRequest.builder()
                      .subject("carol")
                      .requester("carol")
                      .role("github/read")
                      .reason("read")
                      .build());
    }

    CliWorld.Run inTenant =
        CliWorld.run(
            "record",
            other.id().value(),
            "--url",
            url,
            "--user",
            "postgres",
            "--schema",
            "tenant_a");
    CliWorld.Run inPublic =
        CliWorld.run("record", other.id().value(), "--url", url, "--user", "postgres");
    CliWorld.Run badName =
        CliWorld.run(
            "record", other.id().value(), "--url", url, "--user", "postgres", "--schema", "A;b");

    assertThat(inTenant.exit()).as(inTenant.err()).isZero();
    assertThat(inTenant.out()).contains("github/read for carol, ACTIVE");
    assertThat(inPublic.exit()).isNotZero();
    assertThat(badName.exit()).isNotZero();
    assertThat(badName.err()).contains("use lower-case letters, digits and '_'");
  }

  @Test
  @DisplayName("an unreachable server is one line and exit 3, naming no password")
  void unreachable() {
    CliWorld.Run run =
        CliWorld.run(
            "report",
            "access",
            "--url",
            "jdbc:postgresql://127.0.0.1:1/none",
            "--user",
            "postgres");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }
}
