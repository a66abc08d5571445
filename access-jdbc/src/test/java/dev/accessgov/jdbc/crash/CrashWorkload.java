package dev.accessgov.jdbc.crash;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.Fixtures;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The program the crash test kills: recovers, then grants {@code user-i} the role for i in 0..n-1
 * and revokes every even one at once. Repeated runs continue where the last one stopped
 * (idempotency keys). After each commit it prints what is now durable — {@code G|R <record id>
 * <seq> <hash>} of the record's latest event — so the test can check nothing printed is lost.
 *
 * <p>Arguments: database directory, fake IdP port, n.
 */
public final class CrashWorkload {
  private CrashWorkload() {}

  /** Runs the workload; exits 0 after printing {@code DONE}. */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    Clock clock = Clock.systemUTC();
    JdbcAccessStore store = AccessStores.embedded(dir);
    AccessService access =
        Fixtures.service(store, new HttpIdentityProvider(Fixtures.IDP, port, clock), n, clock);
    System.out.println("RECOVERED " + access.recover());
    for (int i = 0; i < n; i++) {
      AccessRecord r = access.grant(Fixtures.grant(i, Duration.ofHours(8)));
      if (r.state() == RecordState.ACTIVE) {
        report("G", r);
      }
      if (i % 2 == 0 && r.state() == RecordState.ACTIVE) {
        report("R", access.revoke(r.id(), PersonId.of("alice"), "done with release " + i));
      }
    }
    System.out.println("DONE");
    store.close();
  }

  private static void report(String kind, AccessRecord r) {
    EvidenceEvent last = r.timeline().get(r.timeline().size() - 1);
    System.out.println(kind + " " + r.id() + " " + last.seq() + " " + last.hash());
  }
}
