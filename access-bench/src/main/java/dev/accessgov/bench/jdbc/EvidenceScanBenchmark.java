package dev.accessgov.bench.jdbc;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.LogProofs;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evidence verification straight from the database: the whole chain of {@value #EVENTS} events read
 * page by page (as {@code EvidenceLog.verify()} does) and verified. The score is events per second.
 * Target on H2: at least 100,000 events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class EvidenceScanBenchmark {
  static final int EVENTS = 100_000;
  private static final int PAGE = 4096;

  /** The database: {@code h2} or {@code postgres}. */
  @Param({"h2"})
  public String db;

  private BenchDatabase database;
  private PublicKey key;
  private List<Checkpoint> checkpoints;

  /** Fills a fresh database with the chain: 10,000 records of 10 events. */
  @Setup(Level.Trial)
  public void fill() throws Exception {
    database = BenchDatabase.open(db);
    CheckpointSigner signer = CheckpointSigner.generate("bench");
    key = signer.publicKey();
    Instant t0 = Instant.parse("2026-01-05T09:00:00Z");
    for (int i = 0; i < EVENTS / 10; i++) {
      AccessRecord r =
          AccessRecord.builder()
              .id(RecordId.of("ar-" + i))
              .subject(PersonId.of("user-" + i))
              .roleId(RoleId.of("github/admin"))
              .requester(PersonId.of("user-" + i))
              .reason("benchmark")
              .requestedAt(t0)
              .build();
      List<EvidenceDraft> drafts = new ArrayList<>();
      for (int e = 0; e < 10; e++) {
        drafts.add(
            EvidenceDraft.of(
                r.id().value(),
                EvidenceType.DRIFT_DETECTED,
                "system:bench",
                t0,
                Map.of("provider", "okta", "group", "gh-admin", "status", 200L, "n", (long) e)));
      }
      database.store().insert(r, drafts);
    }
    long size = database.store().evidenceSize();
    checkpoints =
        List.of(signer.sign(size, LogProofs.root(size, database.store().evidenceTree()), t0));
  }

  /** Deletes the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    database.close();
  }

  /** Reads and verifies the whole chain. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public VerificationResult verifyFromDatabase() {
    VerificationResult result = EvidenceVerifier.verify(pages(database.store()), checkpoints, key);
    if (!result.valid() || result.eventsChecked() != EVENTS) {
      throw new IllegalStateException("unexpected: " + result);
    }
    return result;
  }

  private static Iterator<EvidenceEvent> pages(JdbcAccessStore store) {
    long end = store.evidenceSize();
    return new Iterator<>() {
      private long next = 1;
      private List<EvidenceEvent> page = List.of();
      private int index;

      @Override
      public boolean hasNext() {
        if (index < page.size()) {
          return true;
        }
        if (next > end) {
          return false;
        }
        page = store.evidence(next, PAGE);
        index = 0;
        next += page.size();
        return !page.isEmpty();
      }

      @Override
      public EvidenceEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(index++);
      }
    };
  }
}
