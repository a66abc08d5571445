package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.postgres.PostgresCluster;
import dev.accessgov.lifecycle.DirectoryReconciliation;
import dev.accessgov.lifecycle.TransferResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.spi.Person;
import dev.accessgov.spi.PersonAttribute;
import dev.accessgov.time.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21 on stores that persist: a transfer's immediate review and the directory state survive a
 * restart, and the review's deadline revokes what nobody kept exactly once, through the ordinary
 * close path, however many instances apply it.
 */
@DisplayName("a transfer's immediate review survives a restart")
class LifecycleRestartTest {
  private static final PersonId BOB = PersonId.of("bob");
  private static final PersonId ADA = PersonId.of("ada");

  @TempDir Path dir;
  private final TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
  private final InMemoryIdentityProvider idp = new InMemoryIdentityProvider("okta", clock);
  private final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("gh")
                  .owner("owen")
                  .role(Role.builder("gh/dev").group("okta", "g-dev"))
                  .role(Role.builder("gh/admin").group("okta", "g-admin")))
          .application(
              Application.builder("ledger")
                  .owner("owen")
                  .role(Role.builder("ledger/read").group("okta", "g-ledger")))
          .birthright(BirthrightRule.builder("engineers").role("gh/dev").department("engineering"))
          .birthright(BirthrightRule.builder("finance").role("ledger/read").department("finance"))
          .build();
  private Supplier<JdbcAccessStore> stores;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private void stores(String kind) {
    if (kind.equals("embedded")) {
      stores = () -> AccessStores.embedded(dir);
      return;
    }
    HikariDataSource pool = PostgresCluster.get().newDatabase(4);
    open.add(pool);
    String url = pool.getJdbcUrl();
    String database = url.substring(url.lastIndexOf('/') + 1);
    stores =
        () -> {
          HikariDataSource again = PostgresCluster.get().pool(database, 4);
          open.add(again);
          return AccessStores.postgres(again);
        };
  }

  private AccessService start(JdbcAccessStore store) {
    return AccessService.builder()
        .catalog(catalog)
        .identityProvider(idp)
        .peopleDirectory(people)
        .administrators(ADA)
        .store(store)
        .clock(clock)
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "postgresql"})
  @DisplayName(
      "opened before a restart, its deadline revokes what nobody kept once, from two instances")
  void reviewAcrossRestart(String kind) {
    stores(kind);
    for (String p : new String[] {"fred", "ada", "owen", "mia"}) {
      people.add(p, null);
      idp.user(p);
    }
    people.put(Person.of("bob", "mia").with(PersonAttribute.DEPARTMENT, "engineering"));
    idp.user("bob").groups("g-dev", "g-admin", "g-ledger");

    JdbcAccessStore store = stores.get();
    AccessService access = start(store);
    for (String role : new String[] {"gh/dev", "gh/admin"}) {
      access.grant(
          GrantRequest.builder().subject("bob").role(role).requester("mia").reason("work").build());
    }
    access.reconcileDirectory(ADA);
    people.update(
        "bob", p -> p.with(PersonAttribute.DEPARTMENT, "finance").withManager(PersonId.of("fred")));
    DirectoryReconciliation run = access.reconcileDirectory(ADA);
    assertThat(run.transfers()).hasSize(1);
    TransferResult t = run.transfers().get(0);
    ReviewCampaign before = access.reviews().campaign(t.reviewCampaign().orElseThrow());
    store.close();

    JdbcAccessStore one = stores.get();
    // The embedded store is one process's: its second instance is a second service on it.
    JdbcAccessStore two = kind.equals("embedded") ? one : stores.get();
    AccessService first = start(one);
    AccessService second = start(two);
    ReviewCampaign after = first.reviews().campaign(before.id());
    assertThat(after).isEqualTo(before);
    assertThat(after.spec().lifecycleEvent()).isEqualTo(t.event());
    assertThat(first.reconcileDirectory(ADA).transfers()).as("the change was handled").isEmpty();
    assertThat(first.transfer(BOB, ADA, "moved").event()).isEqualTo(t.event());

    clock.advance(Duration.ofDays(7));
    first.reviews().closeDue();
    second.reviews().closeDue();
    first.reviews().closeDue();

    assertThat(first.reviews().campaign(before.id()).status()).isEqualTo(CampaignStatus.CLOSED);
    List<AccessRecord> bob = first.find(RecordQuery.all().subject("bob"));
    assertThat(bob)
        .filteredOn(r -> r.state() == RecordState.ACTIVE)
        .extracting(r -> r.roleId().value())
        .containsExactly("ledger/read");
    assertThat(idp.memberIds("g-dev")).doesNotContain("bob");
    assertThat(idp.memberIds("g-admin")).doesNotContain("bob");
    List<EvidenceEvent> revoked = new ArrayList<>();
    first
        .evidence()
        .events()
        .forEachRemaining(
            e -> {
              if (e.type() == EvidenceType.REVIEW_REVOKED) {
                revoked.add(e);
              }
            });
    assertThat(revoked).as("one deadline decision per item").hasSize(2);
    assertThat(revoked)
        .allSatisfy(
            e ->
                assertThat(e.detailText(EvidenceKeys.LIFECYCLE_EVENT))
                    .isEqualTo(t.eventId().value()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "postgresql"})
  @DisplayName(
      "an onboarding claimed before a restart is finished by recover() alone, as its caller asked")
  void onboardingClaimedBeforeRestart(String kind) {
    stores(kind);
    for (String p : new String[] {"ada", "mia", "owen"}) {
      people.add(p, null);
      idp.user(p);
    }
    PersonId nina = PersonId.of("nina");
    people.put(Person.of("nina", "mia").with(PersonAttribute.DEPARTMENT, "engineering"));
    idp.user("nina").groups("g-dev");
    dev.accessgov.lifecycle.LifecycleEvent event =
        dev.accessgov.lifecycle.LifecycleEvent.of(
            dev.accessgov.lifecycle.LifecycleTrigger.ONBOARDING, nina);

    JdbcAccessStore store = stores.get();
    // A process that claimed nina's onboarding, then died before its first grant.
    store
        .governance()
        .moveDirectoryState(
            0,
            dev.accessgov.spi.DirectoryState.none(nina, clock.instant())
                .claiming(
                    event,
                    java.util.Map.of("department", "engineering"),
                    PersonId.of("mia"),
                    "starts Monday",
                    clock.instant()))
        .orElseThrow();
    store.close();

    clock.advance(Duration.ofMinutes(5));
    AccessService next = start(stores.get());
    next.recover();

    assertThat(next.find(RecordQuery.all().subject("nina")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.roleId().value()).isEqualTo("gh/dev");
              assertThat(r.state()).isEqualTo(RecordState.ACTIVE);
              assertThat(r.requester()).isEqualTo(PersonId.of("mia"));
              assertThat(r.reason()).isEqualTo("starts Monday");
              assertThat(r.lifecycleEvent()).contains(event);
            });
    assertThat(idp.memberIds("g-dev")).containsExactly("nina");
    assertThat(next.onboard(nina, PersonId.of("mia"), "again").records()).hasSize(1);
    assertThat(next.find(RecordQuery.all().subject("nina"))).hasSize(1);
  }
}
