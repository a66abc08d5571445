package dev.accessgov.bench.google;

import dev.accessgov.google.GoogleIdentityProvider;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Grants under an emulated Admin SDK quota of 1,200 queries a minute, scaled to 20 per one-second
 * window so a run takes seconds; over it the emulator answers 403 {@code userRateLimitExceeded}.
 * Four threads grant {@value #GRANTS} distinct users into a group named by id, one {@code
 * members.insert} each, so the allowed rate is 20 grants a second. The score is the time for all
 * grants; the achieved share of the allowed rate is {@value #GRANTS} / (20 × seconds). Every grant
 * must end ADDED (zero failed grants). {@code paced} sets {@code requestsPerMinute} to the quota;
 * unpaced relies on backoff alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(1)
public class GoogleQuotaGrantsBenchmark {
  static final int GRANTS = 100;
  private static final int PER_SECOND = 20;

  @Param({"true", "false"})
  public boolean paced;

  private GoogleEmulator emulator;
  private ServiceAccountKey key;
  private GoogleIdentityProvider google;
  private int round;

  /** An emulator with the quota, and a provider with or without pacing. */
  @Setup
  public void start() {
    emulator = new GoogleEmulator();
    key = new ServiceAccountKey(emulator.tokenUri());
    emulator.tokens().trust(key.publicKey());
    google =
        GoogleIdentityProvider.builder()
            .rootUrl(emulator.rootUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .serviceAccountKey(key::json)
            .delegatedAdmin("admin@example.com")
            .requestsPerMinute(paced ? PER_SECOND * 60 : 0)
            .client(
                c ->
                    c.initialBackoff(Duration.ofMillis(100))
                        .maxBackoff(Duration.ofSeconds(2))
                        .maxAttempts(20)
                        .totalTimeout(Duration.ofSeconds(30)))
            .build();
  }

  /** Stops everything. */
  @TearDown
  public void stop() {
    emulator.close();
  }

  /** Grants {@value #GRANTS} users in a fresh group; fails if any grant fails. */
  @Benchmark
  public long grants() throws Exception {
    String group = "03quota" + (round++);
    emulator.reset().group(group, group + "@example.com");
    List<String> users = new ArrayList<>();
    for (int i = 0; i < GRANTS; i++) {
      users.add(emulator.user("quota" + i + "@example.com", null));
    }
    // Fetch the access token outside the timed part: it is not a Directory request.
    google.findUser(users.get(0));
    emulator.quota(PER_SECOND, 1000);
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    int failed = 0;
    try {
      List<Future<MembershipOutcome>> results = new ArrayList<>();
      for (String u : users) {
        results.add(pool.submit(() -> google.addMember(group, u).outcome()));
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
        "%n[google-quota paced=%s] %d grants in %.2f s = %.1f %% of the allowed rate;"
            + " failed grants %d; quota errors %d; members %d%n",
        paced,
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
