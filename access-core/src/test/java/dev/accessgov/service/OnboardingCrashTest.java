package dev.accessgov.service;

import static dev.accessgov.service.Fixture.CAROL;
import static dev.accessgov.service.Joiners.NINA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.ProviderException;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.DirectoryState;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.RecordLeases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process that dies in the middle of an onboarding: at every step it takes (each store write and
 * each identity-provider call), before the step took effect or after it took effect but before its
 * answer came back. Another instance then recovers and onboards again, in either order: the new
 * hire ends with exactly the birthright roles, each once, and the IdP agrees. The onboarding's
 * claim is durable before any grant, so {@code recover()} on a new instance finishes it alone.
 */
@DisplayName("onboarding when the process dies midway")
class OnboardingCrashTest {
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final List<RoleId> BIRTHRIGHTS =
      List.of(RoleId.of("github/read"), RoleId.of("finance/ledger"), RoleId.of("finance/payments"));

  /** How the second instance finishes the work. */
  enum Finish {
    RECOVER_THEN_ONBOARD,
    ONBOARD_THEN_RECOVER
  }

  /** Where the process dies; it does nothing after it. */
  static final class Died extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Died(int step) {
      super("the process died at step " + step, null, false, false);
    }
  }

  /**
   * Numbers the steps of one process and kills it at one of them; or, when {@code transientFault},
   * fails that one step as a lost connection would and lets the process live on.
   */
  static final class Mortality {
    private final int dieAt;
    private final boolean afterEffect;
    private final boolean transientFault;
    int steps;
    boolean dead;

    Mortality(int dieAt, boolean afterEffect) {
      this(dieAt, afterEffect, false);
    }

    Mortality(int dieAt, boolean afterEffect, boolean transientFault) {
      this.dieAt = dieAt;
      this.afterEffect = afterEffect;
      this.transientFault = transientFault;
    }

    <T> T step(Supplier<T> effect) {
      if (dead) {
        throw new Died(steps);
      }
      if (++steps == dieAt && !afterEffect) {
        throw fail();
      }
      T result = effect.get();
      if (steps == dieAt) {
        throw fail();
      }
      return result;
    }

    private RuntimeException fail() {
      if (transientFault) {
        return new ProviderException(
            "jdbc", "write", 0, "08006", null, true, "the connection was lost", null);
      }
      dead = true;
      return new Died(steps);
    }
  }

  static Stream<Arguments> deaths() {
    Joiners counting = new Joiners();
    Mortality clean = new Mortality(Integer.MAX_VALUE, false);
    dying(counting, clean).onboard(NINA, CAROL, "joins");
    assertThat(clean.steps).as("steps of an onboarding").isGreaterThan(6);
    List<Arguments> all = new ArrayList<>();
    for (int step = 1; step <= clean.steps; step++) {
      for (boolean after : new boolean[] {false, true}) {
        for (Finish finish : Finish.values()) {
          all.add(Arguments.of(step, after, finish));
        }
      }
    }
    return all.stream();
  }

  /**
   * Onboards nina on a process that dies at {@code step}, lets its leases lapse, and returns a new
   * instance on the same store.
   */
  private static AccessService diesThenNext(Joiners j, int step, boolean afterEffect) {
    AccessService dies = dying(j, new Mortality(step, afterEffect));
    assertThatThrownBy(() -> dies.onboard(NINA, CAROL, "joins")).isInstanceOf(Died.class);
    j.f.clock.advance(LEASE.multipliedBy(2));
    return j.builder().leaseDuration(LEASE).build();
  }

  private static AccessService dying(Joiners j, Mortality m) {
    return j.builder(new DyingIdp(j.f.idp, m))
        .store(new DyingStore(j.f.store, m))
        .leaseDuration(LEASE)
        .build();
  }

  @ParameterizedTest(name = "dies at step {0} (after its effect: {1}), then {2}")
  @MethodSource("deaths")
  @DisplayName("leaves exactly the birthright roles, once each, after recover and onboard")
  void finishes(int step, boolean afterEffect, Finish finish) {
    Joiners j = new Joiners();
    AccessService next = diesThenNext(j, step, afterEffect);
    if (finish == Finish.RECOVER_THEN_ONBOARD) {
      next.recover();
      next.onboard(NINA, CAROL, "joins");
    } else {
      next.onboard(NINA, CAROL, "joins");
      next.recover();
    }
    OnboardResult result = next.onboard(NINA, CAROL, "joins");

    List<AccessRecord> stored = j.f.store.query(RecordQuery.all().subject("nina"));
    assertThat(stored)
        .extracting(AccessRecord::roleId)
        .containsExactlyInAnyOrderElementsOf(BIRTHRIGHTS);
    assertThat(result.records())
        .extracting(AccessRecord::id)
        .containsExactlyInAnyOrderElementsOf(stored.stream().map(AccessRecord::id).toList());
    assertThat(result.records())
        .extracting(AccessRecord::roleId, AccessRecord::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BIRTHRIGHTS.get(0), RecordState.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(BIRTHRIGHTS.get(1), RecordState.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(BIRTHRIGHTS.get(2), RecordState.PENDING_APPROVAL));
    LifecycleEvent event = LifecycleEvent.of(LifecycleTrigger.ONBOARDING, NINA);
    for (AccessRecord r : stored) {
      assertThat(r.lifecycleEvent()).as("%s names the event", r.roleId()).contains(event);
      if (r.state() == RecordState.ACTIVE) {
        List<EvidenceEvent> provisioned = r.events(EvidenceType.PROVISIONED);
        assertThat(provisioned).as("%s provisioned once", r.roleId()).hasSize(1);
      }
    }
    assertThat(j.f.idp.memberIds("gh-read")).containsExactly("nina");
    assertThat(j.f.idp.memberIds("fin-ledger")).containsExactly("nina");
    assertThat(j.f.idp.memberIds("fin-payments")).isEmpty();
  }

  static Stream<Arguments> deathSteps() {
    return deaths().filter(a -> a.get()[2] == Finish.RECOVER_THEN_ONBOARD);
  }

  @ParameterizedTest(name = "dies at step {0} (after its effect: {1}), then only recover()")
  @MethodSource("deathSteps")
  @DisplayName("is finished by recover() alone on a new instance: the birthright roles, once each")
  void recoverAloneFinishes(int step, boolean afterEffect, Finish unused) {
    Joiners j = new Joiners();
    AccessService next = diesThenNext(j, step, afterEffect);
    next.recover();

    List<AccessRecord> stored = j.f.store.query(RecordQuery.all().subject("nina"));
    assertThat(stored)
        .extracting(AccessRecord::roleId)
        .containsExactlyInAnyOrderElementsOf(BIRTHRIGHTS);
    assertThat(stored)
        .extracting(AccessRecord::roleId, AccessRecord::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(BIRTHRIGHTS.get(0), RecordState.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(BIRTHRIGHTS.get(1), RecordState.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(BIRTHRIGHTS.get(2), RecordState.PENDING_APPROVAL));
    LifecycleEvent event = LifecycleEvent.of(LifecycleTrigger.ONBOARDING, NINA);
    for (AccessRecord r : stored) {
      assertThat(r.lifecycleEvent()).as("%s names the event", r.roleId()).contains(event);
      assertThat(r.requester()).as("%s asked for by the onboarder", r.roleId()).isEqualTo(CAROL);
      assertThat(r.reason()).as("%s for the onboarding's reason", r.roleId()).isEqualTo("joins");
    }
    assertThat(j.f.idp.memberIds("gh-read")).containsExactly("nina");
    assertThat(j.f.idp.memberIds("fin-ledger")).containsExactly("nina");
    DirectoryState state = j.f.store.governance().directoryState(NINA).orElseThrow();
    assertThat(state.pendingEvent()).as("the claim is finished").isNull();
    assertThat(state.lastEvent()).isEqualTo(event);
    long evidence = j.f.store.evidenceSize();
    next.recover();
    assertThat(j.f.store.evidenceSize())
        .as("a second recover() finds nothing to do")
        .isEqualTo(evidence);
  }

  @org.junit.jupiter.api.Test
  @DisplayName(
      "recovered by two instances at once, after a directory reconciliation, is finished once")
  void twoRecoverAtOnce() throws Exception {
    Joiners j = new Joiners();
    // Dies after the first grant took effect, before the others.
    Mortality m = new Mortality(2, true);
    AccessService dies = dying(j, m);
    assertThatThrownBy(() -> dies.onboard(NINA, CAROL, "joins")).isInstanceOf(Died.class);
    j.f.clock.advance(LEASE.multipliedBy(2));
    AccessService one = j.builder().leaseDuration(LEASE).build();
    AccessService two = j.builder().leaseDuration(LEASE).build();
    // The reconciliation sees nina for the first time: it must not write the claim away.
    one.reconcileDirectory(dev.accessgov.service.Fixture.IVY);
    assertThat(j.f.store.governance().directoryState(NINA).orElseThrow().pendingEvent())
        .isEqualTo(LifecycleEvent.of(LifecycleTrigger.ONBOARDING, NINA));

    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (AccessService s : List.of(one, two)) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return s.recover();
                }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> f : runs) {
        f.get(1, java.util.concurrent.TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<AccessRecord> stored = j.f.store.query(RecordQuery.all().subject("nina"));
    assertThat(stored)
        .extracting(AccessRecord::roleId)
        .containsExactlyInAnyOrderElementsOf(BIRTHRIGHTS);
    for (AccessRecord r : stored) {
      if (r.state() == RecordState.ACTIVE) {
        assertThat(r.events(EvidenceType.PROVISIONED)).as("%s", r.roleId()).hasSize(1);
      }
    }
    assertThat(j.f.idp.memberIds("gh-read")).containsExactly("nina");
    assertThat(j.f.idp.memberIds("fin-ledger")).containsExactly("nina");
    assertThat(j.f.store.governance().directoryState(NINA).orElseThrow().pendingEvent()).isNull();
  }

  @ParameterizedTest(name = "step {0} fails (after its effect: {1}), then {2}")
  @MethodSource("deaths")
  @DisplayName("after a failed store or IdP call, the same instance finishes it the same way")
  void transientFault(int step, boolean afterEffect, Finish finish) {
    Joiners j = new Joiners();
    Mortality m = new Mortality(step, afterEffect, true);
    AccessService access = dying(j, m);
    try {
      access.onboard(NINA, CAROL, "joins");
    } catch (ProviderException e) {
      assertThat(e.retryable()).isTrue();
    }
    // A write whose answer was lost leaves its record leased to this instance until the lease
    // lapses, as for any grant; the periodic recover() takes it over then.
    j.f.clock.advance(LEASE.multipliedBy(2));
    if (finish == Finish.RECOVER_THEN_ONBOARD) {
      access.recover();
      access.onboard(NINA, CAROL, "joins");
    } else {
      access.onboard(NINA, CAROL, "joins");
      access.recover();
    }
    OnboardResult result = access.onboard(NINA, CAROL, "joins");

    assertThat(j.f.store.query(RecordQuery.all().subject("nina")))
        .extracting(AccessRecord::roleId)
        .containsExactlyInAnyOrderElementsOf(BIRTHRIGHTS);
    assertThat(result.records())
        .extracting(AccessRecord::state)
        .containsExactly(RecordState.ACTIVE, RecordState.ACTIVE, RecordState.PENDING_APPROVAL);
    assertThat(j.f.idp.memberIds("gh-read")).containsExactly("nina");
    assertThat(j.f.idp.memberIds("fin-ledger")).containsExactly("nina");
  }

  /** A store whose writes are steps of the dying process. */
  private static final class DyingStore extends ForwardingAccessStore {
    private final AccessStore delegate;
    private final Mortality m;

    DyingStore(AccessStore delegate, Mortality m) {
      super(delegate);
      this.delegate = delegate;
      this.m = m;
    }

    @Override
    public AccessRecord insert(
        AccessRecord record,
        List<EvidenceDraft> events,
        Admission a,
        RecordLeases.@Nullable Claim lease) {
      return m.step(() -> delegate.insert(record, events, a, lease));
    }

    @Override
    public AccessRecord update(
        AccessRecord next, List<EvidenceDraft> events, RecordLeases.@Nullable Claim lease) {
      return m.step(() -> delegate.update(next, events, lease));
    }

    @Override
    public EvidenceEvent appendEvidence(EvidenceDraft event) {
      return m.step(() -> delegate.appendEvidence(event));
    }

    @Override
    public List<@Nullable AccessRecord> updateAll(List<Update> updates) {
      return m.step(() -> delegate.updateAll(updates));
    }
  }

  /** An identity provider whose membership changes are steps of the dying process. */
  private static final class DyingIdp extends ForwardingIdentityProvider {
    private final Mortality m;

    DyingIdp(IdentityProvider delegate, Mortality m) {
      super(delegate);
      this.m = m;
    }

    @Override
    public MembershipChange addMember(String groupId, String userId) {
      return m.step(() -> delegate.addMember(groupId, userId));
    }

    @Override
    public MembershipChange removeMember(String groupId, String userId) {
      return m.step(() -> delegate.removeMember(groupId, userId));
    }
  }
}
