package dev.accessgov.jdbc.crash;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceHasher;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.time.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Kills {@link CrashWorkload} with SIGKILL again and again — at random moments, and inside identity
 * provider calls (after or before the IdP acted) — and after every kill restarts as an application
 * would ({@code recover()}) and checks what a user relies on:
 *
 * <ul>
 *   <li>every call the workload logged as returned is in the store: the record, at least the
 *       version it returned, and the event it ended on with the same hash;
 *   <li>nothing is left PROVISIONING or DEPROVISIONING;
 *   <li>the IdP's members of each group are exactly the subjects of the role's ACTIVE records;
 *   <li>each record was added and removed at the IdP at most once, and the IdP's own count of
 *       memberships it really added and removed equals the records that say so (a membership no
 *       record explains shows here);
 *   <li>one onboarding event granted each birthright role once;
 *   <li>the chain verifies and every event's hash recomputes from its stored fields.
 * </ul>
 *
 * Violations are collected, not thrown, so a run reports how many kills lost something.
 */
final class CrashHarness {
  /** Liveness bound for one child to reach a kill point: only a hang exceeds it. */
  private static final long LIVENESS_SECONDS = 180;

  private final String kind;
  private final Path dir;
  private final Random random;
  private final long seed;
  private final List<String> violations = new ArrayList<>();
  private int operations;
  private int trapKills;
  private int recovered;
  private Instant now = Instant.parse("2026-01-05T09:00:00Z");

  /** The figures of a run. */
  record Figures(int kills, int trapKills, int operations, int recovered, List<String> violations) {
    @Override
    public String toString() {
      return "kills="
          + kills
          + " (inside IdP calls: "
          + trapKills
          + "), operations="
          + operations
          + ", records recovered="
          + recovered
          + ", violations="
          + violations.size();
    }
  }

  CrashHarness(String kind, Path dir, long seed) {
    this.kind = kind;
    this.dir = dir;
    this.seed = seed;
    this.random = new Random(seed);
  }

  Figures run(int kills) throws Exception {
    Path db = dir.resolve("db");
    Path ops = dir.resolve("ops.log");
    try (FakeIdpServer idp = new FakeIdpServer()) {
      for (String role : CrashWorld.ROLES) {
        idp.group(CrashWorld.group(role));
      }
      for (int i = 0; i < CrashWorld.PEOPLE; i++) {
        idp.user("user-" + i);
      }
      for (int kill = 0; kill < kills; kill++) {
        int logged = lines(ops).size();
        String when = "kill " + kill + " (seed " + seed + ")";
        FakeIdpServer.Trap trap =
            random.nextBoolean() ? idp.trap(1 + random.nextInt(12), random.nextBoolean()) : null;
        Process child = start(db, idp.port(), seed + kill, ops, kill);
        try {
          if (trap != null) {
            if (!trap.awaitSprung(LIVENESS_SECONDS)) {
              violations.add(when + ": no IdP call within " + LIVENESS_SECONDS + " s");
            }
            trapKills++;
          } else {
            awaitLines(ops, logged + 1 + random.nextInt(25), child, when);
            Thread.sleep(random.nextInt(15));
          }
        } finally {
          child.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing flushed or closed
          child.waitFor(60, TimeUnit.SECONDS);
          if (trap != null) {
            trap.release();
          }
        }
        check(db, idp, ops, when);
      }
    }
    List<String> all = lines(ops);
    operations = all.size();
    return new Figures(kills, trapKills, operations, recovered, List.copyOf(violations));
  }

  private Process start(Path db, int port, long childSeed, Path ops, int kill) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-Dcrash.noScheduler=" + Boolean.getBoolean("crash.noScheduler"),
            "-cp",
            System.getProperty("java.class.path"),
            CrashWorkload.class.getName(),
            kind,
            db.toString(),
            String.valueOf(port),
            String.valueOf(childSeed),
            now.toString(),
            ops.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("child-" + kill + ".out").toFile());
    return pb.start();
  }

  private void awaitLines(Path ops, int count, Process child, String when)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS);
    while (lines(ops).size() < count) {
      if (!child.isAlive()) {
        violations.add(when + ": the workload exited with " + child.exitValue());
        return;
      }
      if (System.nanoTime() > deadline) {
        violations.add(when + ": no progress within " + LIVENESS_SECONDS + " s");
        return;
      }
      Thread.sleep(3);
    }
  }

  private static List<String> lines(Path ops) throws IOException {
    if (!Files.exists(ops)) {
      return List.of();
    }
    // A line cut by the kill has no newline yet and is not a returned call.
    String text = Files.readString(ops, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }

  /** Restarts as a new process would, recovers, and records every broken promise. */
  private void check(Path db, FakeIdpServer idp, Path ops, String when) throws Exception {
    int before = violations.size();
    try (CrashWorld.Opened opened = CrashWorld.open(kind, db)) {
      JdbcAccessStore store = opened.store();
      now = latest(store).plus(Duration.ofDays(2));
      TestClock clock = TestClock.at(now);
      AccessService access =
          CrashWorld.service(
              store, new HttpIdentityProvider(CrashWorld.IDP, idp.port(), clock), clock);
      recovered += access.recover().completed().size();
      List<AccessRecord> all = store.query(RecordQuery.all());
      long events = 0;
      for (String role : CrashWorld.ROLES) {
        Set<String> active = new TreeSet<>();
        long provisioned = 0;
        long deprovisioned = 0;
        for (AccessRecord r : all) {
          if (!r.roleId().value().equals(role)) {
            continue;
          }
          if (r.state().isInFlight()) {
            violations.add(when + ": " + r.id() + " left " + r.state());
          }
          int p = r.events(EvidenceType.PROVISIONED).size();
          int d = r.events(EvidenceType.DEPROVISIONED).size();
          if (p > 1 || d > 1) {
            violations.add(
                when + ": " + r.id() + " provisioned " + p + "x, deprovisioned " + d + "x");
          }
          provisioned += p;
          deprovisioned += d;
          if (r.state() == RecordState.ACTIVE) {
            active.add(r.subject().value());
          }
        }
        String group = CrashWorld.group(role);
        if (!idp.members(group).equals(active)) {
          violations.add(
              when + ": " + group + " has " + idp.members(group) + " but ACTIVE records " + active);
        }
        if (idp.additions(group) != provisioned || idp.removals(group) != deprovisioned) {
          violations.add(
              String.format(
                  "%s: %s added %d / removed %d at the IdP, records say %d / %d",
                  when,
                  group,
                  idp.additions(group),
                  idp.removals(group),
                  provisioned,
                  deprovisioned));
        }
      }
      Set<String> onboarded = new TreeSet<>();
      for (AccessRecord r : all) {
        events += r.timeline().size();
        r.lifecycleEvent()
            .filter(e -> !onboarded.add(e.id() + " " + r.subject() + " " + r.roleId()))
            .ifPresent(e -> violations.add(when + ": " + e + " granted " + r.roleId() + " twice"));
      }
      if (events != store.evidenceSize()) {
        violations.add(
            when + ": " + events + " events in records, chain has " + store.evidenceSize());
      }
      chainIntact(store, when);
      for (String line : lines(ops)) {
        returnedCallKept(store, line, when);
      }
    }
    if (violations.size() > before) {
      System.err.println(String.join("\n", violations.subList(before, violations.size())));
    }
  }

  private void returnedCallKept(JdbcAccessStore store, String line, String when) {
    String[] p = line.split(" ");
    AccessRecord r = store.find(RecordId.of(p[1])).orElse(null);
    if (r == null) {
      violations.add(when + ": returned " + p[0] + " of " + p[1] + " is gone");
      return;
    }
    long seq = Long.parseLong(p[4]);
    boolean kept =
        r.version() >= Long.parseLong(p[2])
            && r.timeline().stream().anyMatch(e -> e.seq() == seq && e.hash().equals(p[5]));
    if (!kept) {
      List<EvidenceEvent> at = store.evidence(seq, 1);
      String slot =
          at.isEmpty()
              ? "no event"
              : at.get(0).recordId()
                  + " "
                  + at.get(0).type()
                  + ", same hash: "
                  + at.get(0).hash().equals(p[5]);
      violations.add(
          when
              + ": returned "
              + p[0]
              + " of "
              + p[1]
              + " (v"
              + p[2]
              + " "
              + p[3]
              + ") lost; now v"
              + r.version()
              + " "
              + r.state()
              + "; event "
              + seq
              + " is now "
              + slot);
    }
  }

  private static Instant latest(JdbcAccessStore store) {
    long size = store.evidenceSize();
    List<EvidenceEvent> last = size == 0 ? List.of() : store.evidence(size, 1);
    Instant t = Instant.parse("2026-01-05T09:00:00Z");
    for (AccessRecord r : store.query(RecordQuery.all())) {
      for (EvidenceEvent e : r.timeline()) {
        t = e.time().isAfter(t) ? e.time() : t;
      }
    }
    return last.isEmpty() || t.isAfter(last.get(0).time()) ? t : last.get(0).time();
  }

  private void chainIntact(JdbcAccessStore store, String when) {
    List<EvidenceEvent> chain = new ArrayList<>();
    long size = store.evidenceSize();
    for (long from = 1; from <= size; from += 4096) {
      chain.addAll(store.evidence(from, 4096));
    }
    // Signed over the root the store kept: a tree torn by the kill would not verify.
    CheckpointSigner signer = CheckpointSigner.generate("t");
    if (chain.size() != size
        || !EvidenceVerifier.verify(
                chain.iterator(),
                List.of(
                    signer.sign(
                        size,
                        dev.accessgov.evidence.LogProofs.root(size, store.evidenceTree()),
                        Instant.EPOCH)),
                signer.publicKey())
            .valid()) {
      violations.add(when + ": the chain or its Merkle tree does not verify");
      return;
    }
    for (EvidenceEvent e : chain) {
      // Recompute each hash from the stored fields: a torn write would not reproduce it.
      EvidenceDraft draft =
          new EvidenceDraft(e.recordId(), e.type(), e.actor(), e.time(), e.details());
      if (!EvidenceHasher.seal(draft, e.seq(), e.prevHash()).hash().equals(e.hash())) {
        violations.add(when + ": event " + e.seq() + " does not hash to its stored hash");
      }
    }
  }
}
