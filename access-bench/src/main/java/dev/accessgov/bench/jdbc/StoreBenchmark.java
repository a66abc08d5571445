package dev.accessgov.bench.jdbc;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable lifecycles per second: one record from request to removal, as the service writes it —
 * four transactions (request+approval, provisioned, revoke intent, removed) carrying five events.
 * {@code store} goes through {@code JdbcAccessStore} (chain-head lock, hashing, version checks,
 * reading the timeline back); {@code raw} writes the same rows with plain JDBC inserts and updates
 * in the same four transactions, the baseline. Target: store at most 2× the cost of raw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class StoreBenchmark {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final String HASH = "0".repeat(64);

  /** The database: {@code h2} or {@code postgres}. */
  @Param({"h2"})
  public String db;

  private BenchDatabase database;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong seq = new AtomicLong();

  /** Opens a fresh database. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    database = BenchDatabase.open(db);
  }

  /** Deletes it. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    database.close();
  }

  /** One lifecycle through the store. */
  @Benchmark
  public AccessRecord store() {
    var store = database.store();
    AccessRecord r = newRecord();
    r = store.insert(r, List.of(draft(r, EvidenceType.REQUESTED), draft(r, EvidenceType.APPROVED)));
    r =
        store.update(
            r.toBuilder()
                .state(RecordState.ACTIVE)
                .activatedAt(T0)
                .expiresAt(T0.plus(Duration.ofHours(1)))
                .build(),
            List.of(draft(r, EvidenceType.PROVISIONED)));
    r =
        store.update(
            r.toBuilder().state(RecordState.DEPROVISIONING).build(),
            List.of(draft(r, EvidenceType.REVOKED)));
    return store.update(
        r.toBuilder().state(RecordState.REVOKED).endedAt(T0).build(),
        List.of(draft(r, EvidenceType.DEPROVISIONED)));
  }

  /** The same rows with plain JDBC: the baseline. */
  @Benchmark
  public long raw() throws SQLException {
    String id = "raw-" + ids.incrementAndGet();
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO ag_record (id, subject, role_id, requester, reason, state,"
                  + " requested_at, version, last_seq) VALUES (?, 'bob', 'github/admin', 'bob',"
                  + " 'release', 'PROVISIONING', 1, 1, 0)")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      events(c, id, "REQUESTED", "APPROVED");
      c.commit();
      update(c, id, "ACTIVE", 2);
      events(c, id, "PROVISIONED");
      c.commit();
      update(c, id, "DEPROVISIONING", 3);
      events(c, id, "REVOKED");
      c.commit();
      update(c, id, "REVOKED", 4);
      events(c, id, "DEPROVISIONED");
      c.commit();
      c.setAutoCommit(true);
    }
    return seq.get();
  }

  private static void update(Connection c, String id, String state, long version)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_record SET state = ?, version = ?, expires_at = 2, activated_at = 1"
                + " WHERE id = ?")) {
      ps.setString(1, state);
      ps.setLong(2, version);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  private void events(Connection c, String id, String... types) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ag_evidence (seq, record_id, type, actor, time_ms, details, prev_hash,"
                + " hash) VALUES (?, ?, ?, 'person:alice', 1, ?, ?, ?)")) {
      for (String type : types) {
        ps.setLong(1, seq.incrementAndGet());
        ps.setString(2, id);
        ps.setString(3, type);
        ps.setString(4, "{\"reason\":\"benchmark\",\"n\":1}");
        ps.setString(5, HASH);
        ps.setString(6, HASH);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private AccessRecord newRecord() {
    return AccessRecord.builder()
        .id(RecordId.of("ar-" + ids.incrementAndGet()))
        .subject(PersonId.of("bob"))
        .roleId(RoleId.of("github/admin"))
        .requester(PersonId.of("bob"))
        .reason("release")
        .state(RecordState.PROVISIONING)
        .requestedAt(T0)
        .duration(Duration.ofHours(1))
        .build();
  }

  private static EvidenceDraft draft(AccessRecord r, EvidenceType type) {
    return EvidenceDraft.of(
        r.id().value(), type, "person:alice", T0, Map.of("reason", "benchmark", "n", 1L));
  }
}
