package dev.accessgov.bench;

import static dev.accessgov.evidence.EvidenceKeys.*;

import dev.accessgov.SweepResult;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code expireDue()} with {@code due} grants due among {@code active} active grants: each
 * invocation makes {@code due} grants due (the rest end a month later) and sweeps them, IdP calls
 * and evidence included. The target is under 50 ms for 1,000 due among 1,000,000.
 */
// One sweep per iteration: timed runs would keep adding due grants until the heap is full.
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx12g"})
@State(Scope.Benchmark)
public class ExpiryBenchmark {
  @Param({"1000000"})
  public int active;

  @Param({"1000"})
  public int due;

  private BenchWorld world;

  @Setup(Level.Trial)
  public void seed() {
    world = new BenchWorld(due);
    world.idp.groups("gh-admin");
    Instant later = world.clock.instant().plus(Duration.ofDays(30));
    for (int i = 0; i < active; i++) {
      insertActive(BenchWorld.subject(i % due), later);
    }
  }

  @Setup(Level.Iteration)
  public void makeDue() {
    Instant now = world.clock.instant();
    for (int i = 0; i < due; i++) {
      String subject = BenchWorld.subject(i);
      world.idp.addMember("gh-admin", subject);
      insertActive(subject, now.minusSeconds(1));
    }
  }

  /** An active grant written straight to the store, with the PROVISIONED evidence removal needs. */
  private void insertActive(String subject, Instant expiresAt) {
    Instant at = world.clock.instant();
    AccessRecord r =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(PersonId.of(subject))
            .roleId(RoleId.of("github/admin"))
            .requester(PersonId.of(subject))
            .reason("seeded")
            .state(RecordState.ACTIVE)
            .requestedAt(at)
            .duration(Duration.ofHours(6))
            .activatedAt(at)
            .expiresAt(expiresAt)
            .reviewDueAt(at.plus(Duration.ofDays(30)))
            .build();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(PROVIDER, "okta");
    d.put(GROUP, "gh-admin");
    d.put(IDP_USER, subject);
    d.put(OUTCOME, "ADDED");
    d.put(STATUS, 0L);
    d.put(ANSWERED_AT, at.toString());
    world.store.insert(
        r,
        List.of(EvidenceDraft.of(r.id().value(), EvidenceType.PROVISIONED, "system:seed", at, d)));
  }

  @Benchmark
  public SweepResult expireDue() {
    SweepResult result = world.access.expireDue();
    if (result.completed().size() != due) {
      throw new IllegalStateException("expected " + due + " expiries, got " + result);
    }
    return result;
  }
}
