package dev.accessgov.internal;

import dev.accessgov.SweepFailure;
import dev.accessgov.SweepResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.RecordLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sweeps: expiry and recovery. Expiry commits its intents a batch at a time, makes
 * the provider calls, and commits the answers {@value BatchRemovals#CHUNK} records at a time
 * ({@link BatchRemovals}). Each due record is an independent, CAS-protected transition, so a batch
 * is worked on by several threads at once: provider calls and durable commits spend their time
 * waiting, and a store that commits concurrent writers together (as access-jdbc does) turns many
 * waits into one. A record whose work throws is reported in the result and left for the next run;
 * it never stops the others. Not API.
 */
final class Sweeps {
  private static final Logger log = LoggerFactory.getLogger(Sweeps.class);
  private static final int BATCH = 500;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final AccessStore store;
  private final Records records;
  private final Provisioning provisioning;
  private final Clock clock;
  private final Leases leases;
  private final BatchRemovals removals;
  private final int parallelism;
  private @Nullable UsageWatch usage;
  private @Nullable UsageSchedule usageSchedule;

  Sweeps(
      AccessStore store,
      Records records,
      Provisioning provisioning,
      Clock clock,
      Leases leases,
      int parallelism) {
    this.store = store;
    this.records = records;
    this.provisioning = provisioning;
    this.clock = clock;
    this.leases = leases;
    this.removals = new BatchRemovals(provisioning, records, clock);
    this.parallelism = parallelism;
  }

  /**
   * Records usage evidence with {@code watch} for the grants expiry ends, and asks the questions
   * {@code schedule} finds due at the end of each expiry run. Called once, while wiring.
   */
  void observeUsage(UsageWatch watch, UsageSchedule schedule) {
    this.usage = watch;
    this.usageSchedule = schedule;
  }

  SweepResult expireDue() {
    SweepResult result = expire();
    UsageSchedule schedule = usageSchedule;
    if (schedule != null) {
      try {
        schedule.run();
      } catch (RuntimeException e) {
        // Usage evidence never fails the expiry it follows; the next run reads on.
        log.warn("usage evidence could not be brought up to date: {}", e.toString());
      }
    }
    return result;
  }

  private SweepResult expire() {
    Instant now = clock.instant();
    List<RecordId> completed = new ArrayList<>();
    List<RecordId> unfinished = new ArrayList<>();
    List<SweepFailure> failed = new ArrayList<>();
    Set<RecordId> seen = new HashSet<>();
    while (true) {
      List<AccessRecord> due = new ArrayList<>(store.dueForExpiry(now, BATCH));
      due.removeIf(r -> !seen.add(r.id()));
      if (due.isEmpty()) {
        return new SweepResult(completed, unfinished, failed);
      }
      List<AccessRecord> started = begin(due, now, failed);
      for (int from = 0; from < started.size(); from += BatchRemovals.CHUNK) {
        List<AccessRecord> chunk =
            started.subList(from, Math.min(started.size(), from + BatchRemovals.CHUNK));
        BatchRemovals.Plan plan = removals.plan(chunk);
        List<BatchRemovals.Answered> answered;
        try {
          run(
              plan.removals(),
              BatchRemovals.Removal::owners,
              removal -> {
                try (RecordMdc scope = RecordMdc.operation(removal.owners(), "expireDue")) {
                  return removals.remove(removal);
                }
              },
              failed,
              new ArrayList<>());
          answered = plan.answers();
          plan.unexpected().forEach((id, e) -> failed.add(failure(id, e)));
        } catch (RuntimeException | Error e) {
          plan.abandon();
          throw e;
        }
        List<AccessRecord> ended;
        try {
          ended = removals.commit(answered);
        } catch (RuntimeException e) {
          answered.stream()
              .filter(a -> a.change() != null)
              .forEach(a -> failed.add(failure(a.record().id(), e)));
          continue;
        }
        for (AccessRecord done : ended) {
          (done.state() == RecordState.EXPIRED ? completed : unfinished).add(done.id());
        }
        UsageWatch watch = usage;
        if (watch != null) {
          List<AccessRecord> observed = new ArrayList<>();
          run(
              ended.stream().filter(UsageWatch::applies).toList(),
              r -> List.of(r.id()),
              watch::observe,
              new ArrayList<>(),
              observed);
        }
        answered.stream()
            .filter(a -> a.change() == null)
            .forEach(a -> unfinished.add(a.record().id()));
      }
    }
  }

  /**
   * Records the intent to expire every record of {@code due} still due, in one store transaction
   * (EXPIRED events, state DEPROVISIONING) before any provider is called; a record another worker
   * changed meanwhile is looked at again on its own. Returns the records now deprovisioning.
   */
  private List<AccessRecord> begin(List<AccessRecord> due, Instant now, List<SweepFailure> failed) {
    List<AccessRecord> stillDue = new ArrayList<>();
    List<Records.Change> intents = new ArrayList<>();
    for (AccessRecord r : due) {
      Records.Change intent = expiry(r, now);
      if (intent != null) {
        stillDue.add(r);
        intents.add(intent);
      }
    }
    List<@Nullable AccessRecord> stored = records.commitAll(stillDue, intents);
    List<AccessRecord> started = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      AccessRecord r = stored.get(i);
      if (r == null) {
        RecordId id = stillDue.get(i).id();
        try {
          r = records.mutate(id, fresh -> expiry(fresh, now));
        } catch (RuntimeException e) {
          failed.add(failure(id, e));
        }
      }
      if (r != null) {
        started.add(r);
      }
    }
    return started;
  }

  /** The change that starts expiring {@code r}, or null when it is not (or no longer) due. */
  private static Records.@Nullable Change expiry(AccessRecord r, Instant now) {
    return r.state() != RecordState.ACTIVE || r.expiresAt() == null || r.expiresAt().isAfter(now)
        ? null
        : Removals.intent(r, List.of(Drafts.expired(r, now)));
  }

  /**
   * Takes over and finishes the in-flight records nobody works on: those whose lease lapsed (or was
   * released) at least {@code quietFor} ago by this service's clock, or that have no lease. Never a
   * record a thread of this process is working on. Each takeover is atomic ({@link
   * dev.accessgov.spi.RecordLeases#takeOver}), so of several recovering instances one takes a
   * record; the others pass over it.
   */
  SweepResult recover(Duration quietFor) {
    List<AccessRecord> inFlight = new ArrayList<>();
    for (AccessRecord r :
        store.query(
            RecordQuery.all().states(RecordState.PROVISIONING, RecordState.DEPROVISIONING))) {
      if (!provisioning.isWorkingOn(r.id())) {
        inFlight.add(r);
      }
    }
    Map<RecordId, RecordLeases.Lease> held =
        inFlight.isEmpty()
            ? Map.of()
            : leases.find(inFlight.stream().map(AccessRecord::id).toList());
    List<AccessRecord> taken = new ArrayList<>();
    Map<RecordId, RecordLeases.Lease> lapsed = new HashMap<>();
    List<SweepFailure> failed = new ArrayList<>();
    for (AccessRecord r : inFlight) {
      RecordLeases.Lease lease = held.get(r.id());
      boolean ours;
      try {
        // Times are compared on this service's clock only: the lease's lapse instant was written
        // by a service clock too, never by a provider's.
        ours = leases.lapsed(lease, quietFor) && leases.takeOver(r.id(), lease);
      } catch (RuntimeException e) {
        failed.add(failure(r.id(), e));
        continue;
      }
      if (ours) {
        taken.add(r);
        if (lease != null) {
          lapsed.put(r.id(), lease);
        }
      }
    }
    List<RecordId> completed = new ArrayList<>();
    List<RecordId> unfinished = new ArrayList<>();
    List<AccessRecord> finished = new ArrayList<>(taken.size());
    run(
        taken,
        found -> List.of(found.id()),
        found -> {
          try (RecordMdc scope = RecordMdc.operation(found.id(), "recover")) {
            return resume(found.id(), lapsed.get(found.id()));
          }
        },
        failed,
        finished);
    for (AccessRecord done : finished) {
      (done.state().isInFlight() ? unfinished : completed).add(done.id());
    }
    return new SweepResult(completed, unfinished, failed);
  }

  private @Nullable AccessRecord resume(RecordId id, RecordLeases.@Nullable Lease lapsed) {
    AccessRecord resumed;
    try {
      resumed =
          records.mutate(
              id,
              r ->
                  r.state().isInFlight()
                      ? Records.Change.of(r, Drafts.recovered(r, clock.instant(), lapsed))
                      : null);
    } catch (RuntimeException e) {
      leases.release(id);
      throw e;
    }
    if (resumed == null) {
      // Finished by its owner between the read and the takeover: nothing to do, nothing to hold.
      leases.release(id);
      return null;
    }
    return resumed.state() == RecordState.PROVISIONING
        ? provisioning.provision(resumed)
        : provisioning.deprovision(resumed);
  }

  /**
   * Applies {@code work} to every item, on up to {@code parallelism} threads, and adds the non-null
   * results to {@code results} in input order (also those before an {@link Error}). When an item's
   * work throws, each record it is for ({@code owners}) is added to {@code failed} and the other
   * items go on; an {@link Error} is rethrown once every task has ended, so no work is abandoned
   * half-way.
   */
  private <I, T> void run(
      List<I> batch,
      Function<I, List<RecordId>> owners,
      Function<I, @Nullable T> work,
      List<SweepFailure> failed,
      List<T> results) {
    if (parallelism <= 1 || batch.size() <= 1) {
      for (I item : batch) {
        try {
          T done = work.apply(item);
          if (done != null) {
            results.add(done);
          }
        } catch (RuntimeException e) {
          owners.apply(item).forEach(id -> failed.add(failure(id, e)));
        }
      }
      return;
    }
    List<Callable<@Nullable T>> tasks = new ArrayList<>(batch.size());
    batch.forEach(item -> tasks.add(() -> work.apply(item)));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, batch.size()),
            task -> {
              Thread t = new Thread(task, "access-sweep-" + POOLS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      Error fatal = null;
      List<Future<@Nullable T>> futures = pool.invokeAll(tasks);
      for (int i = 0; i < futures.size(); i++) {
        try {
          T done = futures.get(i).get();
          if (done != null) {
            results.add(done);
          }
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            fatal = fatal == null ? error : fatal;
          } else {
            Throwable thrown = e.getCause();
            Throwable cause = thrown != null ? thrown : e;
            owners.apply(batch.get(i)).forEach(id -> failed.add(failure(id, cause)));
          }
        }
      }
      if (fatal != null) {
        throw fatal;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a sweep", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Reports a record the sweep could not finish. Exception messages of this library and its
   * providers never carry secrets, so the message is safe to log and return.
   */
  private static SweepFailure failure(RecordId id, Throwable e) {
    String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    log.warn("sweep could not finish record {}; the next recover() tries again: {}", id, reason, e);
    return new SweepFailure(id, reason);
  }
}
