package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who is working on an in-flight record ({@code PROVISIONING} or {@code DEPROVISIONING}), and until
 * when: the lease that keeps several service instances on one store from doing the same work. A
 * lease names its owner (one id per running {@code AccessService}) and the instant it lapses, by
 * the owner's own clock; the owner renews it while it works and releases it when it is done. An
 * in-flight record whose lease has lapsed, or that has none (written by an earlier version, or
 * released after a provider failure), belongs to nobody and may be taken over by {@code recover()}.
 * Reached through {@link AccessStore#leases()}. The promises, each checked by {@code
 * dev.accessgov.testkit.AccessStoreContract}:
 *
 * <ul>
 *   <li><b>Written with the intent.</b> A lease {@link Claim} passed to {@link AccessStore#insert(
 *       dev.accessgov.record.AccessRecord, java.util.List, Admission, Claim)} or {@link
 *       AccessStore#update(dev.accessgov.record.AccessRecord, java.util.List, Claim)} (or carried
 *       by an {@link AccessStore.Update}) is stored in the same transaction as the record,
 *       replacing any lease the record had: there is no moment at which an in-flight record has no
 *       owner, and a refused write stores no lease.
 *   <li><b>One owner.</b> A record has at most one lease, so at most one owner holds an unlapsed
 *       lease on it.
 *   <li><b>Atomic takeover.</b> {@link #takeOver} replaces a lease only while it is exactly the one
 *       the caller saw (owner and lapse instant), in one atomic step: of two instances racing to
 *       take over the same lapsed lease, exactly one succeeds.
 *   <li><b>Renewal.</b> {@link #renew} moves the lapse instant of every lease an owner holds, in
 *       one step, so a batch of hundreds of records waiting their turn stays owned.
 *   <li><b>Release.</b> A write of a record in a state that is not in flight drops the record's
 *       lease in the same transaction (work that ends, ends its lease). Work that stops with the
 *       record still in flight (a provider failed) {@link #release releases} the lease: it stays,
 *       naming its last owner, but lapses at once; only the holder can do that.
 * </ul>
 *
 * <p>This interface never compares times: whether a lease has lapsed is decided by the caller, on
 * its one clock. Implementations are thread-safe (and, for shared stores, safe across processes);
 * arguments are never null unless marked. Failures of the underlying system are {@link
 * dev.accessgov.ProviderException}s.
 */
public interface RecordLeases {

  /**
   * A lease as stored.
   *
   * @param recordId the in-flight record
   * @param owner who works on it: the id of one running service
   * @param until when the lease lapses unless renewed, by the owner's clock
   */
  record Lease(RecordId recordId, String owner, Instant until) {
    /**
     * The lapse instant of a lease whose owner is known to have ended, with no time known for it: a
     * single-process store opened by a new process sets every lease it finds to this, since the
     * process that held them died. Recovery takes such a record at once and names the owner without
     * claiming when its lease lapsed.
     */
    public static final Instant OWNER_ENDED = Instant.EPOCH;

    /** Checks the fields. */
    public Lease {
      requireNonNull(recordId, "recordId");
      requireNonNull(owner, "owner");
      requireNonNull(until, "until");
    }

    /** Whether the store knows the owner ended: the lapse instant is {@link #OWNER_ENDED}. */
    public boolean ownerEnded() {
      return until.equals(OWNER_ENDED);
    }

    /** Whether the lease has lapsed at {@code now}: its lapse instant is not after it. */
    public boolean lapsedAt(Instant now) {
      return !until.isAfter(now);
    }
  }

  /**
   * A lease to be written: by whom and until when.
   *
   * @param owner the id of the running service that takes the lease; not blank
   * @param until when the lease lapses unless renewed
   */
  record Claim(String owner, Instant until) {
    /** Checks the fields. */
    public Claim {
      requireNonNull(owner, "owner");
      requireNonNull(until, "until");
      if (owner.isBlank() || owner.length() > 200) {
        throw new IllegalArgumentException(
            "a lease owner must be 1 to 200 characters, not blank; was '" + owner + "'");
      }
    }

    /** The lease this claim makes on {@code record}. */
    public Lease on(RecordId record) {
      return new Lease(record, owner, until);
    }
  }

  /**
   * The stored leases of these records; a record without a lease is absent from the map. A read
   * only, consistent per lease.
   */
  Map<RecordId, Lease> find(Collection<RecordId> records);

  /**
   * Takes the lease of {@code record} for {@code claim}, atomically, only while the stored lease is
   * exactly {@code expected} (same owner and lapse instant), or, when {@code expected} is null,
   * while the record has no lease. Of several callers passing the same {@code expected}, at most
   * one succeeds. Whether {@code expected} has lapsed is for the caller to decide; this method does
   * not look at times.
   *
   * @return true when the lease is now {@code claim}'s; false when the stored lease was not {@code
   *     expected} (nothing is written)
   */
  boolean takeOver(RecordId record, @Nullable Lease expected, Claim claim);

  /**
   * Sets the lapse instant of every lease {@code owner} holds to {@code until}, in one atomic step.
   * Idempotent; a lease taken over by another owner meanwhile is not touched.
   *
   * @return how many leases were renewed
   */
  int renew(String owner, Instant until);

  /**
   * Ends {@code owner}'s lease of {@code record} at {@code at}: when {@code owner} holds it, its
   * lapse instant becomes {@code at} and its owner stays named, for the evidence of whoever takes
   * the record over; otherwise writes nothing. Idempotent.
   *
   * @return true when {@code owner} held the lease
   */
  boolean release(RecordId record, String owner, Instant at);
}
