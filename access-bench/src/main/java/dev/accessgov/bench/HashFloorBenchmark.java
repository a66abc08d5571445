package dev.accessgov.bench;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.CanonicalJson;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floors: raw SHA-256 over the canonical bytes the chain hashes, against the work that has to
 * produce them. {@code lifecycleEvidence} hashes one lifecycle's events (compare with {@link
 * LifecycleBenchmark}); {@code chainRawSha256} and {@code chainVerify} process the same chain of
 * {@value #LIFECYCLES} lifecycles, so their ratio is verify speed relative to raw SHA-256.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx4g"})
public class HashFloorBenchmark {
  static final int LIFECYCLES = 2_000;

  /** A real chain made by the service, and its canonical bytes. */
  @State(Scope.Benchmark)
  public static class Chain {
    List<EvidenceEvent> events;
    List<byte[]> bodies;
    List<byte[]> oneLifecycle;
    java.security.PublicKey key;
    List<dev.accessgov.evidence.Checkpoint> checkpoints;
    MessageDigest sha256;
    Path exportDir;
    List<byte[]> lines;

    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException, IOException {
      BenchWorld world = new BenchWorld(LIFECYCLES);
      for (int i = 0; i < LIFECYCLES; i++) {
        world.lifecycle(i);
      }
      events = world.access.evidence().read(1, (int) world.access.evidence().size());
      bodies = new ArrayList<>();
      for (EvidenceEvent e : events) {
        bodies.add(CanonicalJson.eventBody(e));
      }
      oneLifecycle = new ArrayList<>();
      String firstRecord = events.get(0).recordId();
      for (EvidenceEvent e : events) {
        if (e.recordId().equals(firstRecord)) {
          oneLifecycle.add(CanonicalJson.eventBody(e));
        }
      }
      key = world.access.evidence().publicKey();
      checkpoints = List.of(world.access.evidence().checkpoint());
      sha256 = MessageDigest.getInstance("SHA-256");
      exportDir = Files.createTempDirectory("hash-floor");
      EvidenceExport.write(exportDir, events.iterator(), checkpoints, key);
      lines = new ArrayList<>();
      for (EvidenceEvent e : events) {
        lines.add(CanonicalJson.eventLine(e));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      for (String name :
          List.of(EvidenceExport.EVENTS, EvidenceExport.CHECKPOINTS, EvidenceExport.PUBLIC_KEY)) {
        Files.deleteIfExists(exportDir.resolve(name));
      }
      Files.deleteIfExists(exportDir);
    }
  }

  /** A fresh in-memory store per iteration, for the append benchmark. */
  @State(Scope.Benchmark)
  public static class Appends {
    InMemoryAccessStore store;
    AccessRecord template;
    EvidenceDraft draft;

    @Setup(Level.Iteration)
    public void setUp(Chain c) {
      store = new InMemoryAccessStore();
      EvidenceEvent sample = c.events.get(0);
      template =
          AccessRecord.builder()
              .id(RecordId.of(sample.recordId()))
              .subject(PersonId.of("bob"))
              .roleId(RoleId.of("github/admin"))
              .requester(PersonId.of("bob"))
              .reason("benchmark")
              .requestedAt(sample.time())
              .build();
      draft =
          EvidenceDraft.of(
              sample.recordId(), sample.type(), sample.actor(), sample.time(), sample.details());
    }
  }

  /** Appending one event (a new record with its REQUESTED event) to the in-memory store's chain. */
  @Benchmark
  public AccessRecord appendOneEvent(Appends a) {
    RecordId id = RecordId.random();
    return a.store.insert(
        a.template.toBuilder().id(id).build(),
        List.of(
            EvidenceDraft.of(
                id.value(), a.draft.type(), a.draft.actor(), a.draft.time(), a.draft.details())));
  }

  /** SHA-256 of one lifecycle's events (the floor a lifecycle is compared with). */
  @Benchmark
  public void lifecycleEvidence(Chain c, Blackhole bh) {
    for (byte[] body : c.oneLifecycle) {
      bh.consume(c.sha256.digest(body));
    }
  }

  /** SHA-256 of every event body of the chain: the floor for verification. */
  @Benchmark
  public void chainRawSha256(Chain c, Blackhole bh) {
    for (byte[] body : c.bodies) {
      bh.consume(c.sha256.digest(body));
    }
  }

  /** SHA-256 of every line of the export: the floor for verifying the export. */
  @Benchmark
  public void exportRawSha256(Chain c, Blackhole bh) {
    for (byte[] line : c.lines) {
      bh.consume(c.sha256.digest(line));
    }
  }

  /**
   * What an auditor runs: verification of the same chain's export, read from its files (in the page
   * cache after the first iteration), against the trusted key.
   */
  @Benchmark
  public VerificationResult exportVerify(Chain c) {
    return EvidenceVerifier.verify(c.exportDir, c.key);
  }

  /** Full verification of the same chain: canonical form, hash, links, sequence. */
  @Benchmark
  public VerificationResult chainVerify(Chain c) {
    return EvidenceVerifier.verify(c.events.iterator(), c.checkpoints, c.key);
  }
}
