package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;
import dev.accessgov.spi.RecordLeases;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RecordLeases} of an {@link InMemoryAccessStore}: one map, each lease replaced
 * atomically by the map's compare-and-set operations, so a takeover needs no lock; the store writes
 * leases with intents under its own write lock.
 */
final class InMemoryLeases implements RecordLeases {
  private final Map<RecordId, Lease> leases = new ConcurrentHashMap<>();

  /** Stores {@code claim} as the lease of {@code record}, replacing any; for intents. */
  void put(RecordId record, Claim claim) {
    leases.put(record, claim.on(record));
  }

  /** Drops the lease of {@code record}, whoever holds it; for records leaving flight. */
  void drop(RecordId record) {
    leases.remove(record);
  }

  @Override
  public Map<RecordId, Lease> find(Collection<RecordId> records) {
    requireNonNull(records, "records");
    Map<RecordId, Lease> found = new HashMap<>();
    for (RecordId id : records) {
      Lease lease = leases.get(requireNonNull(id, "record"));
      if (lease != null) {
        found.put(id, lease);
      }
    }
    return found;
  }

  @Override
  public boolean takeOver(RecordId record, @Nullable Lease expected, Claim claim) {
    requireNonNull(record, "record");
    requireNonNull(claim, "claim");
    if (expected == null) {
      return leases.putIfAbsent(record, claim.on(record)) == null;
    }
    if (!expected.recordId().equals(record)) {
      throw new IllegalArgumentException(
          "expected lease is on " + expected.recordId() + ", not on " + record);
    }
    return leases.replace(record, expected, claim.on(record));
  }

  @Override
  public int renew(String owner, Instant until) {
    requireNonNull(owner, "owner");
    requireNonNull(until, "until");
    int renewed = 0;
    for (Map.Entry<RecordId, Lease> e : leases.entrySet()) {
      Lease held = e.getValue();
      if (held.owner().equals(owner)
          && leases.replace(e.getKey(), held, new Lease(e.getKey(), owner, until))) {
        renewed++;
      }
    }
    return renewed;
  }

  @Override
  public boolean release(RecordId record, String owner, Instant at) {
    requireNonNull(record, "record");
    requireNonNull(owner, "owner");
    requireNonNull(at, "at");
    Lease held = leases.get(record);
    return held != null
        && held.owner().equals(owner)
        && leases.replace(record, held, new Lease(record, owner, at));
  }

  @Override
  public String toString() {
    return "InMemoryLeases[" + leases.size() + " leases]";
  }
}
