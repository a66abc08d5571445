package dev.accessgov.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import dev.accessgov.time.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two requests for the same person decided at the same moment: both read the person's live records
 * before either is written. The directory holds each request at its first manager look-up (after
 * the live records were read) until both have got there, so the interleaving that broke separation
 * of duties is forced on every run rather than hoped for.
 */
@DisplayName("Admission when requests race")
class AdmissionRaceTest {
  private static final RoleId PAYMENTS = RoleId.of("finance/payments");
  private static final RoleId APPROVE_PAYMENTS = RoleId.of("finance/approve-payments");

  private final TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
  private final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock).groups("pay", "approve");
  private final InMemoryPeopleDirectory directory = new InMemoryPeopleDirectory();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private volatile CountDownLatch bothDecided = new CountDownLatch(2);

  /** Holds the first two manager look-ups until both have happened. */
  private final PeopleDirectory people =
      new PeopleDirectory() {
        @Override
        public Optional<Person> find(PersonId id) {
          return directory.find(id);
        }

        @Override
        public Optional<PersonId> managerOf(PersonId id) {
          CountDownLatch latch = bothDecided;
          latch.countDown();
          try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
              throw new AssertionError("the other request never reached its decision");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return directory.managerOf(id);
        }
      };

  private AccessService service() {
    ApprovalPolicy manager = ApprovalPolicy.of(ApprovalStep.manager());
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("finance")
                    .owner("olivia")
                    .role(Role.builder(PAYMENTS.value()).group("okta", "pay").approval(manager))
                    .role(
                        Role.builder(APPROVE_PAYMENTS.value())
                            .group("okta", "approve")
                            .approval(manager)))
            .sodRule(SodRule.refuse("maker-checker", PAYMENTS, APPROVE_PAYMENTS))
            .build();
    for (String p : new String[] {"alice", "carol", "olivia"}) {
      directory.add(p, null);
    }
    for (int i = 0; i < 20; i++) {
      directory.add("user" + i, "carol");
      idp.user("user" + i);
    }
    return AccessService.builder()
        .catalog(catalog)
        .identityProvider(idp)
        .peopleDirectory(people)
        .store(new InMemoryAccessStore())
        .clock(clock)
        .build();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static GrantRequest request(String subject, RoleId role) {
    return GrantRequest.builder()
        .subject(subject)
        .requester("alice")
        .role(role.value())
        .reason("month-end close")
        .build();
  }

  /** Runs both requests at once; returns what each gave: a record or the exception. */
  private List<Object> race(AccessService access, GrantRequest a, GrantRequest b) throws Exception {
    bothDecided = new CountDownLatch(2);
    List<Future<Object>> both = new ArrayList<>();
    for (GrantRequest r : List.of(a, b)) {
      both.add(
          pool.submit(
              () -> {
                try {
                  return (Object) access.grant(r);
                } catch (RuntimeException refused) {
                  return refused;
                }
              }));
    }
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> f : both) {
      outcomes.add(f.get(2, TimeUnit.MINUTES));
    }
    return outcomes;
  }

  @Test
  @DisplayName("of two conflicting roles requested at once, one is refused for the SoD rule")
  void conflictingRoles() throws Exception {
    AccessService access = service();
    for (int i = 0; i < 20; i++) {
      String subject = "user" + i;
      List<Object> outcomes =
          race(access, request(subject, PAYMENTS), request(subject, APPROVE_PAYMENTS));
      assertThat(outcomes).filteredOn(AccessRecord.class::isInstance).hasSize(1);
      assertThat(outcomes)
          .filteredOn(PolicyViolationException.class::isInstance)
          .singleElement()
          .satisfies(e -> assertThat(((Exception) e)).hasMessageContaining("maker-checker"));
      assertThat(
              access.find(
                  RecordQuery.all()
                      .subject(subject)
                      .states(
                          RecordState.PENDING_APPROVAL,
                          RecordState.PROVISIONING,
                          RecordState.ACTIVE,
                          RecordState.DEPROVISIONING)))
          .hasSize(1);
    }
  }

  @Test
  @DisplayName("of the same role requested twice at once, one is refused as already held")
  void sameRole() throws Exception {
    AccessService access = service();
    for (int i = 0; i < 20; i++) {
      String subject = "user" + i;
      List<Object> outcomes = race(access, request(subject, PAYMENTS), request(subject, PAYMENTS));
      assertThat(outcomes).filteredOn(AccessRecord.class::isInstance).hasSize(1);
      assertThat(outcomes)
          .filteredOn(StateConflictException.class::isInstance)
          .singleElement()
          .satisfies(e -> assertThat(((Exception) e)).hasMessageContaining("already has"));
      assertThat(access.find(RecordQuery.all().subject(subject).role(PAYMENTS.value()))).hasSize(1);
    }
  }

  @Test
  @DisplayName("a request decided again after losing a race is still provisioned")
  void decidedAgainIsProvisioned() throws Exception {
    // Two automatic roles, no rule between them: the loser's first admission is refused only
    // because the winner's record appeared, and its second decision must go all the way.
    InMemoryAccessStore inner = new InMemoryAccessStore();
    CountDownLatch bothRead = new CountDownLatch(2);
    AccessStore racing =
        new ForwardingAccessStore(inner) {
          @Override
          public List<AccessRecord> query(RecordQuery query) {
            List<AccessRecord> found = inner.query(query);
            if (query.subject() != null) {
              bothRead.countDown();
              await(bothRead);
            }
            return found;
          }
        };
    directory.add("alice", null).add("olivia", null).add("dora", null);
    idp.user("dora");
    AccessService access =
        AccessService.builder()
            .catalog(
                Catalog.builder()
                    .application(
                        Application.builder("finance")
                            .owner("olivia")
                            .role(Role.builder(PAYMENTS.value()).group("okta", "pay"))
                            .role(Role.builder(APPROVE_PAYMENTS.value()).group("okta", "approve")))
                    .build())
            .identityProvider(idp)
            .peopleDirectory(directory)
            .store(racing)
            .clock(clock)
            .build();
    List<Future<AccessRecord>> both = new ArrayList<>();
    for (RoleId role : List.of(PAYMENTS, APPROVE_PAYMENTS)) {
      GrantRequest r =
          GrantRequest.builder()
              .subject("dora")
              .requester("alice")
              .role(role.value())
              .reason("month-end close")
              .idempotencyKey("close-" + role.value())
              .build();
      both.add(pool.submit(() -> access.grant(r)));
    }
    for (Future<AccessRecord> f : both) {
      assertThat(f.get(2, TimeUnit.MINUTES).state()).isEqualTo(RecordState.ACTIVE);
    }
    assertThat(idp.memberIds("pay")).containsExactly("dora");
    assertThat(idp.memberIds("approve")).containsExactly("dora");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new AssertionError("the other request never read the live records");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
