package dev.accessgov.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.spi.AccessStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The model-based test every store runs: random sequences of up to 60 service calls (grant,
 * approve, deny, extend, revoke, offboard, onboard, transfers reported or only made in the
 * directory, directory reconciliation, review campaigns and verdicts, expiry sweeps, recovery,
 * clock moves forward and back), hostile values mixed in, from 1, 2 or 4 threads, on a fresh store
 * each. After each sequence: no two live records of one role for a person; no separation-of-duties
 * conflict (or only with the extra approval the rule asks for); identity-provider membership equals
 * the active records; nothing in flight after recovery; every exception an {@link
 * dev.accessgov.AccessException}; a refused call (when run alone) changed nothing; every record's
 * times in order; the exported chain verifies offline; after a final directory reconciliation no
 * lifecycle event is left claimed and every recorded department is the directory's; no lifecycle
 * event granted a role twice; a transfer's review never questions the new department's birthright;
 * every decision of a lifecycle review names its event. jqwik shrinks a failing sequence to a
 * minimal one.
 *
 * <p>Subclass it and return a fresh, empty store from {@link #newStore()}. The number of sequences
 * is jqwik's {@code jqwik.tries.default} (set it in {@code junit-platform.properties}, or with
 * {@code -Djqwik.tries.default=10000} for a long run).
 */
public abstract class AccessServiceModelContract {
  private static final AtomicLong SEQUENCES = new AtomicLong();
  private static final AtomicLong OPERATIONS = new AtomicLong();
  private static final java.util.Map<String, long[]> CALLS = new java.util.TreeMap<>();

  private static synchronized void tally(String kind, boolean accepted) {
    CALLS.computeIfAbsent(kind, k -> new long[2])[accepted ? 0 : 1]++;
  }

  /** A fresh, empty store for one sequence. */
  protected abstract AccessStore newStore();

  /** Releases a store {@link #newStore()} made (closes a pool, deletes files). */
  protected void release(AccessStore store) {}

  @Property(shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
  void invariantsHold(@ForAll("sequences") List<ModelOp> ops, @ForAll("threads") int threads)
      throws Exception {
    AccessStore store = newStore();
    try {
      ModelWorld world = new ModelWorld(store, AccessServiceModelContract::tally);
      List<String> violations = world.run(ops, threads);
      SEQUENCES.incrementAndGet();
      OPERATIONS.addAndGet(world.operations());
      assertThat(violations).as("invariants after %s on %d thread(s)", ops, threads).isEmpty();
    } finally {
      release(store);
    }
  }

  @Provide
  Arbitrary<List<ModelOp>> sequences() {
    return ModelOp.any(ModelWorld.PEOPLE.size(), ModelWorld.ROLES.size(), ModelWorld.SUBJECTS)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60)
        .withSizeDistribution(net.jqwik.api.RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<Integer> threads() {
    return Arbitraries.of(1, 2, 4);
  }

  /** Prints how many sequences and calls ran, and per kind of call how many were accepted. */
  @AfterContainer
  static synchronized void report() {
    StringBuilder kinds = new StringBuilder();
    CALLS.forEach(
        (kind, n) ->
            kinds.append(String.format("%n  %-14s %8d accepted %8d refused", kind, n[0], n[1])));
    System.out.printf(
        "model: %d sequences, %d operations%s%n", SEQUENCES.get(), OPERATIONS.get(), kinds);
  }
}
