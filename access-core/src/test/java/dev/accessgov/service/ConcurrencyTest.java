package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AccessService under concurrent use")
class ConcurrencyTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private void people(int n) {
    for (int i = 0; i < n; i++) {
      f.people.add("user" + i, "carol");
      f.idp.user("user" + i);
    }
  }

  private <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    List<T> results = new ArrayList<>();
    for (Future<T> future : pool.invokeAll(tasks)) {
      results.add(future.get());
    }
    return results;
  }

  @Test
  @DisplayName("grants from several threads all land, and the chain stays gapless and valid")
  void concurrentGrants() throws Exception {
    people(400);
    List<Callable<AccessRecord>> tasks = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String subject = "user" + i;
      tasks.add(() -> access.grant(request("github/read").subject(subject).build()));
    }
    assertThat(runAll(tasks)).allSatisfy(r -> assertThat(r.state()).isEqualTo(RecordState.ACTIVE));
    assertThat(f.idp.memberIds("gh-read")).hasSize(400);
    long size = access.evidence().size();
    assertThat(access.evidence().read(1, (int) size))
        .extracting(EvidenceEvent::seq)
        .isEqualTo(LongStream.rangeClosed(1, size).boxed().toList());
    assertThat(access.evidence().verify())
        .matches(VerificationResult::valid, "a chain that verifies");
  }

  @Test
  @DisplayName(
      "sweeps running at once expire each grant once, with one removal call per membership")
  void concurrentSweeps() throws Exception {
    people(300);
    for (int i = 0; i < 300; i++) {
      access.grant(request("aws/breakglass").subject("user" + i).build());
    }
    long callsBefore = f.idp.membershipCalls();
    f.clock.advance(Duration.ofHours(2));
    List<Callable<Integer>> sweeps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sweeps.add(() -> access.expireDue().completed().size());
    }
    assertThat(runAll(sweeps).stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
    assertThat(f.idp.membershipCalls() - callsBefore).isEqualTo(300);
    for (AccessRecord r : access.find(RecordQuery.all().role("aws/breakglass"))) {
      assertThat(r.state()).isEqualTo(RecordState.EXPIRED);
      assertThat(r.events(EvidenceType.EXPIRED)).hasSize(1);
      assertThat(r.events(EvidenceType.DEPROVISIONED)).hasSize(1);
    }
    assertThat(f.idp.memberIds("aws-breakglass")).isEmpty();
    assertThat(access.evidence().verify())
        .matches(VerificationResult::valid, "a chain that verifies");
  }

  @Test
  @DisplayName("two approvers completing a quorum at once provision the access once")
  void racingApprovers() throws Exception {
    for (int round = 0; round < 50; round++) {
      String subject = "racer" + round;
      f.people.add(subject, "carol");
      f.idp.user(subject);
      AccessRecord r = access.grant(request("finance/payments").subject(subject).build());
      List<Callable<Object>> both = new ArrayList<>();
      both.add(() -> access.approve(r.id(), DAVE, "yes"));
      both.add(() -> access.approve(r.id(), ERIN, "yes"));
      runAll(both);
      AccessRecord done = access.record(r.id());
      assertThat(done.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(done.events(EvidenceType.APPROVED)).hasSize(2);
      assertThat(done.events(EvidenceType.PROVISIONED)).hasSize(1);
    }
  }

  @Test
  @DisplayName("a revoke racing an expiry sweep removes the access once, ending REVOKED or EXPIRED")
  void revokeRacesExpiry() throws Exception {
    people(100);
    List<AccessRecord> grants = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      grants.add(access.grant(request("aws/breakglass").subject("user" + i).build()));
    }
    f.clock.advance(Duration.ofHours(2));
    List<Callable<Object>> racers = new ArrayList<>();
    racers.add(access::expireDue);
    racers.add(
        () -> {
          for (AccessRecord g : grants) {
            try {
              access.revoke(g.id(), CAROL, "done");
            } catch (dev.accessgov.StateConflictException alreadyEnding) {
              // The sweep got there first: exactly the outcome this test allows.
            }
          }
          return null;
        });
    runAll(racers);
    for (AccessRecord g : grants) {
      AccessRecord r = access.record(g.id());
      assertThat(r.state()).isIn(RecordState.REVOKED, RecordState.EXPIRED);
      assertThat(r.events(EvidenceType.DEPROVISIONED)).hasSize(1);
      assertThat(r.events(EvidenceType.EXPIRED).size() + r.events(EvidenceType.REVOKED).size())
          .isEqualTo(1);
    }
  }
}
