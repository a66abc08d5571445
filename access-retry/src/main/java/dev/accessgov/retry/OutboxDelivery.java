package dev.accessgov.retry;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an {@link Outbox}'s entries to one vendor on one background thread: the head of each
 * ticket's queue, oldest first, so that a ticket's updates arrive in order. The Jira and Slack
 * modules both deliver through it; a module supplies only how one entry is delivered and,
 * optionally, a <em>refill</em> step that fills the outbox from the store before delivery rounds.
 *
 * <p>What a failed delivery does:
 *
 * <ul>
 *   <li>A retryable {@link ProviderException} (5xx, 429, a lost connection) pauses all delivery,
 *       because the vendor as a whole is down or throttling: for the backoff of the consecutive
 *       failure count, or until the moment a {@link RateLimitedException} names, whichever is
 *       later. The entry stays and goes out first once the vendor answers.
 *   <li>An {@link AccessConfigurationException} (a refused token, a credential supplier that
 *       failed) pauses delivery the same way: nothing goes out until it is fixed, and nothing is
 *       lost meanwhile.
 *   <li>Any other failure (the vendor refused this entry for good: 400, 403, 404) drops that one
 *       entry with an error log; the evidence chain keeps the truth and retrying cannot help.
 * </ul>
 *
 * <p>A failing outbox store does not end delivery: the round is retried after a backoff. {@link
 * #close()} returns once the thread has ended, having interrupted whatever delivery was in
 * progress; after that nothing is sent and the outbox is not touched. An entry whose delivery was
 * cut short stays in the outbox for the next process, which repeats it harmlessly, so deliveries
 * must be safe to repeat.
 *
 * <p>Support for this project's vendor modules; not a stable API.
 */
public final class OutboxDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);
  private static final int BATCH = 64;

  /** How long {@link #close()} waits for the thread; it ends at once unless the store hangs. */
  private static final Duration STOP_WAIT = Duration.ofMinutes(1);

  /** How long an idle thread sleeps before it looks at the outbox again unasked. */
  private static final long IDLE_MILLIS = 1000;

  /** Delivers one entry to the vendor. */
  @FunctionalInterface
  public interface Delivery {
    /**
     * Delivers {@code entry}; throws when the vendor did not take it (see the class javadoc for
     * what each failure does). Repeating a delivery must be harmless.
     */
    void deliver(OutboxEntry entry);
  }

  private final String vendor;
  private final Outbox outbox;
  private final Delivery delivery;
  private final Clock clock;
  private final IntToLongFunction backoff;
  private final Runnable refill;
  private final @Nullable Duration refillEvery;
  private final Object monitor = new Object();
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;
  private volatile boolean healthy = true;
  // Guarded by monitor: refill generations asked for and done, and whether a delivery is running.
  private long requested;
  private long refilled;
  private boolean delivering;
  // Touched by the delivery thread only.
  private int failures;

  private OutboxDelivery(Builder b) {
    this.vendor = b.vendor;
    this.outbox = b.outbox;
    this.delivery = b.delivery;
    this.clock = b.clock;
    this.backoff = b.backoff;
    this.refill = b.refill;
    this.refillEvery = b.refillEvery;
    this.thread = new Thread(this::run, b.threadName);
    thread.setDaemon(true);
  }

  /**
   * A builder for delivering {@code outbox}'s entries to {@code vendor} (named in logs) through
   * {@code delivery}.
   */
  public static Builder builder(String vendor, Outbox outbox, Delivery delivery) {
    return new Builder(vendor, outbox, delivery);
  }

  /** Starts the delivery thread; with a refill step, its first act is a refill. */
  public void start() {
    refillSoon();
    thread.start();
  }

  /** Says there is new work in the outbox. */
  public void wake() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  /** Asks for a refill before the next delivery round; the same as {@link #wake()} without one. */
  public void refillSoon() {
    synchronized (monitor) {
      requested++;
      monitor.notifyAll();
    }
  }

  /** Whether the last delivery worked (or none was tried); false while the vendor is failing. */
  public boolean healthy() {
    return healthy;
  }

  /** How many entries were given up on because the vendor refused them for good. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Refills (when a refill step is set), then waits until the outbox is empty and no delivery is
   * running, at most {@code timeout}; true when that happened. Once closed it does not wait:
   * nothing will deliver what is left.
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      long want = requested;
      if (refillEvery != null) {
        want = ++requested;
      }
      monitor.notifyAll();
      while (refilled < want || delivering || outbox.size() > 0) {
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
    long nextRefill = System.nanoTime();
    while (!closed) {
      try {
        nextRefill = refillIfDue(nextRefill);
        long pause = deliverHeads();
        synchronized (monitor) {
          monitor.notifyAll();
          long pausedUntil = System.nanoTime() + pause * 1_000_000;
          while (!closed && pause > 0 && System.nanoTime() < pausedUntil) {
            monitor.wait(Math.max(1, (pausedUntil - System.nanoTime()) / 1_000_000));
          }
          if (!closed && pause == 0 && outbox.size() == 0 && requested == refilled) {
            long idle = IDLE_MILLIS;
            if (refillEvery != null) {
              idle = Math.min(idle, (nextRefill - System.nanoTime()) / 1_000_000);
            }
            monitor.wait(Math.max(1, idle));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        // A failing store (or refill) must not end delivery for good.
        LOG.warn("{} outbox delivery stumbled: {}", vendor, e.toString());
        pauseQuietly(backoff.applyAsLong(++failures));
      }
    }
  }

  /** Refills when asked or when {@code nextRefill} has come; returns the next refill time. */
  private long refillIfDue(long nextRefill) {
    Duration every = refillEvery;
    long generation;
    boolean asked;
    synchronized (monitor) {
      generation = requested;
      if (every == null) {
        refilled = generation; // nothing to refill: a flush waits for the outbox only
        return nextRefill;
      }
      asked = generation > refilled;
    }
    if (!asked && System.nanoTime() - nextRefill < 0) {
      return nextRefill;
    }
    refill.run();
    synchronized (monitor) {
      refilled = Math.max(refilled, generation);
      monitor.notifyAll();
    }
    return System.nanoTime() + every.toNanos();
  }

  /** Delivers the outbox's heads in order; returns how long to pause all delivery, 0 to go on. */
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
            "{} {} of {} left for later: {}", vendor, entry.kind(), entry.ticket(), e.toString());
        return 0;
      }
      return failed(entry, e);
    }
  }

  /** Handles a failed delivery; returns how long to pause all delivery, 0 to go on. */
  private long failed(OutboxEntry entry, RuntimeException failure) {
    if (failure instanceof ProviderException e && e.retryable()) {
      healthy = false;
      long wait = backoff.applyAsLong(++failures);
      if (e instanceof RateLimitedException limited && limited.retryAt() != null) {
        wait = Math.max(wait, limited.retryAt().toEpochMilli() - clock.millis());
      }
      LOG.warn(
          "{} unavailable ({}); {} updates wait, next try in {} ms",
          vendor,
          e.getMessage(),
          outbox.size(),
          wait);
      return Math.max(1, wait);
    }
    if (failure instanceof AccessConfigurationException e) {
      healthy = false;
      long wait = backoff.applyAsLong(++failures);
      LOG.error(
          "{} refused the configuration; updates wait until it is fixed, next try in {} ms: {}",
          vendor,
          wait,
          e.getMessage());
      return Math.max(1, wait);
    }
    dropped.incrementAndGet();
    outbox.remove(entry.id());
    LOG.error(
        "{} {} of {} (record {}) cannot be delivered; it is dropped, the evidence chain still"
            + " holds it: {}",
        vendor,
        entry.kind(),
        entry.ticket(),
        entry.recordId(),
        failure instanceof ProviderException ? failure.getMessage() : failure.toString());
    return 0;
  }

  private void pauseQuietly(long millis) {
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
   * Stops delivery for good and returns once the thread has ended: a delivery in progress is
   * interrupted (its request abandoned, its wait cut short) and its entry stays in the outbox.
   * After this returns nothing is sent and the outbox is not touched, so its store may be closed.
   * Should the thread not end within a minute (a store call that does not return), this logs an
   * error and returns; the thread still starts no delivery, and the caller closes its transport so
   * that it cannot send. Idempotent.
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
      StackTraceElement[] stack = thread.getStackTrace();
      LOG.error(
          "{} outbox thread {} did not stop within {} s of close; it is stuck in {}",
          vendor,
          thread.getName(),
          STOP_WAIT.toSeconds(),
          stack.length > 0 ? stack[0] : "an unknown place");
    }
  }

  /** Settings for an {@link OutboxDelivery}. */
  public static final class Builder {
    private final String vendor;
    private final Outbox outbox;
    private final Delivery delivery;
    private Clock clock = Clock.systemUTC();
    private IntToLongFunction backoff = attempt -> 1000L;
    private Runnable refill = () -> {};
    private @Nullable Duration refillEvery;
    private String threadName;

    private Builder(String vendor, Outbox outbox, Delivery delivery) {
      this.vendor = requireNonNull(vendor, "vendor");
      this.outbox = requireNonNull(outbox, "outbox");
      this.delivery = requireNonNull(delivery, "delivery");
      this.threadName = "accessgov-" + vendor.toLowerCase(Locale.ROOT) + "-outbox";
    }

    /** The clock a {@link RateLimitedException#retryAt()} is measured against. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The pause after the n-th consecutive failure (n from 1), in milliseconds; usually {@link
     * BudgetedRetry#backoffMillis}.
     */
    public Builder backoff(IntToLongFunction backoff) {
      this.backoff = requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * A step run on the delivery thread before delivering: at the start, every {@code every}, and
     * soon after {@link OutboxDelivery#refillSoon()}; it typically queues entries for what the
     * store says is behind, so that work committed just before a crash is delivered after the
     * restart.
     */
    public Builder refill(Runnable step, Duration every) {
      this.refill = requireNonNull(step, "step");
      if (every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("the refill period must be positive, not " + every);
      }
      this.refillEvery = every;
      return this;
    }

    /** The delivery thread's name, for thread dumps. */
    public Builder threadName(String name) {
      this.threadName = requireNonNull(name, "name");
      return this;
    }

    /** The delivery, not yet started. */
    public OutboxDelivery build() {
      return new OutboxDelivery(this);
    }
  }
}
