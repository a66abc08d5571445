package dev.accessgov.bench;

import dev.accessgov.record.AccessRecord;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full lifecycles per second on the in-memory providers: grant, app-owner approval (provisions),
 * revoke (deprovisions) — five store writes and six evidence events each. Compare with {@link
 * HashFloorBenchmark#lifecycleEvidence}, the cost of hashing the same events.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx6g"})
public class LifecycleBenchmark {
  // Enough people that each holds a handful of records, as in a real directory.
  private static final int SUBJECTS = 200_000;

  /** A fresh world per iteration, so records do not pile up across the whole run. */
  @State(Scope.Benchmark)
  public static class World {
    BenchWorld world;
    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Iteration)
    public void setUp() {
      world = new BenchWorld(SUBJECTS);
    }
  }

  /** Each thread cycles through its own half of the subjects. */
  @State(Scope.Thread)
  public static class Cursor {
    int offset;
    int next;

    @Setup(Level.Trial)
    public void setUp(World w) {
      offset = w.threads.getAndIncrement() * (SUBJECTS / 2);
    }

    int nextSubject() {
      next = (next + 1) % (SUBJECTS / 2);
      return offset + next;
    }
  }

  /** One thread. */
  @Benchmark
  @Threads(1)
  public AccessRecord lifecycleOneThread(World w, Cursor c) {
    return w.world.lifecycle(c.nextSubject());
  }

  /** Two threads, on different subjects. */
  @Benchmark
  @Threads(2)
  public AccessRecord lifecycleTwoThreads(World w, Cursor c) {
    return w.world.lifecycle(c.nextSubject());
  }
}
