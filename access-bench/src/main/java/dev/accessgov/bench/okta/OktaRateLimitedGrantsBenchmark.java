package dev.accessgov.bench.okta;

import dev.accessgov.okta.OktaIdentityProvider;
import dev.accessgov.okta.emulator.OktaEmulator;
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
 * Grants under an emulated Okta rate limit of 600 requests a minute per endpoint family, scaled to
 * 10 requests per one-second window so a run takes seconds, not minutes. Four threads grant {@value
 * #GRANTS} distinct users; each grant costs one look-up and one assignment, so the allowed rate is
 * 10 grants a second. The score is the time for all grants; the achieved share of the allowed rate
 * is {@value #GRANTS} / (10 × seconds). Every grant must end ADDED (zero failed grants).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(1)
public class OktaRateLimitedGrantsBenchmark {
  static final int GRANTS = 100;
  private static final int PER_SECOND = 10;
  private static final String GROUP = "00grated00000000001";

  private OktaEmulator emulator;
  private OktaIdentityProvider okta;
  private int round;

  /** An emulator with the rate limit and a provider with default pacing. */
  @Setup
  public void start() {
    emulator = new OktaEmulator();
    okta =
        OktaIdentityProvider.builder()
            .orgUrl(emulator.orgUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .apiToken(() -> OktaEmulator.TOKEN)
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
    okta.close();
    emulator.close();
  }

  /** Grants {@value #GRANTS} users in a fresh group; fails if any grant fails. */
  @Benchmark
  public long grants() throws Exception {
    String group = GROUP + (round++);
    emulator.reset().group(group).rateLimit(PER_SECOND, 1000);
    List<String> users = new ArrayList<>();
    for (int i = 0; i < GRANTS; i++) {
      String id = String.format("00urated%011d", i);
      emulator.user(id, "rated" + i + "@example.com", null);
      users.add(id);
    }
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    int failed = 0;
    try {
      List<Future<MembershipOutcome>> results = new ArrayList<>();
      for (String u : users) {
        results.add(pool.submit(() -> okta.addMember(group, u).outcome()));
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
        "%n[okta-rate] %d grants in %.2f s = %.1f %% of the allowed rate; failed grants %d;"
            + " 429s %d; members %d%n",
        GRANTS,
        seconds,
        100.0 * GRANTS / (PER_SECOND * seconds),
        failed,
        emulator.rateLimitedCount(),
        emulator.memberIds(group).size());
    if (failed > 0 || emulator.memberIds(group).size() != GRANTS) {
      throw new IllegalStateException(failed + " grants failed");
    }
    return emulator.rateLimitedCount();
  }
}
