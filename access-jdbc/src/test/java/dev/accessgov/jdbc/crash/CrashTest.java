package dev.accessgov.jdbc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceHasher;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.Fixtures;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a process killed with SIGKILL in the middle of its work")
class CrashTest {
  private static final int GRANTS = 1_000;
  private static final int KILLS = 8;

  @TempDir Path dir;

  @Test
  @DisplayName("loses no committed record or event, and recovery leaves records and IdP agreeing")
  void survivesRepeatedSigkill() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path db = dir.resolve("db");
    List<String> durable = new ArrayList<>();
    int recovered = 0;
    try (FakeIdpServer idp = new FakeIdpServer()) {
      idp.group(Fixtures.GROUP);
      for (int i = 0; i < GRANTS; i++) {
        idp.user("user-" + i);
      }
      for (int round = 0; round < KILLS; round++) {
        Child child = Child.start(db, idp.port(), dir.resolve("child-" + round + ".log"));
        int target = durable.size() + 20 + random.nextInt(230);
        child.awaitLines(target - durable.size(), 60);
        Thread.sleep(random.nextInt(30));
        child.kill();
        assertThat(child.lines())
            .as("round %d (seed %d) did not finish", round, seed)
            .doesNotContain("DONE");
        durable.addAll(child.progress());
        recovered +=
            checkAfterRestart(db, idp, durable, false, "round " + round + ", seed " + seed);
      }
      // Most of the workload's time is spent in IdP calls between intent and result, so some
      // of the kills must have left a record in flight for recovery to finish.
      assertThat(recovered)
          .as("records recovered after %d kills (seed %d)", KILLS, seed)
          .isPositive();
      Child last = Child.start(db, idp.port(), dir.resolve("child-last.log"));
      assertThat(last.waitFor(120)).as("the last run exits normally").isZero();
      assertThat(last.lines()).contains("DONE");
      durable.addAll(last.progress());
      checkAfterRestart(db, idp, durable, true, "final, seed " + seed);
    }
  }

  /** Restarts as a new process would, checks everything, returns how many records it recovered. */
  private static int checkAfterRestart(
      Path db, FakeIdpServer idp, List<String> durable, boolean finished, String when) {
    Clock clock = Clock.systemUTC();
    try (JdbcAccessStore store = AccessStores.embedded(db)) {
      AccessService access =
          Fixtures.service(
              store, new HttpIdentityProvider(Fixtures.IDP, idp.port(), clock), GRANTS, clock);
      int recovered = access.recover().completed().size();
      List<AccessRecord> all = store.query(RecordQuery.all());
      Set<String> active = new TreeSet<>();
      long events = 0;
      for (AccessRecord r : all) {
        assertThat(r.state().isInFlight()).as("%s: %s left %s", when, r.id(), r.state()).isFalse();
        assertThat(r.walkthrough().isComplete()).as("%s: %s", when, r.walkthrough()).isTrue();
        assertThat(r.events(EvidenceType.PROVISIONED))
            .as("%s: provisioned twice?", when)
            .hasSize(1);
        assertThat(r.events(EvidenceType.DEPROVISIONED).size()).isLessThanOrEqualTo(1);
        if (r.state() == RecordState.ACTIVE) {
          active.add(r.subject().value());
        } else {
          assertThat(r.state()).isEqualTo(RecordState.REVOKED);
        }
        events += r.timeline().size();
      }
      assertThat(idp.members(Fixtures.GROUP))
          .as("%s: IdP membership matches records", when)
          .isEqualTo(active);
      assertThat(idp.additions())
          .as("%s: each grant added once at the IdP", when)
          .isEqualTo(all.size());
      assertThat(events)
          .as("%s: every event belongs to a record", when)
          .isEqualTo(store.evidenceSize());
      assertChainIntact(store, when);
      for (String line : durable) {
        String[] p = line.split(" ");
        AccessRecord r = store.find(RecordId.of(p[1])).orElse(null);
        assertThat(r).as("%s: committed record %s is missing", when, p[1]).isNotNull();
        List<EvidenceEvent> at = store.evidence(Long.parseLong(p[2]), 1);
        assertThat(at).as("%s: committed event %s is missing", when, p[2]).hasSize(1);
        assertThat(at.get(0).hash()).isEqualTo(p[3]);
        if (p[0].equals("R")) {
          assertThat(r.state()).isEqualTo(RecordState.REVOKED);
        }
      }
      if (finished) {
        assertThat(all).hasSize(GRANTS);
        assertThat(active).hasSize(GRANTS / 2);
        assertThat(active).allMatch(s -> Integer.parseInt(s.substring(5)) % 2 == 1);
      }
      return recovered;
    }
  }

  private static void assertChainIntact(JdbcAccessStore store, String when) {
    List<EvidenceEvent> chain = new ArrayList<>();
    long size = store.evidenceSize();
    for (long from = 1; from <= size; from += 4096) {
      chain.addAll(store.evidence(from, 4096));
    }
    assertThat(chain).hasSize((int) size);
    assertThat(
            EvidenceVerifier.verify(
                    chain.iterator(), List.of(), CheckpointSigner.generate("t").publicKey())
                .valid())
        .as("%s: chain verifies", when)
        .isTrue();
    for (EvidenceEvent e : chain) {
      // Recompute each hash from the stored fields: a torn write would not reproduce it.
      EvidenceDraft draft =
          new EvidenceDraft(e.recordId(), e.type(), e.actor(), e.time(), e.details());
      assertThat(EvidenceHasher.seal(draft, e.seq(), e.prevHash()).hash())
          .as("%s: hash of event %d", when, e.seq())
          .isEqualTo(e.hash());
    }
  }

  /** The workload in a child JVM, with its output collected line by line. */
  private static final class Child {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private Child(Process process) {
      this.process = process;
      this.reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // The process died; what was read is what it printed.
                }
              });
      reader.start();
    }

    static Child start(Path db, int port, Path log) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "-Xmx256m",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              System.getProperty("java.class.path"),
              CrashWorkload.class.getName(),
              db.toString(),
              String.valueOf(port),
              String.valueOf(GRANTS));
      pb.redirectError(ProcessBuilder.Redirect.to(log.toFile()));
      return new Child(pb.start());
    }

    void awaitLines(int count, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (progress().size() < count && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
    }

    /** SIGKILL: no shutdown hooks, no flushing, no closing of the database. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
    }

    int waitFor(int seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      reader.join(10_000);
      return process.exitValue();
    }

    List<String> lines() {
      return lines;
    }

    /** Complete progress lines: what the child reported as committed. */
    List<String> progress() {
      return lines.stream()
          .filter(l -> l.matches("[GR] \\S+ \\d+ [0-9a-f]{64}"))
          .collect(Collectors.toList());
    }
  }
}
