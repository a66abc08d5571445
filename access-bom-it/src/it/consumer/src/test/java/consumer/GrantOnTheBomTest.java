package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.okta.OktaIdentityProvider;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an application on access-bom does first: grant, approve, see the access active. */
class GrantOnTheBomTest {

  @Test
  void aGrantApprovedOnTheEmbeddedStoreIsActive(@TempDir Path dir) {
    // Built, never called: proves the Okta SDK and jjwt the BOM chose link at run time.
    try (OktaIdentityProvider okta =
        OktaIdentityProvider.builder()
            .id("okta-production")
            .orgUrl("https://example.okta.com")
            .apiToken(() -> "not-a-token")
            .build()) {
      assertEquals("okta-production", okta.id());
    }

    var idp = new InMemoryIdentityProvider("okta", Clock.systemUTC()).user("bob").groups("gh-admin");
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("github")
                    .owner("olivia")
                    .role(
                        Role.builder("github/admin")
                            .tier(RiskTier.PRIVILEGED)
                            .group("okta", "gh-admin")))
            .build();
    try (JdbcAccessStore store = AccessStores.embedded(dir)) {
      AccessService access =
          AccessService.builder()
              .catalog(catalog)
              .identityProvider(idp)
              .peopleDirectory(new InMemoryPeopleDirectory().add("bob", null).add("olivia", null))
              .store(store)
              .build();
      AccessRecord asked =
          access.grant(
              GrantRequest.builder()
                  .subject("bob")
                  .requester("bob")
                  .role("github/admin")
                  .reason("release 4.2")
                  .duration(Duration.ofHours(6))
                  .build());
      AccessRecord approved = access.approve(asked.id(), PersonId.of("olivia"), "release window");

      assertEquals(RecordState.ACTIVE, approved.state());
      assertEquals(RecordState.ACTIVE, access.record(asked.id()).state());
      assertTrue(idp.isMember("gh-admin", "bob"));
    }
  }
}
