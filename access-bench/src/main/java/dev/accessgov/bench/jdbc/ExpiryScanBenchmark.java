package dev.accessgov.bench.jdbc;

import dev.accessgov.AccessService;
import dev.accessgov.SweepResult;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceHasher;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.internal.Instants;
import dev.accessgov.record.AccessRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Campaign-sized expiry: {@value #GRANTS} active grants of which {@value #DUE} are due. {@code
 * scanDue} is the store's part (finding the due grants, with their timelines); {@code expireDue} is
 * the whole sweep through the service: for each due grant two transactions and an in-memory IdP
 * removal. Each iteration adds {@value #DUE} fresh due grants. Target: under 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ExpiryScanBenchmark {
  static final int GRANTS = 1_000_000;
  static final int DUE = 10_000;
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  /** The database: {@code embedded} (SQLite), {@code h2} or {@code postgres}. */
  @Param({"embedded", "h2"})
  public String db;

  private BenchDatabase database;
  private InMemoryIdentityProvider idp;
  private AccessService access;
  private int batch;

  /** A fresh database with {@code GRANTS - DUE} grants that end in the future. */
  @Setup(Level.Trial)
  public void fill() throws Exception {
    database = BenchDatabase.open(db);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    idp = new InMemoryIdentityProvider("okta", clock).groups("gh-admin");
    access =
        AccessService.builder()
            .catalog(
                Catalog.builder()
                    .application(
                        Application.builder("github")
                            .owner("olivia")
                            .role(Role.builder("github/admin").group("okta", "gh-admin")))
                    .build())
            .identityProvider(idp)
            .peopleDirectory(new InMemoryPeopleDirectory().add("olivia", null))
            .store(database.store())
            .clock(clock)
            .build();
    insert("later", GRANTS - DUE, NOW.plus(Duration.ofDays(30)), false);
  }

  /** Adds the due grants for the next iteration, with their evidence. */
  @Setup(Level.Iteration)
  public void addDue() throws SQLException {
    String prefix = "due" + (batch++);
    for (int i = 0; i < DUE; i++) {
      idp.user(prefix + "-" + i);
      idp.addMember("gh-admin", prefix + "-" + i);
    }
    insert(prefix, DUE, NOW.minus(Duration.ofMinutes(1)), true);
  }

  /** Deletes the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    database.close();
  }

  /** Finds every due grant (with timelines): the store's share of a sweep. */
  @Benchmark
  public List<AccessRecord> scanDue() {
    List<AccessRecord> due = database.store().dueForExpiry(NOW, DUE);
    if (due.size() != DUE) {
      throw new IllegalStateException("expected " + DUE + " due, found " + due.size());
    }
    return due;
  }

  /** The whole sweep: removes and expires every due grant. */
  @Benchmark
  public SweepResult expireDue() {
    SweepResult result = access.expireDue();
    if (result.completed().size() != DUE) {
      throw new IllegalStateException("expected " + DUE + " expired: " + result);
    }
    return result;
  }

  private void insert(String prefix, int count, Instant expiresAt, boolean withEvidence)
      throws SQLException {
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      long seq;
      String prev;
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM ag_chain_head");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
        prev = rs.getString(2);
      }
      try (PreparedStatement rec =
              c.prepareStatement(
                  "INSERT INTO ag_record (id, subject, role_id, requester, reason, state,"
                      + " requested_at, duration, activated_at, expires_at, review_due_at, due_at,"
                      + " version, last_seq) VALUES (?, ?, 'github/admin', ?, 'bench', 'ACTIVE',"
                      + " ?, 'PT1H', ?, ?, ?, ?, 1, ?)");
          PreparedStatement ev =
              c.prepareStatement(
                  "INSERT INTO ag_evidence (seq, record_id, type, actor, time_ms, details,"
                      + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        long start = Instants.toNanos(expiresAt.minus(Duration.ofHours(1)));
        for (int i = 0; i < count; i++) {
          String user = prefix + "-" + i;
          String id = "ar-" + user;
          if (withEvidence) {
            for (EvidenceDraft d : drafts(id, user, expiresAt.minus(Duration.ofHours(1)))) {
              EvidenceEvent e = EvidenceHasher.seal(d, ++seq, prev);
              prev = e.hash();
              ev.setLong(1, e.seq());
              ev.setString(2, id);
              ev.setString(3, e.type().name());
              ev.setString(4, e.actor());
              ev.setLong(5, e.time().toEpochMilli());
              ev.setString(6, json(e.details()));
              ev.setString(7, e.prevHash());
              ev.setString(8, e.hash());
              ev.addBatch();
            }
          }
          rec.setString(1, id);
          rec.setString(2, user);
          rec.setString(3, user);
          rec.setLong(4, start);
          rec.setLong(5, start);
          rec.setLong(6, Instants.toNanos(expiresAt));
          rec.setLong(7, start + Duration.ofDays(180).toNanos());
          rec.setLong(8, Instants.toNanos(expiresAt));
          rec.setLong(9, withEvidence ? seq : 0);
          rec.addBatch();
          if (i % 5_000 == 4_999) {
            ev.executeBatch();
            rec.executeBatch();
            c.commit();
          }
        }
        ev.executeBatch();
        rec.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE ag_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
        ps.setLong(1, seq);
        ps.setString(2, prev);
        ps.executeUpdate();
      }
      c.commit();
    }
  }

  private static List<EvidenceDraft> drafts(String id, String user, Instant at) {
    return List.of(
        EvidenceDraft.of(
            id, EvidenceType.REQUESTED, "person:" + user, at, Map.of("reason", "bench")),
        EvidenceDraft.of(
            id,
            EvidenceType.APPROVED,
            "system:policy",
            at,
            Map.of("step", "AUTO", "stepIndex", 0L)),
        EvidenceDraft.of(
            id,
            EvidenceType.PROVISIONED,
            "system:provisioner",
            at,
            Map.of(
                EvidenceKeys.PROVIDER,
                "okta",
                EvidenceKeys.GROUP,
                "gh-admin",
                EvidenceKeys.IDP_USER,
                user,
                EvidenceKeys.OUTCOME,
                "ADDED",
                EvidenceKeys.STATUS,
                0L,
                EvidenceKeys.ANSWERED_AT,
                at.toString())));
  }

  private static String json(Map<String, ?> details) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(details);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
