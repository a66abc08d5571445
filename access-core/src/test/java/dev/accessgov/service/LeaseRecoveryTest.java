package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.SweepResult;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.spi.ProviderReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one store, each with its own view of the identity provider, and one test clock.
 * Issue 14: recovery took over a live instance's slow batch once its evidence looked older than the
 * grace (repeated removals, evidence saying NOT_A_MEMBER instead of the IdP's own answer), and
 * never took over a record whose last event was dated ahead of the service clock.
 */
@DisplayName("leases on in-flight work")
class LeaseRecoveryTest {
  private static final List<String> SUBJECTS = List.of("carol", "dave", "erin", "frank", "grace");
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final Fixture f = new Fixture();
  private final InstanceIdp idpA = new InstanceIdp();
  private final AccessService a = instance("instance-a", idpA);
  private final AccessService b = instance("instance-b", f.idp);
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  private AccessService instance(String name, IdentityProvider idp) {
    return AccessService.builder()
        .catalog(f.catalog)
        .identityProvider(idp)
        .peopleDirectory(f.people)
        .store(f.store)
        .clock(f.clock)
        .sweepParallelism(1)
        .leaseDuration(LEASE)
        .instanceName(name)
        .build();
  }

  @AfterEach
  void stop() {
    idpA.resume.countDown();
    pool.shutdownNow();
  }

  /** Grants github/read to every subject for an hour, through instance B, and lets them end. */
  private List<AccessRecord> dueGrants() {
    List<AccessRecord> granted = new ArrayList<>();
    for (String subject : SUBJECTS) {
      granted.add(
          b.grant(request("github/read").subject(subject).duration(Duration.ofHours(1)).build()));
    }
    assertThat(granted).allMatch(r -> r.state() == RecordState.ACTIVE);
    f.clock.advance(Duration.ofHours(2));
    return granted;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(1, TimeUnit.MINUTES)).as("latch released (else a hang)").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName(
      "a slow batch on A that outlasts the old grace is not taken over by B: each record removed"
          + " once, with the IdP's own answer")
  void slowBatchIsNotStolen() throws Exception {
    List<AccessRecord> granted = dueGrants();
    idpA.slowBy = Duration.ofSeconds(30);
    idpA.pauseAtRemoval = 4;
    Future<SweepResult> sweep = pool.submit(a::expireDue);
    await(idpA.paused);
    // Three removals of 30 s each: the batch's EXPIRED events are 90 s old, past any grace the
    // old recovery was given, yet A renewed its leases before each call.
    SweepResult stolen = b.recover(Duration.ofSeconds(30));
    assertThat(stolen.completed()).isEmpty();
    assertThat(stolen.unfinished()).isEmpty();
    assertThat(b.recover().completed()).as("not even with no grace at all").isEmpty();
    idpA.resume.countDown();

    SweepResult done = sweep.get(1, TimeUnit.MINUTES);
    assertThat(done.completed()).hasSize(SUBJECTS.size());
    assertThat(idpA.removals.get()).isEqualTo(SUBJECTS.size());
    for (AccessRecord r : granted) {
      AccessRecord ended = b.record(r.id());
      assertThat(ended.state()).isEqualTo(RecordState.EXPIRED);
      assertThat(ended.events(EvidenceType.RECOVERED)).isEmpty();
      assertThat(ended.events(EvidenceType.DEPROVISIONED))
          .singleElement()
          .extracting(e -> e.detailText(EvidenceKeys.OUTCOME))
          .isEqualTo(MembershipOutcome.REMOVED.name());
    }
    assertThat(f.store.leases().find(granted.stream().map(AccessRecord::id).toList())).isEmpty();
  }

  @Test
  @DisplayName(
      "once A dies mid-call and its lease lapses, B takes over; RECOVERED names A, and only the"
          + " removals A made but never committed say NOT_A_MEMBER")
  void deadOwnerIsTakenOver() throws Exception {
    List<AccessRecord> granted = dueGrants();
    idpA.dieAtRemoval = 2;
    pool.submit(a::expireDue);
    await(idpA.paused);
    // A is dead inside its second removal: the IdP removed two members, A committed neither
    // answer (expiry commits its answers a chunk at a time).
    f.clock.advance(LEASE.minusSeconds(1));
    assertThat(b.recover().completed()).as("A's lease still runs").isEmpty();

    f.clock.advance(Duration.ofSeconds(1));
    SweepResult recovered = b.recover();

    assertThat(recovered.completed())
        .containsExactlyInAnyOrderElementsOf(granted.stream().map(AccessRecord::id).toList());
    int notAMember = 0;
    for (AccessRecord r : granted) {
      AccessRecord ended = b.record(r.id());
      assertThat(ended.state()).isEqualTo(RecordState.EXPIRED);
      assertThat(ended.walkthrough().isComplete()).as("%s", ended.walkthrough()).isTrue();
      assertThat(ended.events(EvidenceType.DEPROVISIONED)).hasSize(1);
      assertThat(ended.events(EvidenceType.RECOVERED))
          .singleElement()
          .extracting(e -> e.detailText(EvidenceKeys.LAPSED_OWNER))
          .asString()
          .startsWith("instance-a/");
      EvidenceEvent removal = ended.events(EvidenceType.DEPROVISIONED).get(0);
      if (removal.detailText(EvidenceKeys.OUTCOME).equals(MembershipOutcome.NOT_A_MEMBER.name())) {
        notAMember++;
      }
    }
    assertThat(notAMember).as("the removals A made before it died").isEqualTo(idpA.removals.get());
    assertThat(notAMember).isEqualTo(2);
    assertThat(f.idp.memberIds("gh-read")).isEmpty();
  }

  @Test
  @DisplayName(
      "a record whose last event is dated ahead of the service clock is recovered once its lease"
          + " lapses")
  void futureEventIsRecovered() throws Exception {
    AccessRecord admin =
        b.approve(b.grant(privileged(Duration.ofHours(4))).id(), OLIVIA, "release on-call");
    assertThat(admin.state()).isEqualTo(RecordState.ACTIVE);
    // The provider's clock runs an hour ahead; A dies in its second removal, before calling it.
    idpA.datedAhead = Duration.ofHours(1);
    idpA.dieBeforeRemoval = 2;
    pool.submit(() -> a.revoke(admin.id(), CAROL, "rotation ended"));
    await(idpA.paused);
    AccessRecord midway = b.record(admin.id());
    assertThat(midway.state()).isEqualTo(RecordState.DEPROVISIONING);
    assertThat(midway.timeline().get(midway.timeline().size() - 1).time())
        .as("the last event is in the future")
        .isAfter(f.clock.instant());

    f.clock.advance(LEASE.plusSeconds(1));
    SweepResult recovered = b.recover();

    assertThat(recovered.completed()).containsExactly(admin.id());
    AccessRecord ended = b.record(admin.id());
    assertThat(ended.state()).isEqualTo(RecordState.REVOKED);
    assertThat(ended.events(EvidenceType.RECOVERED))
        .singleElement()
        .extracting(e -> e.detailText(EvidenceKeys.LAPSED_OWNER))
        .asString()
        .startsWith("instance-a/");
    assertThat(ended.events(EvidenceType.DEPROVISIONED))
        .extracting(e -> e.detailText(EvidenceKeys.OUTCOME))
        .containsOnly(MembershipOutcome.REMOVED.name());
  }

  @Test
  @DisplayName("a record in flight written without a lease (an earlier version) is recovered")
  void noLeaseIsLapsed() {
    AccessRecord written =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(BOB)
            .roleId(RoleId.of("github/read"))
            .requester(ALICE)
            .reason("granted before leases existed")
            .state(RecordState.PROVISIONING)
            .requestedAt(f.clock.instant())
            .build();
    AccessRecord r = f.store.insert(written, List.of());
    assertThat(f.store.leases().find(List.of(r.id()))).isEmpty();
    assertThat(b.recover(Duration.ofMinutes(5)).completed()).containsExactly(r.id());
    AccessRecord done = b.record(r.id());
    assertThat(done.state()).isEqualTo(RecordState.ACTIVE);
    assertThat(done.events(EvidenceType.RECOVERED).get(0).details())
        .doesNotContainKey(EvidenceKeys.LAPSED_OWNER);
  }

  @Test
  @DisplayName("leaseDuration and instanceName refuse values that cannot work")
  void configuration() {
    assertThatThrownBy(() -> f.builder().leaseDuration(Duration.ZERO))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("leaseDuration");
    assertThatThrownBy(() -> f.builder().leaseDuration(Duration.ofSeconds(-1)))
        .isInstanceOf(AccessConfigurationException.class);
    assertThatThrownBy(() -> f.builder().instanceName("two words"))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("instanceName");
  }

  /**
   * The fixture's provider as instance A sees it: removals can take (test-clock) time, be answered
   * with a provider clock running ahead, pause, or kill instance A inside the call.
   */
  private final class InstanceIdp extends ForwardingIdentityProvider {
    volatile Duration slowBy = Duration.ZERO;
    volatile Duration datedAhead = Duration.ZERO;
    volatile int pauseAtRemoval = Integer.MAX_VALUE;
    volatile int dieAtRemoval = Integer.MAX_VALUE;
    volatile int dieBeforeRemoval = Integer.MAX_VALUE;
    final AtomicInteger removals = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);

    InstanceIdp() {
      super(f.idp);
    }

    @Override
    public MembershipChange removeMember(String groupId, String userId) {
      int n = calls.incrementAndGet();
      if (n == dieBeforeRemoval) {
        die();
      }
      if (n == pauseAtRemoval) {
        paused.countDown();
        await(resume);
      }
      f.clock.advance(slowBy);
      MembershipChange change = f.idp.removeMember(groupId, userId);
      if (change.outcome() == MembershipOutcome.REMOVED) {
        removals.incrementAndGet();
      }
      if (n == dieAtRemoval) {
        die();
      }
      ProviderReceipt r = change.receipt();
      return new MembershipChange(
          change.outcome(),
          change.groupId(),
          change.userId(),
          new ProviderReceipt(
              r.providerId(),
              r.operation(),
              r.status(),
              r.requestId(),
              r.answeredAt().plus(datedAhead)));
    }

    /** Instance A stops here for good: the test ends its thread without it writing anything. */
    private void die() {
      paused.countDown();
      try {
        resume.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new Died();
    }
  }

  /** Ends a dead instance's thread; an Error, so no library code treats it as handled. */
  private static final class Died extends Error {
    private static final long serialVersionUID = 1L;

    Died() {
      super("instance A died");
    }
  }
}
