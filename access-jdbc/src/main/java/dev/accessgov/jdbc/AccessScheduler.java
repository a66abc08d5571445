package dev.accessgov.jdbc;

import static java.util.Objects.requireNonNull;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.SweepResult;
import dev.accessgov.jdbc.internal.Schema;
import dev.accessgov.jdbc.internal.SqliteScheduling;
import dev.accessgov.lifecycle.DirectoryReconciliation;
import dev.accessgov.reclaim.ReclaimCandidate;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.reclaim.ReclaimResult;
import dev.accessgov.reconcile.ReconcilePolicy;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.Reminder;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.BackgroundWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link AccessService}'s background work on db-scheduler, in the same database as its
 * {@link JdbcAccessStore}: the expiry sweep ({@link AccessService#expireDue()}) at a fixed delay;
 * recovery ({@link AccessService#recover()}) of records that a stopped process (its lease lapsed)
 * or a failed identity-provider call left {@code PROVISIONING} or {@code DEPROVISIONING}, retried
 * with exponential backoff while some stay unfinished; review deadlines and reminders ({@link
 * dev.accessgov.review.Reviews#closeDue()}, {@link dev.accessgov.review.Reviews#sendReminders()});
 * and, when configured, after-the-fact emergency reviews, reclaim runs (which give notice, deliver
 * it and remove after the grace period kept in the store) and reconcile runs. Each task runs on one
 * instance at a time however many share the database; an instance that dies mid-task is detected by
 * its missing heartbeats and another instance runs the task again. Delivery is therefore at least
 * once, which is safe because the service's transitions are guarded by record versions and
 * identity-provider calls are idempotent.
 *
 * <p>Usually an {@link dev.accessgov.AccessRuntime} starts and closes it ({@link #factory}); on its
 * own:
 *
 * <pre>{@code
 * AccessScheduler background = AccessScheduler.builder(access, store).clock(clock).build();
 * background.start();   // recovers what a previous run left in flight, then schedules
 * ...
 * background.close();
 * }</pre>
 */
public final class AccessScheduler implements BackgroundWork {
  /** The name of the expiry task in the task table. */
  public static final String EXPIRY_TASK = "access-expiry-sweep";

  /** The name of the recovery task in the task table. */
  public static final String RECOVERY_TASK = "access-recovery";

  /** The name of the review task (deadlines, then reminders) in the task table. */
  public static final String REVIEW_TASK = "access-reviews";

  /** The name of the emergency review task in the task table. */
  public static final String EMERGENCY_REVIEW_TASK = "access-emergency-review";

  /** The prefix of each reclaim policy's task name; the policy's name follows. */
  public static final String RECLAIM_TASK_PREFIX = "access-reclaim:";

  /** The name of the reconcile task in the task table. */
  public static final String RECONCILE_TASK = "access-reconcile";

  /** The name of the directory reconciliation task (joiners, movers, leavers) in the task table. */
  public static final String DIRECTORY_TASK = "access-directory-reconcile";

  /**
   * Signs a checkpoint when the evidence log grew, or the latest is older than {@link
   * Builder#checkpoints}' maximum age; scheduled when the service can sign.
   */
  public static final String CHECKPOINT_TASK = "access-checkpoint";

  private static final Logger log = LoggerFactory.getLogger(AccessScheduler.class);

  /** The result of a sweep that works on other things than records. */
  private static final SweepResult NOTHING = new SweepResult(List.of(), List.of());

  private final AccessService service;
  private final JdbcAccessStore store;
  private final Builder config;
  private final Scheduler scheduler;
  private final AtomicBoolean running = new AtomicBoolean();

  private AccessScheduler(Builder b) {
    this.service = b.service;
    this.store = b.store;
    this.config = b;
    RecurringTask<Void> expiry =
        Tasks.recurring(EXPIRY_TASK, FixedDelay.of(b.expiryInterval))
            .onDeadExecution(reviveNow(b.clock))
            .execute(
                (instance, context) -> logSweep("expiry", timed("expiry", service::expireDue)));
    CustomTask<Integer> recovery =
        Tasks.custom(RECOVERY_TASK, Integer.class)
            .scheduleOnStartup("all", 0, now -> now.plus(b.recoveryInterval))
            .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(b.backoffInitial))
            .onDeadExecution(reviveNow(b.clock))
            .execute(
                (instance, context) -> {
                  int failedRounds =
                      recoverStale(instance.getData() == null ? 0 : instance.getData());
                  Duration delay = delayAfter(failedRounds);
                  // db-scheduler runs on the service's clock (see the builder), so the time it says
                  // this run ended is on the same time line as every lease and due time.
                  return (complete, ops) ->
                      ops.reschedule(complete, complete.getTimeDone().plus(delay), failedRounds);
                });
    List<RecurringTask<Void>> tasks = new ArrayList<>(List.of(expiry));
    tasks.add(
        Tasks.recurring(REVIEW_TASK, FixedDelay.of(b.reviewInterval))
            .onDeadExecution(reviveNow(b.clock))
            .execute((instance, context) -> timed("reviews", this::reviewTick)));
    if (b.emergencyTemplate != null) {
      CampaignSpec template = b.emergencyTemplate;
      tasks.add(
          Tasks.recurring(EMERGENCY_REVIEW_TASK, FixedDelay.of(b.emergencyInterval))
              .onDeadExecution(reviveNow(b.clock))
              .execute(
                  (instance, context) ->
                      timed(
                          "emergency-review",
                          () -> {
                            service
                                .reviews()
                                .startEmergencyReview(template)
                                .ifPresent(c -> log.info("emergency review started: {}", c));
                            return NOTHING;
                          })));
    }
    b.reclaim.forEach(
        (policy, every) ->
            tasks.add(
                Tasks.recurring(RECLAIM_TASK_PREFIX + policy.name(), FixedDelay.of(every))
                    .onDeadExecution(reviveNow(b.clock))
                    .execute(
                        (instance, context) ->
                            timed(
                                "reclaim:" + policy.name(),
                                () -> logReclaim(service.reclaim(policy))))));
    if (b.reconcilePolicy != null) {
      ReconcilePolicy policy = b.reconcilePolicy;
      tasks.add(
          Tasks.recurring(RECONCILE_TASK, FixedDelay.of(b.reconcileInterval))
              .onDeadExecution(reviveNow(b.clock))
              .execute(
                  (instance, context) ->
                      timed(
                          "reconcile",
                          () -> {
                            log.info("reconcile: {}", service.reconcile(policy));
                            return NOTHING;
                          })));
    }
    if (b.directoryAs != null) {
      PersonId as = b.directoryAs;
      tasks.add(
          Tasks.recurring(DIRECTORY_TASK, FixedDelay.of(b.directoryInterval))
              .onDeadExecution(reviveNow(b.clock))
              .execute(
                  (instance, context) ->
                      timed("directory", () -> logDirectory(service.reconcileDirectory(as)))));
    }
    if (service.evidence().signs()) {
      Duration maxAge = b.checkpointMaxAge;
      tasks.add(
          Tasks.recurring(CHECKPOINT_TASK, FixedDelay.of(b.checkpointInterval))
              .onDeadExecution(reviveNow(b.clock))
              .execute(
                  (instance, context) ->
                      timed(
                          "checkpoint",
                          () -> {
                            service
                                .evidence()
                                .checkpointIfDue(maxAge)
                                .ifPresent(
                                    c ->
                                        log.debug(
                                            "checkpoint signed: {} events, {}",
                                            c.size(),
                                            c.time()));
                            return NOTHING;
                          })));
    }
    SchedulerBuilder sb =
        new SchedulerBuilder(store.dataSource(), List.of()) {
          @Override
          protected Waiter buildWaiter() {
            // The pause between polls is a real-time wait, not a due time: timed on the service's
            // clock, a clock that stands still (a test's) would stop polling altogether.
            return new Waiter(b.pollingInterval);
          }
        }.startTasks(recovery)
            .tableName("ag_scheduled_tasks")
            .threads(b.threads)
            .pollingInterval(b.pollingInterval)
            .heartbeatInterval(b.heartbeatInterval)
            .missedHeartbeatsLimit(b.missedHeartbeats)
            .shutdownMaxWait(b.shutdownMaxWait)
            .schedulerName(new SchedulerName.Fixed(b.name))
            // Due times, heartbeats and "time done" are read on the service's clock, the one
            // that wrote every expiry, deadline and lease the tasks act on.
            .clock(b.clock::instant);
    tasks.forEach(sb::startTasks);
    if (store.isShared()) {
      sb.pollUsingLockAndFetch(0.5, 1.0);
    }
    if (store.vendor() == Schema.Vendor.SQLITE) {
      sb.jdbcCustomization(new SqliteScheduling());
    }
    this.scheduler = sb.build();
  }

  /**
   * Runs a task again at once when its instance died mid-run, "at once" read on the service's
   * clock: db-scheduler's own reviver reads the system clock, which a service on another clock may
   * never reach.
   */
  private static <T> DeadExecutionHandler<T> reviveNow(Clock clock) {
    return (complete, ops) -> ops.reschedule(complete, clock.instant());
  }

  /** A builder for background work of {@code service}, which must be built on {@code store}. */
  public static Builder builder(AccessService service, JdbcAccessStore store) {
    return new Builder(requireNonNull(service, "service"), requireNonNull(store, "store"));
  }

  /**
   * The background work of an {@link dev.accessgov.AccessRuntime}: a scheduler on the runtime's
   * store, clock and observer, configured by {@code configure} (which may leave every default).
   *
   * <pre>{@code
   * AccessRuntime.builder(AccessService.builder()...store(store))
   *     .background(AccessScheduler.factory(s -> s.reviewInterval(Duration.ofMinutes(1))))
   *     .start();
   * }</pre>
   *
   * @throws AccessConfigurationException from the factory, when the service's store is not a {@link
   *     JdbcAccessStore}
   */
  public static BackgroundWork.Factory factory(Consumer<Builder> configure) {
    requireNonNull(configure, "configure");
    return (service, store, clock, observer) -> {
      if (!(store instanceof JdbcAccessStore jdbc)) {
        throw new AccessConfigurationException(
            "AccessScheduler runs on a JdbcAccessStore (it keeps its task table in the same"
                + " database), but the service's store is "
                + store.getClass().getName()
                + "; build the service on AccessStores.embedded(...) or AccessStores.shared(...),"
                + " or run without background work");
      }
      Builder b = builder(service, jdbc).clock(clock).observer(observer);
      configure.accept(b);
      return b.build();
    };
  }

  /**
   * Finishes the records left in flight whose owner's lease has lapsed ({@link
   * AccessService#recover(Duration)} with the recovery grace), then starts the scheduler. Work that
   * other live instances hold leases on is left to them, so any number of instances may start at
   * once; a lease held by a process that died lapses within the service's lease duration, and the
   * periodic recovery takes its records then (the embedded store lapses such leases when it opens).
   * Call once, after the service is built and before it takes traffic.
   *
   * @return what the start-up recovery did
   */
  public SweepResult start() {
    SweepResult recovered = timed("recovery", () -> service.recover(config.recoveryGrace));
    logSweep("start-up recovery", recovered);
    scheduler.start();
    running.set(true);
    return recovered;
  }

  /** Whether {@link #start()} ran and {@link #close()} did not. */
  @Override
  public boolean isRunning() {
    return running.get();
  }

  /**
   * Stops scheduling and waits (up to the builder's {@code shutdownMaxWait}) for running tasks; a
   * second call does nothing.
   */
  @Override
  public void close() {
    if (running.getAndSet(false)) {
      scheduler.stop();
    }
  }

  /**
   * Runs one sweep, timed on the service's clock, and tells the observer how long it took and what
   * it did; an observer that throws is logged and ignored.
   */
  private SweepResult timed(String name, Supplier<SweepResult> sweep) {
    Instant start = config.clock.instant();
    SweepResult result = sweep.get();
    config.observer.sweep(name, Duration.between(start, config.clock.instant()), result);
    return result;
  }

  /** Applies passed deadlines, then sends the reminders that fell due. */
  private SweepResult reviewTick() {
    Map<CampaignId, CloseResult> closed = service.reviews().closeDue();
    closed.forEach((id, result) -> log.info("review deadline of {}: {}", id, describe(result)));
    List<Reminder> sent = service.reviews().sendReminders();
    if (!sent.isEmpty()) {
      log.info("review reminders delivered: {}", sent.size());
    }
    return NOTHING;
  }

  private static String describe(CloseResult result) {
    return result instanceof CloseResult.Escalated e
        ? e.escalated().size() + " items escalated until " + e.until()
        : "closed";
  }

  /** What the directory reconciliation ended: the records its offboardings changed. */
  private static SweepResult logDirectory(DirectoryReconciliation run) {
    if (!run.transfers().isEmpty() || !run.offboarded().isEmpty() || !run.failed().isEmpty()) {
      log.info(
          "directory reconcile: {} people, {} transferred, {} offboarded, {} baselined, {} failed"
              + " (tried again next run): {}",
          run.looked(),
          run.transfers().size(),
          run.offboarded().size(),
          run.baselined().size(),
          run.failed().size(),
          run.failed().keySet());
    }
    List<dev.accessgov.record.RecordId> ended = new ArrayList<>();
    run.offboarded().values().forEach(o -> o.records().forEach(r -> ended.add(r.id())));
    return new SweepResult(ended, List.of());
  }

  /** What the reclaim run ended: the grants it removed. */
  private static SweepResult logReclaim(ReclaimResult result) {
    if (!result.candidates().isEmpty()) {
      log.info(
          "reclaim {}: {} inactive grants, {} notices given, {} removed",
          result.policy(),
          result.candidates().size(),
          result.with(ReclaimCandidate.Status.NOTICE).size(),
          result.with(ReclaimCandidate.Status.REMOVED).size());
    }
    return new SweepResult(
        result.with(ReclaimCandidate.Status.REMOVED).stream()
            .map(ReclaimCandidate::recordId)
            .toList(),
        List.of());
  }

  /**
   * Recovers the in-flight records whose lease lapsed at least the grace period ago (the others
   * belong to live instances); returns the streak of rounds that left work unfinished.
   */
  private int recoverStale(int failedRounds) {
    SweepResult result = timed("recovery", () -> service.recover(config.recoveryGrace));
    logSweep("recovery", result);
    return result.allDone() ? 0 : failedRounds + 1;
  }

  private Duration delayAfter(int failedRounds) {
    if (failedRounds == 0) {
      return config.recoveryInterval;
    }
    // Doubling from the initial backoff; the shift is capped so it cannot overflow.
    Duration backoff = config.backoffInitial.multipliedBy(1L << Math.min(failedRounds - 1, 20));
    return backoff.compareTo(config.backoffMax) > 0 ? config.backoffMax : backoff;
  }

  private static void logSweep(String what, SweepResult result) {
    if (!result.allDone()) {
      log.warn(
          "{}: {}; unfinished records will be retried: {}; failed, retried too: {}",
          what,
          result,
          result.unfinished(),
          result.failed());
    } else if (!result.completed().isEmpty()) {
      log.info("{}: {}", what, result);
    }
  }

  @Override
  public String toString() {
    return "AccessScheduler[" + config.name + "]";
  }

  /** Configures an {@link AccessScheduler}; every setting has a default. */
  public static final class Builder {
    private final AccessService service;
    private final JdbcAccessStore store;
    private Duration expiryInterval = Duration.ofMinutes(1);
    private Duration recoveryInterval = Duration.ofMinutes(5);
    private Duration recoveryGrace = Duration.ofSeconds(30);
    private Duration backoffInitial = Duration.ofSeconds(30);
    private Duration backoffMax = Duration.ofMinutes(30);
    private Duration pollingInterval = Duration.ofSeconds(10);
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private int missedHeartbeats = 4;
    private Duration shutdownMaxWait = Duration.ofSeconds(30);
    private int threads = 2;
    private String name = "access-" + UUID.randomUUID();
    private Duration reviewInterval = Duration.ofMinutes(5);
    private @Nullable CampaignSpec emergencyTemplate;
    private Duration emergencyInterval = Duration.ofHours(1);
    private final Map<ReclaimPolicy, Duration> reclaim = new LinkedHashMap<>();
    private @Nullable ReconcilePolicy reconcilePolicy;
    private Duration reconcileInterval = Duration.ofDays(1);
    private @Nullable PersonId directoryAs;
    private Duration directoryInterval = Duration.ofHours(1);
    private Duration checkpointInterval = Duration.ofMinutes(5);
    private Duration checkpointMaxAge = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private AccessObserver observer = AccessObserver.none();

    private Builder(AccessService service, JdbcAccessStore store) {
      this.service = service;
      this.store = store;
    }

    /** The pause between the end of one expiry sweep and the start of the next. Default: 1 min. */
    public Builder expiryInterval(Duration interval) {
      this.expiryInterval = positive(interval, "expiryInterval");
      return this;
    }

    /** How often to look for records left in flight. Default: 5 min. */
    public Builder recoveryInterval(Duration interval) {
      this.recoveryInterval = positive(interval, "recoveryInterval");
      return this;
    }

    /**
     * How long after its lease lapsed (or was released after a provider failure) an in-flight
     * record is taken over by recovery, at start-up and periodically: a margin for clocks that
     * differ between instances (a lease's lapse instant is written by its owner's clock and judged
     * by the recovering instance's), and the least pause before a failed provider call is tried
     * again. Live instances are protected by their leases, not by this. Default: 30 s.
     */
    public Builder recoveryGrace(Duration grace) {
      requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("recoveryGrace must not be negative, was " + grace);
      }
      this.recoveryGrace = grace;
      return this;
    }

    /**
     * The first and the longest pause before recovery runs again while records stay unfinished (a
     * provider keeps failing); the pause doubles in between. Default: 30 s and 30 min.
     */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.backoffInitial = positive(initial, "initial");
      this.backoffMax = positive(max, "max");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("max backoff " + max + " is below initial " + initial);
      }
      return this;
    }

    /**
     * The evidence heartbeat, when the service has a checkpoint signer: every {@code interval} a
     * checkpoint is signed (and published) if the log grew since the latest or the latest is {@code
     * maxAge} old, so that the latest checkpoint is never much older than {@code maxAge} and its
     * date shows an auditor how current the evidence is. Default: every 5 min, at least hourly.
     */
    public Builder checkpoints(Duration interval, Duration maxAge) {
      this.checkpointInterval = positive(interval, "interval");
      this.checkpointMaxAge = positive(maxAge, "maxAge");
      return this;
    }

    /** How often the scheduler looks for due tasks. Default: 10 s. */
    public Builder pollingInterval(Duration interval) {
      this.pollingInterval = positive(interval, "pollingInterval");
      return this;
    }

    /**
     * How often a running task proves its instance alive; after 4 missed heartbeats another
     * instance runs the task again. Default: 30 s.
     */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = positive(interval, "heartbeatInterval");
      return this;
    }

    /** How long {@link AccessScheduler#close()} waits for running tasks. Default: 30 s. */
    public Builder shutdownMaxWait(Duration wait) {
      this.shutdownMaxWait = requireNonNull(wait, "wait");
      return this;
    }

    /** Threads that execute tasks. Default: 2. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** This instance's name in the task table. Default: {@code access-<random uuid>}. */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /**
     * The pause between review runs: each applies passed deadlines ({@link
     * dev.accessgov.review.Reviews#closeDue()}) and sends the reminders that fell due. Default: 5
     * min.
     */
    public Builder reviewInterval(Duration interval) {
      this.reviewInterval = positive(interval, "reviewInterval");
      return this;
    }

    /**
     * Starts after-the-fact reviews of emergency grants every {@code interval} ({@link
     * dev.accessgov.review.Reviews#startEmergencyReview}). Default: not run.
     */
    public Builder emergencyReviews(CampaignSpec template, Duration interval) {
      this.emergencyTemplate = requireNonNull(template, "template");
      this.emergencyInterval = positive(interval, "interval");
      return this;
    }

    /**
     * Runs {@code policy} every {@code interval} ({@link AccessService#reclaim}, not a dry run):
     * notices are given and delivered, and grants removed after the grace period stored with their
     * notice. Each policy is a task of its own, named by the policy. Default: none.
     */
    public Builder reclaim(ReclaimPolicy policy, Duration interval) {
      requireNonNull(policy, "policy");
      if (reclaim.keySet().stream().anyMatch(p -> p.name().equals(policy.name()))) {
        throw new IllegalArgumentException("reclaim policy " + policy.name() + " is already set");
      }
      reclaim.put(policy, positive(interval, "interval"));
      return this;
    }

    /**
     * Runs {@link AccessService#reconcile(ReconcilePolicy)} every {@code interval}. Default: not
     * run.
     */
    public Builder reconcile(ReconcilePolicy policy, Duration interval) {
      this.reconcilePolicy = requireNonNull(policy, "policy");
      this.reconcileInterval = positive(interval, "interval");
      return this;
    }

    /**
     * Runs the directory reconciliation ({@link AccessService#reconcileDirectory}) every {@code
     * interval}, as the administrator {@code as} (a service account is usual): transfers people
     * whose directory attributes changed without a lifecycle call, offboards leavers who still hold
     * access, and records first sightings. Each change is claimed in the store once, so instances
     * that run it at once (or a run repeated after a crash) handle each person once. Default: not
     * run.
     */
    public Builder directoryReconcile(PersonId as, Duration interval) {
      this.directoryAs = requireNonNull(as, "as");
      this.directoryInterval = positive(interval, "interval");
      return this;
    }

    /**
     * The clock that decides when tasks are due: give the service's, so that expiry, recovery and
     * the other tasks run on the same time as the records' due times. {@link #factory} sets it.
     * Default: {@link Clock#systemUTC()}.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Hears how long each sweep took and what it did ({@link AccessObserver#sweep}). {@link
     * #factory} sets the service's. Default: {@link AccessObserver#none()}.
     */
    public Builder observer(AccessObserver observer) {
      this.observer = AccessObserver.safe(observer);
      return this;
    }

    /** Builds the scheduler; it does nothing until {@link AccessScheduler#start()}. */
    public AccessScheduler build() {
      return new AccessScheduler(this);
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
