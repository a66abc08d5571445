package dev.accessgov.jdbc;

import static java.util.Objects.requireNonNull;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.TreeNodes;
import dev.accessgov.jdbc.internal.JdbcLeases;
import dev.accessgov.jdbc.internal.OutboxRows;
import dev.accessgov.jdbc.internal.Schema;
import dev.accessgov.jdbc.internal.StoreEngine;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.RecordLeases;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AccessStore} in a relational database (H2 or PostgreSQL), opened with {@link
 * AccessStores}. Every write is one database transaction: a record's new state and the evidence
 * that explains it commit together or not at all, and a committed write survives the process being
 * killed. Appends to the evidence chain lock the chain's head row, so the chain stays gapless and
 * valid with any number of threads and processes writing one database.
 *
 * <p>Failures of the database are {@link dev.accessgov.ProviderException}s with provider id {@code
 * jdbc}, {@code retryable} for lost connections, an exhausted pool, deadlocks and servers
 * restarting, not for a read-only or full database. Thread-safe. {@link #close()} releases the
 * connection pool when the store opened it itself.
 */
public final class JdbcAccessStore implements AccessStore, AutoCloseable {
  private final DataSource dataSource;
  private final Schema.Vendor vendor;
  private final StoreEngine engine;
  private final JdbcLeases leases;
  private final @Nullable AutoCloseable ownedPool;
  private final String description;

  JdbcAccessStore(
      DataSource dataSource,
      Schema.Vendor vendor,
      @Nullable AutoCloseable ownedPool,
      String description) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.vendor = requireNonNull(vendor, "vendor");
    this.ownedPool = ownedPool;
    this.description = requireNonNull(description, "description");
    this.engine = new StoreEngine(dataSource, vendor, description);
    this.leases = new JdbcLeases(dataSource, vendor);
  }

  /** The data source this store writes; {@link AccessScheduler} keeps its tasks there too. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * A durable outbox named {@code name} in this store's database, for a ticketing provider (e.g.
   * {@code JiraTicketing.builder().outbox(store.outbox("jira"))}): updates waiting for the
   * ticketing system, and each record's ticket key, survive the process being killed and are
   * delivered after a restart. Each call is one short transaction. One process at a time should
   * deliver from an outbox.
   */
  public Outbox outbox(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an outbox name must not be blank");
    }
    return new OutboxRows(dataSource, name);
  }

  /** The database product. */
  Schema.Vendor vendor() {
    return vendor;
  }

  /** Whether the database is PostgreSQL (shared by several instances) rather than embedded. */
  public boolean isShared() {
    return vendor == Schema.Vendor.POSTGRESQL;
  }

  @Override
  public AccessRecord insert(
      AccessRecord record,
      List<EvidenceDraft> events,
      Admission admission,
      RecordLeases.@Nullable Claim lease) {
    requireNonNull(record, "record");
    requireNonNull(admission, "admission");
    return engine.insert(record, List.copyOf(requireNonNull(events, "events")), admission, lease);
  }

  @Override
  public AccessRecord update(
      AccessRecord next, List<EvidenceDraft> events, RecordLeases.@Nullable Claim lease) {
    requireNonNull(next, "next");
    return engine.update(next, List.copyOf(requireNonNull(events, "events")), lease);
  }

  /**
   * The leases on in-flight records, in the {@code ag_lease} table; a lease given with an intent is
   * written in the intent's transaction. In the embedded store, which one process at a time opens,
   * every lease found when the store opens is lapsed at once: its owner has died.
   */
  @Override
  public RecordLeases leases() {
    return leases;
  }

  /** One transaction and one commit for all of them; see {@link AccessStore#updateAll}. */
  @Override
  public List<@Nullable AccessRecord> updateAll(List<Update> updates) {
    requireNonNull(updates, "updates");
    return engine.updateAll(List.copyOf(updates));
  }

  /**
   * Campaigns and their items, reminders, reclaim notices and exemptions, in the {@code
   * ag_campaign}, {@code ag_review_item}, {@code ag_reminder}, {@code ag_reclaim_notice} and {@code
   * ag_exemption} tables. Written through the same transactions as the records, so a review
   * decision's evidence and the item's decision commit together, and of racing decisions on one
   * item, in any number of processes, exactly one commits.
   */
  @Override
  public GovernanceStore governance() {
    return engine.governance();
  }

  @Override
  public Optional<AccessRecord> find(RecordId id) {
    return engine.find(requireNonNull(id, "id"));
  }

  @Override
  public List<AccessRecord> query(RecordQuery query) {
    return engine.query(requireNonNull(query, "query"));
  }

  @Override
  public List<AccessRecord> dueForExpiry(Instant now, int limit) {
    requireNonNull(now, "now");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return limit == 0 ? List.of() : engine.dueForExpiry(now, limit);
  }

  @Override
  public EvidenceEvent appendEvidence(EvidenceDraft event) {
    return engine.appendEvidence(requireNonNull(event, "event"));
  }

  @Override
  public long evidenceSize() {
    return engine.evidenceSize();
  }

  @Override
  public List<EvidenceEvent> evidence(long fromSeq, int limit) {
    if (fromSeq < 1 || limit < 0) {
      throw new IllegalArgumentException("fromSeq must be >= 1 and limit >= 0");
    }
    return engine.evidence(fromSeq, limit);
  }

  @Override
  public TreeNodes evidenceTree() {
    return engine.evidenceTree();
  }

  @Override
  public void saveCheckpoint(Checkpoint checkpoint) {
    engine.saveCheckpoint(requireNonNull(checkpoint, "checkpoint"));
  }

  @Override
  public List<Checkpoint> checkpoints() {
    return engine.checkpoints();
  }

  @Override
  public Optional<Checkpoint> latestCheckpoint() {
    return engine.latestCheckpoint();
  }

  /**
   * Stops the store's writer thread, and closes the connection pool if this store opened it; a pool
   * passed in stays open.
   */
  @Override
  public void close() {
    engine.close();
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the connection pool failed", e);
      }
    }
  }

  /** Names the database kind and, for an embedded store, its location; never credentials. */
  @Override
  public String toString() {
    return "JdbcAccessStore[" + description + "]";
  }
}
