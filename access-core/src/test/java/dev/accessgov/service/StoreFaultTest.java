package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.ProviderException;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.RecordLeases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store write that fails (a lost connection, a full disk) is never taken for an identity
 * provider's answer. For every write of every flow that calls the IdP, and for retryable and
 * permanent store failures alike, the failed write is injected, then {@code recover()} runs: no
 * record is FAILED or rolled back because of the store, no evidence blames the IdP for it, and
 * records and IdP agree.
 */
@DisplayName("a failing store write in the middle of provider work")
class StoreFaultTest {

  /** A flow of calls on a fresh world; the writes it makes are numbered 1.. in order. */
  private record Flow(
      String name, Consumer<World> prepare, Consumer<World> run, Consumer<World> finish) {
    Flow(String name, Consumer<World> prepare, Consumer<World> run) {
      this(name, prepare, run, w -> w.access.recover());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A fixture whose store fails its n-th write once it is armed. */
  private static final class World {
    final Fixture f = new Fixture();
    final FailingStore store = new FailingStore(f.store);
    final AccessService access = f.builder().store(store).build();
    @Nullable RecordId record;
  }

  private static final List<Flow> FLOWS =
      List.of(
          new Flow(
              "grant (one group)", w -> {}, w -> w.access.grant(request("github/read").build())),
          new Flow(
              "approve (two groups)",
              w -> w.record = w.access.grant(privileged(Duration.ofHours(4))).id(),
              w -> w.access.approve(w.record, OLIVIA, "ok")),
          new Flow(
              "revoke (two groups)",
              StoreFaultTest::admin,
              w -> w.access.revoke(w.record, CAROL, "done")),
          new Flow(
              "expire (two groups)",
              StoreFaultTest::admin,
              w -> {
                w.f.clock.advance(Duration.ofHours(5));
                w.access.expireDue();
              }),
          new Flow(
              "offboard",
              w -> {
                admin(w);
                w.access.grant(request("github/read").build());
              },
              w -> w.access.offboard(BOB, CAROL, "leaves")),
          new Flow(
              "reconcile re-adds a missing membership",
              w -> {
                w.access.grant(request("github/read").build());
                w.f.idp.removeMember("gh-read", "bob");
              },
              w -> w.access.reconcile(),
              // A run that could not store its finding changed nothing; the next run finds it.
              w -> {
                w.access.recover();
                w.access.reconcile();
              }));

  private static void admin(World w) {
    w.record =
        w.access.approve(w.access.grant(privileged(Duration.ofHours(4))).id(), OLIVIA, "ok").id();
  }

  static Stream<Arguments> faults() {
    List<Arguments> all = new ArrayList<>();
    for (Flow flow : FLOWS) {
      World counting = new World();
      flow.prepare().accept(counting);
      counting.store.arm(Integer.MAX_VALUE, false);
      flow.run().accept(counting);
      int writes = counting.store.writes;
      for (int n = 1; n <= writes; n++) {
        all.add(Arguments.of(flow, n, true));
        all.add(Arguments.of(flow, n, false));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: write {1} fails, retryable {2}")
  @MethodSource("faults")
  @DisplayName("is a store failure, and recover() finishes the work")
  void storeFailureIsNotAProviderAnswer(Flow flow, int failing, boolean retryable) {
    World w = new World();
    flow.prepare().accept(w);
    w.store.arm(failing, retryable);
    try {
      flow.run().accept(w);
    } catch (ProviderException e) {
      assertThat(e.providerId()).as("what the caller is told failed").isEqualTo("jdbc");
      assertThat(e.retryable()).isEqualTo(retryable);
    }
    assertThat(w.store.failed).as("the fault was injected").isTrue();
    flow.finish().accept(w);
    List<AccessRecord> all = w.f.store.query(RecordQuery.all());
    for (AccessRecord r : all) {
      assertThat(r.state().isInFlight()).as("%s left %s", r.id(), r.state()).isFalse();
      assertThat(r.state())
          .as("%s: the IdP never refused", r.id())
          .isNotEqualTo(RecordState.FAILED);
      for (EvidenceEvent e : r.timeline()) {
        if (e.type() == EvidenceType.PROVISION_FAILED
            || e.type() == EvidenceType.DEPROVISION_FAILED) {
          assertThat(e.detailText(EvidenceKeys.ERROR))
              .as("%s blames the IdP for the store's failure", e.type())
              .doesNotContain("connection was lost", "disk is full");
        }
      }
      for (GroupRef g : Set.of(GroupRef.of("okta", "gh-admin"), GroupRef.of("okta", "gh-read"))) {
        // Once per change: the grant, and each re-provisioning a drift finding decided.
        long changes = 1 + count(r, EvidenceType.DRIFT_DETECTED, g);
        assertThat(count(r, EvidenceType.PROVISIONED, g))
            .as("%s added to %s once per change", r.id(), g)
            .isLessThanOrEqualTo(changes);
      }
    }
    for (String group : List.of("gh-admin", "gh-audit", "gh-read")) {
      Set<String> expected = new TreeSet<>();
      for (AccessRecord r : all) {
        boolean holds =
            r.state() == RecordState.ACTIVE
                && w.f.catalog.requireRole(r.roleId()).groups().stream()
                    .anyMatch(g -> g.groupId().equals(group));
        if (holds) {
          expected.add(r.subject().value());
        }
      }
      assertThat(new TreeSet<>(w.f.idp.memberIds(group)))
          .as("members of %s are the active records' subjects", group)
          .isEqualTo(expected);
    }
  }

  private static long count(AccessRecord r, EvidenceType type, GroupRef g) {
    return r.events(type).stream()
        .filter(e -> g.groupId().equals(e.detailText(EvidenceKeys.GROUP)))
        .count();
  }

  /** Delegates to the in-memory store; once armed, its n-th write fails as a database would. */
  private static final class FailingStore extends ForwardingAccessStore {
    private final AccessStore delegate;
    private int failAt = Integer.MAX_VALUE;
    private boolean retryable;
    int writes;
    boolean failed;

    FailingStore(AccessStore delegate) {
      super(delegate);
      this.delegate = delegate;
    }

    void arm(int n, boolean retryable) {
      this.failAt = n;
      this.retryable = retryable;
      this.writes = 0;
    }

    private void write(String operation) {
      if (++writes == failAt) {
        failed = true;
        throw new ProviderException(
            "jdbc",
            operation,
            0,
            retryable ? "08006" : "53100",
            null,
            retryable,
            retryable ? "the connection was lost" : "the disk is full",
            null);
      }
    }

    @Override
    public AccessRecord insert(
        AccessRecord record,
        List<EvidenceDraft> events,
        Admission a,
        RecordLeases.@Nullable Claim lease) {
      write("insert");
      return delegate.insert(record, events, a, lease);
    }

    @Override
    public AccessRecord update(
        AccessRecord next, List<EvidenceDraft> events, RecordLeases.@Nullable Claim lease) {
      write("update");
      return delegate.update(next, events, lease);
    }

    @Override
    public EvidenceEvent appendEvidence(EvidenceDraft event) {
      write("appendEvidence");
      return delegate.appendEvidence(event);
    }

    @Override
    public List<@Nullable AccessRecord> updateAll(List<Update> updates) {
      write("updateAll");
      return delegate.updateAll(updates);
    }
  }
}
