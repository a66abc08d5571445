package dev.accessgov.slack.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack module's one background thread. It <em>syncs</em> (at start, every {@code syncEvery},
 * and soon after the service reports a change): every record that waits for approval, and every
 * record whose messages may still change, whose version differs from the one its messages show,
 * gets an entry in the outbox; so does every active record about to end that was not yet warned.
 * Then it <em>delivers</em> the outbox's entries, oldest first, in order per ticket. Since the sync
 * reads the store, a record committed just before a crash gets its messages after the restart; and
 * since the outbox and the memory of posted messages are durable (with a durable outbox), an entry
 * taken but not yet delivered is delivered after a restart.
 *
 * <p>A retryable failure (Slack down, throttling, I/O) or a refused token pauses all delivery, with
 * backoff or until Slack's {@code Retry-After}; the entry stays and goes out once Slack answers. An
 * entry Slack refuses for good is dropped with an error log: the evidence chain keeps the truth.
 * Not API.
 */
public final class SlackWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlackWorker.class);
  private static final int BATCH = 64;
  private static final Duration STOP_WAIT = Duration.ofMinutes(1);

  private final Outbox outbox;
  private final Deliveries deliveries;
  private final Memory memory;
  private final AccessService service;
  private final Clock clock;
  private final RetrySettings retry;
  private final Duration syncEvery;
  private final Duration warnBefore;
  private final Object monitor = new Object();
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean healthy = true;
  private long requested;
  private long synced;
  private boolean delivering;
  private int failures;

  SlackWorker(
      Outbox outbox,
      Deliveries deliveries,
      Memory memory,
      AccessService service,
      Clock clock,
      RetrySettings retry,
      Duration syncEvery,
      Duration warnBefore,
      String name) {
    this.outbox = outbox;
    this.deliveries = deliveries;
    this.memory = memory;
    this.service = service;
    this.clock = clock;
    this.retry = retry;
    this.syncEvery = syncEvery;
    this.warnBefore = warnBefore;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** Starts the thread; its first act is a sync. */
  void start() {
    requestSync();
    thread.start();
  }

  /** Asks for a sync soon (the service reported a change). */
  void requestSync() {
    synchronized (monitor) {
      requested++;
      monitor.notifyAll();
    }
  }

  /** Says there is new work in the outbox. */
  void wake() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  /** Whether the last delivery worked (or none was tried); false while Slack is failing. */
  boolean healthy() {
    return healthy;
  }

  /**
   * Syncs, then waits until the outbox is empty and nothing is being delivered, at most {@code
   * timeout}; true when that happened.
   */
  boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      long want = ++requested;
      monitor.notifyAll();
      while (synced < want || delivering || outbox.size() > 0) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (closed || left <= 0) {
          return false;
        }
        monitor.wait(Math.min(left, 50));
      }
    }
    return true;
  }

  private void run() {
    long nextSync = System.nanoTime();
    while (!closed) {
      try {
        long generation;
        synchronized (monitor) {
          generation = requested;
        }
        if (generation > synced || System.nanoTime() >= nextSync) {
          sync();
          nextSync = System.nanoTime() + syncEvery.toNanos();
          synchronized (monitor) {
            synced = Math.max(synced, generation);
            monitor.notifyAll();
          }
        }
        long pause = deliverHeads();
        synchronized (monitor) {
          monitor.notifyAll();
          long pausedUntil = System.nanoTime() + pause * 1_000_000;
          while (!closed && pause > 0 && System.nanoTime() < pausedUntil) {
            monitor.wait(Math.max(1, (pausedUntil - System.nanoTime()) / 1_000_000));
          }
          if (!closed && pause == 0 && outbox.size() == 0 && requested == synced) {
            long untilSync = (nextSync - System.nanoTime()) / 1_000_000;
            monitor.wait(Math.max(1, Math.min(1000, untilSync)));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        // A store or service failure must not end delivery for good.
        LOG.warn("Slack sync or delivery stumbled: {}", e.toString());
        sleepQuietly(backoff(++failures));
      }
    }
  }

  /** Delivers the outbox's heads in order; returns how long to pause, 0 to go on. */
  private long deliverHeads() {
    List<OutboxEntry> heads = outbox.heads(BATCH);
    for (OutboxEntry entry : heads) {
      if (closed) {
        return 0;
      }
      synchronized (monitor) {
        delivering = true;
      }
      try {
        long pause = deliver(entry);
        if (pause > 0) {
          return pause;
        }
      } finally {
        synchronized (monitor) {
          delivering = false;
          monitor.notifyAll();
        }
      }
    }
    return 0;
  }

  private long deliver(OutboxEntry entry) {
    try {
      deliveries.deliver(entry);
      outbox.remove(entry.id());
      failures = 0;
      healthy = true;
      return 0;
    } catch (RuntimeException e) {
      if (closed) {
        LOG.debug("Slack {} of {} left for later: {}", entry.kind(), entry.ticket(), e.toString());
        return 0;
      }
      return failed(entry, e);
    }
  }

  private long failed(OutboxEntry entry, RuntimeException failure) {
    if (failure instanceof ProviderException e && e.retryable()) {
      healthy = false;
      long wait = backoff(++failures);
      if (e instanceof RateLimitedException limited && limited.retryAt() != null) {
        wait = Math.max(wait, limited.retryAt().toEpochMilli() - clock.millis());
      }
      LOG.warn(
          "Slack unavailable ({}); {} messages wait, next try in {} ms",
          e.getMessage(),
          outbox.size(),
          wait);
      return Math.max(1, wait);
    }
    if (failure instanceof AccessConfigurationException e) {
      // A refused token: nothing goes out until it is fixed, and nothing is lost meanwhile.
      healthy = false;
      LOG.error(
          "Slack refused the configuration; messages wait until it is fixed: {}", e.getMessage());
      return Math.max(1, backoff(++failures));
    }
    outbox.remove(entry.id());
    LOG.error(
        "Slack {} of {} (record {}) cannot be delivered; dropped, the evidence chain holds the"
            + " truth: {}",
        entry.kind(),
        entry.ticket(),
        entry.recordId(),
        failure.toString());
    return 0;
  }

  /** Queues an entry for each record whose messages are behind, and each due expiry warning. */
  void sync() {
    try (Stream<AccessRecord> waiting =
        service.findAll(RecordQuery.all().states(RecordState.PENDING_APPROVAL))) {
      waiting.forEach(this::consider);
    }
    Set<String> open = memory.open();
    boolean changed = false;
    for (Iterator<String> it = open.iterator(); it.hasNext(); ) {
      String id = it.next();
      try {
        consider(service.record(RecordId.of(id)));
      } catch (NotFoundException e) {
        it.remove();
        changed = true;
      }
    }
    if (changed) {
      memory.open(open);
    }
    if (!warnBefore.isZero()) {
      Instant now = clock.instant();
      try (Stream<AccessRecord> active =
          service.findAll(RecordQuery.all().states(RecordState.ACTIVE))) {
        active.filter(r -> endsWithin(r, now)).forEach(this::warn);
      }
    }
  }

  /** Whether {@code r} ends after {@code now} and within the warning time. */
  private boolean endsWithin(AccessRecord r, Instant now) {
    Instant end = r.expiresAt();
    return end != null && end.isAfter(now) && !end.isAfter(now.plus(warnBefore));
  }

  private void consider(AccessRecord r) {
    String id = r.id().value();
    String version = Memory.version(r);
    Optional<ObjectNode> mem = memory.of(id);
    if (mem.isPresent()
        && (mem.get().path("version").asText().equals(version)
            || mem.get().path("queued").asText().equals(version))) {
      return;
    }
    if (mem.isEmpty() && r.state() != RecordState.PENDING_APPROVAL) {
      return; // never asked in Slack: nothing to update
    }
    outbox.add(
        new OutboxEntry(
            0, "record:" + id, OutboxEntry.Kind.TRANSITION, id, 0, "{}", clock.instant()));
    ObjectNode m = mem.orElseGet(Memory::object);
    m.put("queued", version);
    memory.save(id, m);
  }

  private void warn(AccessRecord r) {
    String id = r.id().value();
    String end = String.valueOf(r.expiresAt());
    ObjectNode m = memory.orNew(id);
    if (m.path("warned").asText().equals(end)) {
      return;
    }
    ObjectNode payload =
        Memory.object().put("type", "expiry").put("to", r.subject().value()).put("record", id);
    outbox.add(
        new OutboxEntry(
            0,
            "notify:" + r.subject().value(),
            OutboxEntry.Kind.NOTE,
            id,
            0,
            payload.toString(),
            clock.instant()));
    m.put("warned", end);
    memory.save(id, m);
  }

  private long backoff(int attempt) {
    long initial = retry.initialBackoff().toMillis();
    long max = retry.maxBackoff().toMillis();
    int shift = Math.min(20, Math.max(0, attempt - 1));
    return Math.min(max, initial << shift);
  }

  private void sleepQuietly(long millis) {
    long until = System.nanoTime() + Math.max(1, millis) * 1_000_000;
    synchronized (monitor) {
      try {
        while (!closed && System.nanoTime() < until) {
          monitor.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops for good and returns once the thread has ended: a delivery in progress is interrupted and
   * its entry stays in the outbox for the next process. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    wake();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.error(
          "Slack delivery thread {} did not stop within {} s",
          thread.getName(),
          STOP_WAIT.toSeconds());
    }
  }
}
