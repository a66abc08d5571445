package dev.accessgov.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;
import dev.accessgov.spi.RecordLeases;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RecordLeases} of {@link dev.accessgov.jdbc.JdbcAccessStore}, in the {@code ag_lease}
 * table. Every method is one short transaction of one statement; a takeover is a conditional UPDATE
 * (or an INSERT that a conflicting row turns into nothing), so of two racing instances the database
 * lets exactly one change the row. Not API.
 */
public final class JdbcLeases implements RecordLeases {
  private final Transactions tx;
  private final Schema.Vendor vendor;

  /** Leases in the already migrated database behind {@code dataSource}. */
  public JdbcLeases(DataSource dataSource, Schema.Vendor vendor) {
    this.tx = new Transactions(dataSource);
    this.vendor = vendor;
  }

  @Override
  public Map<RecordId, Lease> find(Collection<RecordId> records) {
    List<RecordId> ids = List.copyOf(requireNonNull(records, "records"));
    return ids.isEmpty() ? Map.of() : tx.read("leases.find", c -> LeaseRows.find(c, ids));
  }

  @Override
  public boolean takeOver(RecordId record, @Nullable Lease expected, Claim claim) {
    requireNonNull(record, "record");
    requireNonNull(claim, "claim");
    if (expected != null && !expected.recordId().equals(record)) {
      throw new IllegalArgumentException(
          "expected lease is on " + expected.recordId() + ", not on " + record);
    }
    return tx.write(
        "leases.takeOver",
        c ->
            expected == null
                ? LeaseRows.insertIfAbsent(c, vendor, record.value(), claim)
                : LeaseRows.replace(c, expected, claim));
  }

  @Override
  public int renew(String owner, Instant until) {
    requireNonNull(owner, "owner");
    long nanos = Instants.toNanos(requireNonNull(until, "until"));
    return tx.write("leases.renew", c -> LeaseRows.renew(c, owner, nanos));
  }

  @Override
  public boolean release(RecordId record, String owner, Instant at) {
    requireNonNull(record, "record");
    requireNonNull(owner, "owner");
    long nanos = Instants.toNanos(requireNonNull(at, "at"));
    return tx.write("leases.release", c -> LeaseRows.release(c, record.value(), owner, nanos));
  }

  /**
   * Lapses every lease, for a store that only this process can have open (the embedded one): any
   * lease found there belongs to a process that died.
   *
   * @return how many leases were lapsed
   */
  public int lapseAll() {
    return tx.write("leases.lapseAll", LeaseRows::lapseAll);
  }

  @Override
  public String toString() {
    return "JdbcLeases[" + vendor + "]";
  }
}
