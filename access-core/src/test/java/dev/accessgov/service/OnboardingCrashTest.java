package dev.accessgov.service;

import static dev.accessgov.service.Fixture.CAROL;
import static dev.accessgov.service.Joiners.NINA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
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
 * hire ends with exactly the birthright roles, each once, and the IdP agrees.
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

  /** Numbers the steps of one process and kills it at one of them. */
  static final class Mortality {
    private final int dieAt;
    private final boolean afterEffect;
    int steps;
    boolean dead;

    Mortality(int dieAt, boolean afterEffect) {
      this.dieAt = dieAt;
      this.afterEffect = afterEffect;
    }

    <T> T step(Supplier<T> effect) {
      if (dead) {
        throw new Died(steps);
      }
      if (++steps == dieAt && !afterEffect) {
        dead = true;
        throw new Died(steps);
      }
      T result = effect.get();
      if (steps == dieAt) {
        dead = true;
        throw new Died(steps);
      }
      return result;
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
    Mortality m = new Mortality(step, afterEffect);
    AccessService dies = dying(j, m);
    assertThatThrownBy(() -> dies.onboard(NINA, CAROL, "joins")).isInstanceOf(Died.class);

    j.f.clock.advance(LEASE.multipliedBy(2));
    AccessService next = j.builder().leaseDuration(LEASE).build();
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
