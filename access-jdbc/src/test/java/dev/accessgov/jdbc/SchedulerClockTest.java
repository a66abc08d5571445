package dev.accessgov.jdbc;

import static dev.accessgov.jdbc.Fixtures.GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.SweepResult;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.time.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the scheduler runs on the service's clock, as the runtime's background work")
class SchedulerClockTest {
  /** How long a test waits for background work: only a hang reaches it. */
  private static final Duration LIVENESS = Duration.ofMinutes(2);

  /** Every interval: an hour of the test clock, which stands still unless a test moves it. */
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path dir;
  private final TestClock clock = TestClock.at("2026-03-02T08:00:00Z");
  private final BlockingQueue<String> sweeps = new LinkedBlockingQueue<>();
  private final AccessObserver observer =
      new AccessObserver() {
        @Override
        public void sweep(String name, Duration took, SweepResult result) {
          sweeps.add(name);
        }
      };
  private InMemoryIdentityProvider idp;
  private AccessRuntime runtime;
  private JdbcAccessStore store;

  @BeforeEach
  void setUp() {
    idp = new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(GROUP);
    for (int i = 0; i < 4; i++) {
      idp.user("user-" + i);
    }
  }

  @AfterEach
  void tearDown() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private AccessRuntime start() {
    store = AccessStores.embedded(dir);
    runtime =
        AccessRuntime.builder(
                Fixtures.builder(store, idp, 4, clock)
                    .checkpointSigner(CheckpointSigner.generate("test-key"))
                    .observer(observer))
            .background(
                AccessScheduler.factory(
                    s ->
                        s.expiryInterval(HOUR)
                            .recoveryInterval(HOUR)
                            .reviewInterval(HOUR)
                            .checkpoints(HOUR, HOUR)
                            .recoveryGrace(Duration.ZERO)
                            .pollingInterval(Duration.ofMillis(50))
                            .shutdownMaxWait(LIVENESS)))
            .start();
    return runtime;
  }

  /** Waits for the next sweep named {@code name}, skipping others. */
  private void awaitSweep(String name) throws InterruptedException {
    long deadline = System.nanoTime() + LIVENESS.toNanos();
    while (true) {
      String next = sweeps.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("no " + name + " sweep within " + LIVENESS);
      }
      if (next.equals(name)) {
        return;
      }
    }
  }

  /**
   * Waits until {@code task}'s run finished and it was scheduled again, after the test clock's now:
   * a clock moved while the run is still finishing would also move its next due time.
   */
  private void awaitRescheduled(String task) throws Exception {
    long deadline = System.nanoTime() + LIVENESS.toNanos();
    while (true) {
      try (Connection c = store.dataSource().getConnection();
          PreparedStatement q =
              c.prepareStatement(
                  "select execution_time, picked from ag_scheduled_tasks where task_name = ?")) {
        q.setString(1, task);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()
              && !rs.getBoolean(2)
              && rs.getTimestamp(1).toInstant().isAfter(clock.instant())) {
            return;
          }
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(task + " not rescheduled within " + LIVENESS);
      }
      Thread.sleep(20);
    }
  }

  @Test
  @DisplayName("moving the service's clock past the interval runs the expiry sweep, each time")
  void expiryFollowsClock() throws Exception {
    AccessService access = start().service();
    awaitSweep("expiry"); // the first runs as the scheduler starts; the next an hour later
    awaitRescheduled(AccessScheduler.EXPIRY_TASK);
    AccessRecord due = access.grant(Fixtures.grant(1, Duration.ofMinutes(30)));
    AccessRecord later = access.grant(Fixtures.grant(2, Duration.ofMinutes(90)));

    clock.advance(HOUR.plusSeconds(1));
    awaitSweep("expiry");
    assertThat(access.record(due.id()).state()).isEqualTo(RecordState.EXPIRED);
    assertThat(access.record(later.id()).state()).isEqualTo(RecordState.ACTIVE);
    awaitRescheduled(AccessScheduler.EXPIRY_TASK);

    clock.advance(HOUR.plusSeconds(1));
    awaitSweep("expiry");
    assertThat(access.record(later.id()).state()).isEqualTo(RecordState.EXPIRED);
    assertThat(idp.memberIds(GROUP)).isEmpty();
  }

  @Test
  @DisplayName("recovery comes due on the service's clock and finishes paused provisioning")
  void recoveryFollowsClock() throws Exception {
    AccessService access = start().service();
    assertThat(sweeps.poll()).isEqualTo("recovery"); // the start-up recovery, reported at once
    awaitRescheduled(AccessScheduler.RECOVERY_TASK);
    idp.failNext(idp.failure("addMember", 503, true));
    AccessRecord paused = access.grant(Fixtures.grant(0, Duration.ofHours(5)));
    assertThat(paused.state()).isEqualTo(RecordState.PROVISIONING);

    clock.advance(HOUR.plusSeconds(1));
    awaitSweep("recovery");

    assertThat(access.record(paused.id()).state()).isEqualTo(RecordState.ACTIVE);
  }

  @Test
  @DisplayName("every sweep reports its name to the observer")
  void sweepsReported() throws InterruptedException {
    start().service().grant(Fixtures.grant(3, Duration.ofHours(5)));

    clock.advance(HOUR.plusSeconds(1));
    Set<String> seen = new HashSet<>();
    long deadline = System.nanoTime() + LIVENESS.toNanos();
    while (!seen.containsAll(Set.of("expiry", "recovery", "reviews", "checkpoint"))) {
      String next = sweeps.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("only " + seen + " within " + LIVENESS);
      }
      seen.add(next);
    }
  }

  @Test
  @DisplayName("the runtime reports its scheduler running until closed")
  void runningUntilClosed() {
    AccessRuntime started = start();
    assertThat(started.status().backgroundRunning()).isTrue();

    started.close();

    assertThat(started.status().backgroundConfigured()).isTrue();
    assertThat(started.status().backgroundRunning()).isFalse();
  }

  @Test
  @DisplayName("the factory refuses a store that is not a JdbcAccessStore, saying what to use")
  void refusesOtherStores() {
    InMemoryAccessStore memory = new InMemoryAccessStore();
    AccessService access = Fixtures.service(memory, idp, 4, clock);

    assertThatThrownBy(
            () ->
                AccessScheduler.factory(s -> {})
                    .create(access, memory, clock, AccessObserver.none()))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("JdbcAccessStore")
        .hasMessageContaining("AccessStores.embedded");
  }
}
