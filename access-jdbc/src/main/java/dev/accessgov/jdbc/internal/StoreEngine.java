package dev.accessgov.jdbc.internal;

import dev.accessgov.NotFoundException;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.TreeNodes;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.Admissions;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.GovernanceStore.ItemDecidedException;
import dev.accessgov.spi.RecordLeases;
import dev.accessgov.spi.StaleRecordException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The transactions of {@link dev.accessgov.jdbc.JdbcAccessStore}: each public method is one
 * transaction (or one read) against the schema {@link Schema} maintains. Not API.
 */
public final class StoreEngine {

  private final Transactions tx;
  private final GroupCommit writes;
  private final Schema.Vendor vendor;
  private final JdbcGovernance governance;

  /** An engine over an already migrated database; {@code name} names its appender thread. */
  public StoreEngine(DataSource dataSource, Schema.Vendor vendor, String name) {
    this.tx = new Transactions(dataSource);
    this.writes = new GroupCommit(dataSource, vendor, name);
    this.vendor = vendor;
    this.governance = new JdbcGovernance(tx, writes);
  }

  /**
   * Campaigns, items, reminders, reclaim notices and exemptions in the same database; written
   * through the same group commit as the records.
   */
  public GovernanceStore governance() {
    return governance;
  }

  /** Stops the appender thread; writes waiting for it fail. */
  public void close() {
    writes.close();
  }

  /** See {@link dev.accessgov.spi.AccessStore#insert}. */
  public AccessRecord insert(
      AccessRecord record,
      List<EvidenceDraft> drafts,
      Admission admission,
      RecordLeases.@Nullable Claim lease) {
    String key = record.idempotencyKey();
    boolean decides = drafts.stream().anyMatch(d -> GovernanceStore.settles(d).isPresent());
    if (key != null && !decides) {
      Optional<AccessRecord> existing = byKey(key);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    // Under the head lock every insert of every process is serialised, so checking the key and
    // the id first cannot race another insert: no unique violation can abort the batch. For the
    // same reason the subject's live records read here cannot change before the commit: this is
    // where admission is atomic.
    return writes.submit(
        "insert",
        (c, chain) -> {
          String existing = key == null ? null : RecordRows.idByKey(c, key);
          if (existing != null) {
            // A decision riding on an insert that finds its record is refused all the same.
            Settlement.check(c, drafts);
            return RecordRows.byId(c, existing).get(0);
          }
          if (RecordRows.version(c, record.id().value()) != null) {
            throw new IllegalArgumentException("record " + record.id() + " already exists");
          }
          if (record.state().isLive()) {
            Admissions.check(record, RecordRows.liveOf(c, record.subject().value()), admission);
          }
          List<Settlement.Settles> settles = Settlement.check(c, drafts);
          List<EvidenceEvent> sealed = chain.seal(drafts);
          long lastSeq = sealed.isEmpty() ? 0 : sealed.get(sealed.size() - 1).seq();
          RecordRows.insert(c, record, lastSeq);
          if (lease != null) {
            LeaseRows.put(c, vendor, record.id().value(), lease);
          }
          Settlement.write(c, settles, sealed);
          chain.append(c, sealed);
          return record.toBuilder().version(1).timeline(sealed).build();
        });
  }

  private Optional<AccessRecord> byKey(String key) {
    return tx.read(
        "insert",
        c -> {
          String id = RecordRows.idByKey(c, key);
          return id == null ? Optional.empty() : RecordRows.byId(c, id).stream().findFirst();
        });
  }

  /** See {@link dev.accessgov.spi.AccessStore#update}. */
  public AccessRecord update(
      AccessRecord next, List<EvidenceDraft> drafts, RecordLeases.@Nullable Claim lease) {
    return writes.submit("update", (c, chain) -> apply(c, chain, next, drafts, lease));
  }

  /**
   * See {@link dev.accessgov.spi.AccessStore#updateAll}: every update in one transaction and one
   * commit, a stale one, or one deciding an item that cannot take it, skipped (null) without
   * leaving a gap in the chain: {@link #apply} refuses before it writes or appends anything.
   */
  public List<@Nullable AccessRecord> updateAll(List<AccessStore.Update> updates) {
    if (updates.isEmpty()) {
      return List.of();
    }
    return writes.submit(
        "updateAll",
        (c, chain) -> {
          List<@Nullable AccessRecord> stored = new ArrayList<>(updates.size());
          for (AccessStore.Update u : updates) {
            try {
              stored.add(apply(c, chain, u.next(), u.events(), u.lease()));
            } catch (StaleRecordException | ItemDecidedException skipped) {
              stored.add(null);
            }
          }
          return stored;
        });
  }

  /**
   * One update inside a write transaction, with the record's lease: {@code lease} stored when
   * given, the lease dropped when the record leaves flight, and the items its decision events
   * settle. Throws when stale or missing, or when a decision's item cannot take it, writing
   * nothing.
   */
  private AccessRecord apply(
      Connection c,
      Chain chain,
      AccessRecord next,
      List<EvidenceDraft> drafts,
      RecordLeases.@Nullable Claim lease)
      throws SQLException {
    // Checked and sealed first, appended only if the version matches: a refused write leaves no
    // gap.
    List<Settlement.Settles> settles = Settlement.check(c, drafts);
    List<EvidenceEvent> sealed = chain.seal(drafts);
    Long lastSeq = sealed.isEmpty() ? null : sealed.get(sealed.size() - 1).seq();
    // The service passes the timeline it read; when it ends where the stored one ends it is
    // the stored one (timelines change only with the version), so it need not be re-read.
    List<EvidenceEvent> given = next.timeline();
    Long givenLast = given.isEmpty() ? null : given.get(given.size() - 1).seq();
    boolean reuse = givenLast != null && RecordRows.update(c, next, lastSeq, givenLast);
    if (!reuse && !RecordRows.update(c, next, lastSeq, null)) {
      Long stored = RecordRows.version(c, next.id().value());
      if (stored == null) {
        throw new NotFoundException("no access record " + next.id());
      }
      throw new StaleRecordException(next.id().value(), next.version(), stored);
    }
    if (lease != null) {
      LeaseRows.put(c, vendor, next.id().value(), lease);
    } else if (!next.state().isInFlight()) {
      LeaseRows.drop(c, next.id().value());
    }
    Settlement.write(c, settles, sealed);
    chain.append(c, sealed);
    List<EvidenceEvent> timeline = new ArrayList<>();
    if (reuse) {
      timeline.addAll(given);
      timeline.addAll(sealed);
    } else {
      timeline.addAll(
          EvidenceRows.timelines(c, List.of(next.id().value()))
              .getOrDefault(next.id().value(), List.of()));
    }
    return next.toBuilder().version(next.version() + 1).timeline(timeline).build();
  }

  /** See {@link dev.accessgov.spi.AccessStore#appendEvidence}. */
  public EvidenceEvent appendEvidence(EvidenceDraft draft) {
    return writes.submit(
        "appendEvidence",
        (c, chain) -> {
          List<EvidenceEvent> sealed = chain.seal(List.of(draft));
          chain.append(c, sealed);
          return sealed.get(0);
        });
  }

  /** See {@link dev.accessgov.spi.AccessStore#find}. */
  public Optional<AccessRecord> find(RecordId id) {
    return tx.read("find", c -> RecordRows.byId(c, id.value()).stream().findFirst());
  }

  /** See {@link dev.accessgov.spi.AccessStore#query}. */
  public List<AccessRecord> query(RecordQuery query) {
    return tx.read("query", c -> RecordRows.query(c, query));
  }

  /** See {@link dev.accessgov.spi.AccessStore#dueForExpiry}. */
  public List<AccessRecord> dueForExpiry(Instant now, int limit) {
    return tx.read("dueForExpiry", c -> RecordRows.due(c, now, limit));
  }

  /** See {@link dev.accessgov.spi.AccessStore#evidenceSize}. */
  public long evidenceSize() {
    return tx.read("evidenceSize", EvidenceRows::size);
  }

  /** See {@link dev.accessgov.spi.AccessStore#evidence}. */
  public List<EvidenceEvent> evidence(long fromSeq, int limit) {
    if (limit == 0) {
      return List.of();
    }
    long to = fromSeq + limit - 1 < fromSeq ? Long.MAX_VALUE : fromSeq + limit - 1;
    return tx.read("evidence", c -> EvidenceRows.range(c, fromSeq, to));
  }

  /** See {@link dev.accessgov.spi.AccessStore#evidenceTree}. */
  public TreeNodes evidenceTree() {
    return subtrees -> tx.read("evidenceTree", c -> TreeRows.hashes(c, subtrees));
  }

  /** See {@link dev.accessgov.spi.AccessStore#saveCheckpoint}. */
  public void saveCheckpoint(Checkpoint checkpoint) {
    tx.execute(
        "saveCheckpoint",
        c -> {
          long size = EvidenceRows.size(c);
          if (checkpoint.size() > size) {
            throw new IllegalArgumentException(
                "checkpoint covers " + checkpoint.size() + " events but the chain has " + size);
          }
          EvidenceRows.insertCheckpoint(c, checkpoint);
        });
  }

  /** See {@link dev.accessgov.spi.AccessStore#checkpoints}. */
  public List<Checkpoint> checkpoints() {
    return tx.read("checkpoints", EvidenceRows::checkpoints);
  }

  /** See {@link dev.accessgov.spi.AccessStore#latestCheckpoint}. */
  public Optional<Checkpoint> latestCheckpoint() {
    return tx.read("latest checkpoint", EvidenceRows::latestCheckpoint);
  }
}
