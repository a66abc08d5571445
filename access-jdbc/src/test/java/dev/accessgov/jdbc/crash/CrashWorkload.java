package dev.accessgov.jdbc.crash;

import dev.accessgov.AccessException;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.jdbc.AccessScheduler;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.time.TestClock;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The program the crash harness kills: a random mix of every state-changing call — grant (both
 * roles), onboard, approve, deny, revoke, extend, expire, offboard — against a store opened as an
 * application would, with the identity provider in the parent process. After each call returns it
 * appends to the operations log, one line per record the call returned: {@code <call> <record id>
 * <version> <state> <seq> <hash>} of the record's latest event. The append is one {@code write} to
 * the file, which the kernel keeps when the process is killed; so every line in the log is a call
 * that returned, and the harness checks each one survived.
 *
 * <p>Time is a virtual clock from {@code start}, one to five minutes per call and up to six hours
 * before an expiry sweep, so grants of a minute to a day come due while the program runs.
 *
 * <p>Arguments: store kind, database directory, IdP port, seed, start instant, operations log.
 */
public final class CrashWorkload {
  private static final int WORKERS = 3;
  private final AccessService access;
  private final TestClock clock;
  private final Random random;
  private final OutputStream log;
  private static final java.util.concurrent.atomic.AtomicLong GRANTS =
      new java.util.concurrent.atomic.AtomicLong();

  private CrashWorkload(AccessService access, TestClock clock, Random random, OutputStream log) {
    this.access = access;
    this.clock = clock;
    this.random = random;
    this.log = log;
  }

  /** Runs calls on {@value #WORKERS} threads, with the background scheduler, until killed. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    TestClock clock = TestClock.at(Instant.parse(args[4]));
    JdbcAccessStore store = CrashWorld.open(args[0], dir).store();
    AccessService access =
        CrashWorld.service(store, new HttpIdentityProvider(CrashWorld.IDP, port, clock), clock);
    // The background jobs an application runs write to the same database from their own threads;
    // only the sweeps run here (recovery is the harness's, after each kill).
    AccessScheduler background =
        AccessScheduler.builder(access, store)
            .pollingInterval(Duration.ofMillis(50))
            .expiryInterval(Duration.ofMillis(200))
            .recoveryGrace(Duration.ofDays(3650))
            .build();
    if (!Boolean.getBoolean("crash.noScheduler")) {
      background.start();
    }
    try (OutputStream log = new FileOutputStream(args[5], true)) {
      List<Thread> workers = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        CrashWorkload w = new CrashWorkload(access, clock, new Random(seed * 31 + i), log);
        workers.add(new Thread(() -> w.loop(seed), "worker-" + i));
      }
      workers.forEach(Thread::start);
      System.out.println("READY " + seed);
      for (Thread t : workers) {
        t.join();
      }
    }
  }

  private void loop(long seed) {
    try {
      while (true) {
        step(seed);
      }
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      System.exit(3);
    }
  }

  private void step(long seed) throws IOException {
    clock.advance(Duration.ofMinutes(1 + random.nextInt(5)));
    int pick = random.nextInt(100);
    try {
      if (pick < 5) {
        // The event is the person's hire: picked again, it must return what it granted.
        String user = "user-" + random.nextInt(CrashWorld.PEOPLE);
        OnboardResult joined =
            access.onboard(
                PersonId.of(user),
                PersonId.of("alice"),
                "joins",
                LifecycleEventId.of("hire-" + user));
        for (AccessRecord r : joined.records()) {
          logged("onboard", r);
        }
      } else if (pick < 35) {
        String role = CrashWorld.ROLES.get(random.nextInt(2));
        GrantRequest request =
            GrantRequest.builder()
                .subject("user-" + random.nextInt(CrashWorld.PEOPLE))
                .role(role)
                .requester("alice")
                .reason("crash run " + seed)
                .duration(Duration.ofMinutes(1 + random.nextInt(24 * 60 - 1)))
                .idempotencyKey("crash-" + seed + "-" + GRANTS.incrementAndGet())
                .build();
        logged("grant", access.grant(request));
      } else if (pick < 50) {
        AccessRecord r = any(RecordState.PENDING_APPROVAL);
        if (r != null) {
          logged("approve", access.approve(r.id(), PersonId.of("alice"), "ok"));
        }
      } else if (pick < 55) {
        AccessRecord r = any(RecordState.PENDING_APPROVAL);
        if (r != null) {
          logged("deny", access.deny(r.id(), PersonId.of("alice"), "not now"));
        }
      } else if (pick < 70) {
        AccessRecord r = any(RecordState.ACTIVE);
        if (r != null) {
          logged("revoke", access.revoke(r.id(), PersonId.of("alice"), "done"));
        }
      } else if (pick < 80) {
        AccessRecord r = any(RecordState.ACTIVE);
        if (r != null) {
          PersonId by = PersonId.of(CrashWorld.extender(r.roleId().value()));
          logged("extend", access.extend(r.id(), by, Duration.ofMinutes(10), "a bit longer"));
        }
      } else if (pick < 93) {
        clock.advance(Duration.ofMinutes(random.nextInt(6 * 60)));
        for (var id : access.expireDue().completed()) {
          logged("expire", access.record(id));
        }
      } else {
        AccessRecord r = any(RecordState.ACTIVE);
        if (r != null) {
          for (AccessRecord ended :
              access.offboard(r.subject(), PersonId.of("alice"), "leaves the company")) {
            logged("offboard", ended);
          }
        }
      }
    } catch (AccessException refused) {
      // A refusal (a role already held, an extension past the maximum) changes nothing.
    }
  }

  private AccessRecord any(RecordState state) {
    List<AccessRecord> found = access.find(RecordQuery.all().states(state).limit(200));
    return found.isEmpty() ? null : found.get(random.nextInt(found.size()));
  }

  private void logged(String call, AccessRecord r) throws IOException {
    EvidenceEvent last = r.timeline().get(r.timeline().size() - 1);
    String line =
        String.join(
                " ",
                call,
                r.id().value(),
                String.valueOf(r.version()),
                r.state().name(),
                String.valueOf(last.seq()),
                last.hash())
            + "\n";
    synchronized (log) {
      log.write(line.getBytes(StandardCharsets.UTF_8));
    }
  }
}
