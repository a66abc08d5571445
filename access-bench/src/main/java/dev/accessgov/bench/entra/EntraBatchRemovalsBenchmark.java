package dev.accessgov.bench.entra;

import dev.accessgov.entra.EntraIdentityProvider;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.spi.MembershipResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@value #USERS} removals from one group (an expiry sweep), through {@code removeMembers} ($batch,
 * 20 per request) and, for reference, one {@code removeMember} call each. Each run counts the HTTP
 * requests the emulator received and fails when the batch path needs more than 51 (one group check
 * and 50 batches) or any removal does not end REMOVED.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class EntraBatchRemovalsBenchmark {
  static final int USERS = 1000;
  private static final String GROUP = "bb000000-0000-4000-8000-000000000001";

  private GraphEmulator emulator;
  private EntraIdentityProvider entra;
  private final List<String> users = new ArrayList<>();

  /** The emulator with {@value #USERS} users. */
  @Setup
  public void start() {
    emulator = new GraphEmulator();
    for (int i = 0; i < USERS; i++) {
      users.add(String.format("bb000000-0000-4000-8000-%012d", i));
    }
  }

  /** A fresh provider (so its group check is counted) and a full group before each run. */
  @Setup(Level.Invocation)
  public void fill() {
    if (entra != null) {
      entra.close();
    }
    emulator.reset().group(GROUP);
    for (String u : users) {
      emulator.user(u, u + "@contoso.example", null).member(GROUP, u);
    }
    entra =
        EntraIdentityProvider.builder()
            .graphBaseUrl(emulator.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .build();
  }

  /** Stops everything. */
  @TearDown
  public void stop() {
    entra.close();
    emulator.close();
  }

  /** All removals through $batch. */
  @Benchmark
  public long batchRemovals() {
    List<MembershipResult> results = entra.removeMembers(GROUP, users);
    long changed = results.stream().filter(r -> r instanceof MembershipResult.Changed).count();
    long requests = emulator.httpRequestCount();
    System.out.printf("%n[entra-batch] %d removals, %d HTTP requests%n", changed, requests);
    if (changed != USERS || requests > 51 || !emulator.memberIds(GROUP).isEmpty()) {
      throw new IllegalStateException(changed + " removed with " + requests + " requests");
    }
    return requests;
  }

  /** The same removals one call each, for reference. */
  @Benchmark
  public long singleRemovals() {
    for (String u : users) {
      entra.removeMember(GROUP, u);
    }
    return emulator.httpRequestCount();
  }
}
