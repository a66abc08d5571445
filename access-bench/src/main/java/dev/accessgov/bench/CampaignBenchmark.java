package dev.accessgov.bench;

import static dev.accessgov.evidence.EvidenceKeys.*;

import dev.accessgov.AccessService;
import dev.accessgov.bench.jdbc.BenchDatabase;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.Person;
import dev.accessgov.time.TestClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
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
 * Starting a review campaign over {@code memberships} live memberships of {@code people} people:
 * every group streamed from the in-memory provider, every member joined with their records, the
 * directory and their last login, and the items written to the store's governance tables. Each
 * person holds {@code memberships / people} of 20 standard roles through records; one membership in
 * 100 has no record (unexplained). The target is under 60 s for 1,000,000 memberships of 100,000
 * people, with the heap bounded (1 GiB) when the store is a database.
 *
 * <p>{@code db} chooses the store: {@code memory} (the in-memory store; the seeded world alone
 * takes about 1 GB, so it runs with the annotation's {@code -Xmx8g}), or a database as {@link
 * BenchDatabase} opens it ({@code postgres} with {@code -Daccess.bench.pg}, {@code h2}, {@code
 * embedded}), seeded through the store's own {@code insert} from {@value #SEED_THREADS} threads so
 * its group commit fills its batches; pass {@code -jvmArgs "-Xmx1g ..."} (it replaces the
 * annotation's) to hold it to the 1 GiB bound. The provider and the directory stay in memory: only
 * the store is remote. After each invocation it prints the heap before, the peak during, and what
 * the campaign's items retain; each invocation starts with no campaign stored.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx8g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class CampaignBenchmark {
  private static final int ROLES = 20;
  private static final int SEED_THREADS = 32;

  /** The store: {@code memory}, or a database for {@link BenchDatabase}, e.g. {@code postgres}. */
  @Param({"memory"})
  public String db;

  @Param({"1000000"})
  public int memberships;

  @Param({"100000"})
  public int people;

  private final TestClock clock = TestClock.at("2026-06-01T09:00:00Z");
  private InMemoryIdentityProvider idp;
  private InMemoryPeopleDirectory directory;
  private AccessStore store;
  private @Nullable BenchDatabase database;
  private Catalog catalog;
  private AccessService access;
  private long baseline;

  @Setup(Level.Trial)
  public void seed() throws Exception {
    idp = new InMemoryIdentityProvider("okta", clock, 200);
    directory = new InMemoryPeopleDirectory().add("olivia", null).add("grace", null);
    if (db.equals("memory")) {
      store = new InMemoryAccessStore();
    } else {
      database = BenchDatabase.open(db);
      store = database.store();
    }
    Application.Builder app = Application.builder("corp").owner("olivia");
    for (int r = 0; r < ROLES; r++) {
      idp.groups(group(r));
      app.role(Role.builder(role(r)).group("okta", group(r)));
    }
    catalog = Catalog.builder().application(app).build();
    Instant activated = clock.instant().minus(Duration.ofDays(400));
    int perPerson = memberships / people;
    long started = System.nanoTime();
    // A bounded queue and the caller running what does not fit: the tasks waiting are few.
    ThreadPoolExecutor inserts =
        new ThreadPoolExecutor(
            SEED_THREADS,
            SEED_THREADS,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4 * SEED_THREADS),
            new ThreadPoolExecutor.CallerRunsPolicy());
    AtomicLong inserted = new AtomicLong();
    for (int p = 0; p < people; p++) {
      String who = person(p);
      idp.user(who);
      idp.lastLogin(who, LastLogin.at(clock.instant().minus(Duration.ofDays(p % 200))));
      directory.put(
          new Person(
              PersonId.of(who),
              who,
              PersonId.of(person((p / 10) * 10)),
              true,
              "dept-" + p % 50,
              "title-" + p % 7));
      for (int k = 0; k < perPerson; k++) {
        int r = (p + k) % ROLES;
        idp.addMember(group(r), who);
        if ((p * perPerson + k) % 100 != 0) {
          inserts.execute(
              () -> {
                insertActive(who, r, activated);
                inserted.incrementAndGet();
              });
        }
      }
    }
    inserts.shutdown();
    if (!inserts.awaitTermination(2, TimeUnit.HOURS)) {
      throw new IllegalStateException("seeding did not finish in 2 hours");
    }
    long expected = memberships - (memberships + 99) / 100;
    if (inserted.get() != expected) {
      throw new IllegalStateException("seeded " + inserted.get() + " records, not " + expected);
    }
    System.out.printf(
        "%nseeded %d records with evidence into %s in %d s%n",
        inserted.get(), db, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    access = service();
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  private AccessService service() {
    return AccessService.builder()
        .catalog(catalog)
        .identityProvider(idp)
        .peopleDirectory(directory)
        .store(store)
        .clock(clock)
        .build();
  }

  private static String person(int p) {
    return "user" + p + "@example.com";
  }

  private static String group(int r) {
    return "g" + r;
  }

  private static String role(int r) {
    return "corp/r" + r;
  }

  /** An active grant written straight to the store with the PROVISIONED evidence it would have. */
  private void insertActive(String subject, int r, Instant at) {
    AccessRecord record =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(PersonId.of(subject))
            .roleId(RoleId.of(role(r)))
            .requester(PersonId.of(subject))
            .reason("seeded")
            .state(RecordState.ACTIVE)
            .requestedAt(at)
            .activatedAt(at)
            .reviewDueAt(at.plus(Duration.ofDays(180)))
            .build();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(PROVIDER, "okta");
    d.put(GROUP, group(r));
    d.put(IDP_USER, subject);
    d.put(OUTCOME, "ADDED");
    d.put(STATUS, 0L);
    d.put(ANSWERED_AT, at.toString());
    store.insert(
        record,
        List.of(
            EvidenceDraft.of(record.id().value(), EvidenceType.PROVISIONED, "system:seed", at, d)));
  }

  @Setup(Level.Invocation)
  public void fresh() throws SQLException {
    if (database != null) {
      // The previous invocation's campaign: gone, so every invocation writes into the same table.
      try (Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DELETE FROM ag_review_item");
        s.execute("DELETE FROM ag_campaign");
      }
    }
    access =
        service(); // a new service holds no campaign: each invocation starts from the same heap
    System.gc();
    baseline = usedHeap();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  @Benchmark
  public ReviewCampaign startCampaign() {
    ReviewCampaign c = access.reviews().start(CampaignSpec.builder("benchmark", "grace").build());
    if (c.items() != memberships) {
      throw new IllegalStateException("expected " + memberships + " items, got " + c.items());
    }
    return c;
  }

  @TearDown(Level.Invocation)
  public void report() {
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.gc();
    long retained = usedHeap() - baseline;
    System.out.printf(
        "%nheap: %d MiB before (store, provider, directory), peak %d MiB during,"
            + " campaign retains %d MiB (%d bytes per item)%n",
        baseline >> 20, peak >> 20, retained >> 20, retained / memberships);
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
