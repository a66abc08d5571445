package dev.accessgov.bench.entra;

import dev.accessgov.entra.EntraIdentityProvider;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.spi.MembershipOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Grants under an emulated Graph throttle of {@value #PER_SECOND} requests a second (beyond it: 429
 * with {@code Retry-After: 1}, as Graph sends whole seconds). Four threads grant {@value #GRANTS}
 * distinct users; after the one group check each grant is one request, so the allowed rate is
 * {@value #PER_SECOND} grants a second. The score is the time for all grants; the achieved share of
 * the allowed rate is {@value #GRANTS} / ({@value #PER_SECOND} × seconds). Every grant must end
 * ADDED (zero failed grants).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(1)
public class EntraThrottledGrantsBenchmark {
  static final int GRANTS = 100;
  private static final int PER_SECOND = 10;
  private static final String GROUP = "b7000000-0000-4000-8000-00000000000";

  private GraphEmulator emulator;
  private EntraIdentityProvider entra;
  private int round;

  /** An emulator and a provider with default retry settings but a longer budget. */
  @Setup
  public void start() {
    emulator = new GraphEmulator();
    entra =
        EntraIdentityProvider.builder()
            .graphBaseUrl(emulator.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .client(
                c ->
                    c.initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(500))
                        .totalTimeout(Duration.ofSeconds(30))
                        .maxAttempts(10))
            .build();
  }

  /** Stops everything. */
  @TearDown
  public void stop() {
    entra.close();
    emulator.close();
  }

  /** Grants {@value #GRANTS} users in a fresh group; fails if any grant fails. */
  @Benchmark
  public long grants() throws Exception {
    String group = GROUP + (round++);
    emulator.reset().group(group);
    List<String> users = new ArrayList<>();
    for (int i = 0; i < GRANTS; i++) {
      String id = String.format("b7000000-0000-4000-8000-%012d", i);
      emulator.user(id, "throttled" + i + "@contoso.example", null);
      users.add(id);
    }
    emulator.throttle(PER_SECOND);
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    int failed = 0;
    try {
      List<Future<MembershipOutcome>> results = new ArrayList<>();
      for (String u : users) {
        results.add(pool.submit(() -> entra.addMember(group, u).outcome()));
      }
      for (Future<MembershipOutcome> f : results) {
        try {
          if (f.get() != MembershipOutcome.ADDED) {
            failed++;
          }
        } catch (Exception e) {
          failed++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%n[entra-throttle] %d grants in %.2f s = %.1f %% of the allowed rate; failed grants %d;"
            + " 429s %d; members %d%n",
        GRANTS,
        seconds,
        100.0 * GRANTS / (PER_SECOND * seconds),
        failed,
        emulator.throttledCount(),
        emulator.memberIds(group).size());
    if (failed > 0 || emulator.memberIds(group).size() != GRANTS) {
      throw new IllegalStateException(failed + " grants failed");
    }
    return emulator.throttledCount();
  }
}
