package dev.accessgov.internal;

import dev.accessgov.record.RecordId;
import dev.accessgov.spi.RecordLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This service's side of {@link RecordLeases}: its owner id, the claims written with its intents,
 * renewal while it works, release when it is done, and the one clock every lease time is written
 * and compared with. Not API.
 */
final class Leases {
  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  private final RecordLeases store;
  private final String owner;
  private final Duration duration;
  private final Clock clock;
  private final Duration renewEvery;
  private final AtomicReference<@Nullable Instant> lastRenewal = new AtomicReference<>();

  Leases(RecordLeases store, String owner, Duration duration, Clock clock) {
    this.store = store;
    this.owner = owner;
    this.duration = duration;
    this.clock = clock;
    this.renewEvery = duration.dividedBy(3);
  }

  /** The owner id this service writes into its leases. */
  String owner() {
    return owner;
  }

  /** A claim for an intent committed now: this owner, lapsing one lease duration from now. */
  RecordLeases.Claim claim() {
    Instant now = clock.instant();
    lastRenewal.compareAndSet(null, now);
    return new RecordLeases.Claim(owner, now.plus(duration));
  }

  /**
   * Renews every lease of this owner when more than a third of the lease duration has passed since
   * the last renewal (or claim), so a lease has at least two thirds of its duration left when a
   * provider call starts. Called before each provider call; cheap when nothing is due. A failed
   * renewal is logged and left to the next call: the leases still run until they lapse.
   */
  void renewIfDue() {
    Instant now = clock.instant();
    Instant last = lastRenewal.get();
    if (last != null && Duration.between(last, now).compareTo(renewEvery) < 0) {
      return;
    }
    if (!lastRenewal.compareAndSet(last, now)) {
      return; // another thread renews right now
    }
    try {
      store.renew(owner, now.plus(duration));
    } catch (RuntimeException e) {
      lastRenewal.compareAndSet(now, last);
      log.warn("renewing the leases of {} failed; trying again before the next call", owner, e);
    }
  }

  /** The stored leases of these records. */
  Map<RecordId, RecordLeases.Lease> find(Collection<RecordId> records) {
    return store.find(records);
  }

  /** Whether {@code lease} (null: none) has lapsed for at least {@code grace} by this clock. */
  boolean lapsed(RecordLeases.@Nullable Lease lease, Duration grace) {
    return lease == null || lease.until().plus(grace).compareTo(clock.instant()) <= 0;
  }

  /** Takes over {@code lapsed} (null: no lease); false when another took it first. */
  boolean takeOver(RecordId id, RecordLeases.@Nullable Lease lapsed) {
    return store.takeOver(id, lapsed, claim());
  }

  /**
   * Ends this owner's lease on the record now, when it holds one. A failure is only logged: the
   * lease then lapses on its own and recovery takes the record over.
   */
  void release(RecordId id) {
    try {
      store.release(id, owner, clock.instant());
    } catch (RuntimeException e) {
      log.warn("releasing the lease of {} on {} failed; it lapses on its own", owner, id, e);
    }
  }
}
