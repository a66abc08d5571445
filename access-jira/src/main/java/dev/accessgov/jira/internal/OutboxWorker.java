package dev.accessgov.jira.internal;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox entries on one background thread: the head of each ticket's queue, oldest first,
 * so a ticket's updates arrive in order. A retryable failure (5xx, 429, lost connection) pauses all
 * delivery, because it means Jira as a whole is unavailable or throttling: with backoff, or until
 * the moment a 429 named. A refusal (400, 403, 404) drops that one entry with an error log: the
 * evidence chain keeps the truth and retrying cannot help.
 *
 * <p>{@link #close()} returns once the thread has ended, having interrupted whatever delivery was
 * in progress: after that the worker sends nothing to Jira and touches the outbox no more. An entry
 * whose delivery was cut short stays in the outbox, for the next process, which repeats it
 * harmlessly. Not API.
 */
public final class OutboxWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
  private static final int BATCH = 64;

  /** How long close waits for the thread; it ends within milliseconds unless the store hangs. */
  private static final Duration STOP_WAIT = Duration.ofMinutes(1);

  /** Delivers one entry; throws {@link ProviderException} when Jira did not take it. */
  public interface Delivery {
    /** Delivers {@code entry}; repeating a delivery must be harmless. */
    void deliver(OutboxEntry entry);
  }

  private final Outbox outbox;
  private final Delivery delivery;
  private final JiraHttp http;
  private final Clock clock;
  private final Object monitor = new Object();
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;
  private volatile boolean healthy = true;
  private long pausedUntil;
  private int failures;

  /** A worker for {@code outbox}; call {@link #start()}. */
  public OutboxWorker(Outbox outbox, Delivery delivery, JiraHttp http, Clock clock, String name) {
    this.outbox = outbox;
    this.delivery = delivery;
    this.http = http;
    this.clock = clock;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** Starts the delivery thread. */
  public void start() {
    thread.start();
  }

  /** Says there is new work. */
  public void wake() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  /** Whether the last delivery worked (or none was tried); false while Jira is failing. */
  public boolean healthy() {
    return healthy;
  }

  /** How many entries were given up on because Jira refused them. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Waits until the outbox is empty, at most {@code timeout}; true when it is. Once closed, it does
   * not wait: nothing will deliver what is left.
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (outbox.size() > 0) {
        if (closed) {
          return false;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return false;
        }
        monitor.notifyAll();
        monitor.wait(Math.min(left, 50));
      }
    }
    return true;
  }

  private void run() {
    while (!closed) {
      try {
        List<OutboxEntry> heads = outbox.heads(BATCH);
        long pause = 0;
        for (OutboxEntry entry : heads) {
          if (closed) {
            return;
          }
          pause = deliver(entry);
          if (pause > 0) {
            break;
          }
        }
        synchronized (monitor) {
          monitor.notifyAll();
          if (pause > 0) {
            pausedUntil = System.nanoTime() + pause * 1_000_000;
          }
          while (!closed && System.nanoTime() < pausedUntil) {
            monitor.wait(Math.max(1, (pausedUntil - System.nanoTime()) / 1_000_000));
          }
          if (!closed && heads.isEmpty() && outbox.size() == 0) {
            monitor.wait(1000);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        // An outbox store failing must not kill delivery for good.
        LOG.warn("Jira outbox delivery stumbled: {}", e.toString());
        sleepQuietly(http.backoff(++failures));
      }
    }
  }

  /** Delivers one entry; returns how long to pause all delivery, 0 to go on. */
  private long deliver(OutboxEntry entry) {
    try {
      delivery.deliver(entry);
      outbox.remove(entry.id());
      failures = 0;
      healthy = true;
      return 0;
    } catch (RuntimeException e) {
      if (closed) {
        // Closing cut the delivery short: whatever it did, repeating it is harmless, so the entry
        // stays for the next process, untouched, and this is no outage worth a warning.
        LOG.debug(
            "Jira {} update of ticket {} left for later: {}",
            entry.kind(),
            entry.ticket(),
            e.toString());
        return 0;
      }
      return failed(entry, e);
    }
  }

  /** Handles a failed delivery; returns how long to pause all delivery, 0 to go on. */
  private long failed(OutboxEntry entry, RuntimeException failure) {
    if (failure instanceof ProviderException e && e.retryable()) {
      healthy = false;
      failures++;
      long wait = http.backoff(failures);
      if (e instanceof RateLimitedException limited && limited.retryAt() != null) {
        wait = Math.max(wait, limited.retryAt().toEpochMilli() - clock.millis());
      }
      LOG.warn(
          "Jira unavailable ({}); {} updates wait, next try in {} ms",
          e.getMessage(),
          outbox.size(),
          wait);
      return Math.max(1, wait);
    }
    if (failure instanceof ProviderException e) {
      dropped.incrementAndGet();
      outbox.remove(entry.id());
      LOG.error(
          "Jira refused the {} update of ticket {} (record {}); it is dropped, the evidence"
              + " chain still holds it: {}",
          entry.kind(),
          entry.ticket(),
          entry.recordId(),
          e.getMessage());
      return 0;
    }
    if (failure instanceof AccessConfigurationException e) {
      // The credential supplier failed; the secret store may come back, so wait like an outage.
      healthy = false;
      LOG.warn("Jira credential unavailable: {}", e.getMessage());
      return http.backoff(++failures);
    }
    dropped.incrementAndGet();
    outbox.remove(entry.id());
    LOG.error(
        "Jira update {} of ticket {} cannot be delivered; dropped: {}",
        entry.kind(),
        entry.ticket(),
        failure.toString());
    return 0;
  }

  private void sleepQuietly(long millis) {
    synchronized (monitor) {
      try {
        monitor.wait(Math.max(1, millis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops delivery for good and returns once the delivery thread has ended: a delivery in progress
   * is interrupted (its request to Jira abandoned, its retry wait cut short) and its entry stays in
   * the outbox. After this returns the worker sends nothing to Jira and does not touch the outbox,
   * so the outbox's store may be closed. Should the thread not end within a minute (a store call
   * that does not return), this logs an error and returns; the thread still starts no delivery, and
   * the caller closes the transport so that it cannot send. Idempotent.
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
          "Jira outbox thread {} did not stop within {} s of close; it is stuck in {}",
          thread.getName(),
          STOP_WAIT.toSeconds(),
          thread.getStackTrace().length > 0 ? thread.getStackTrace()[0] : "an unknown place");
    }
  }
}
