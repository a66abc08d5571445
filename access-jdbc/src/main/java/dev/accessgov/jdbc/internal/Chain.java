package dev.accessgov.jdbc.internal;

import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.spi.EvidenceSealing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The chain head inside one appending transaction: locked when read ({@code SELECT ... FOR
 * UPDATE}), so writers in every thread and process take turns and each continues from the previous
 * writer's last hash; moved forward as writes of the transaction succeed, and stored once before
 * the commit. Not API.
 */
final class Chain {
  private long seq;
  private String hash;
  private final long startSeq;

  private Chain(long seq, String hash) {
    this.seq = seq;
    this.hash = hash;
    this.startSeq = seq;
  }

  /**
   * Reads the head and holds it until the transaction ends: a row lock where the database has them
   * ({@code FOR UPDATE}); SQLite's transactions take the database's write lock as they begin
   * ({@code BEGIN IMMEDIATE}, see {@link Schema.Vendor#SQLITE}), which serialises writers as well.
   */
  static Chain lock(Connection c, Schema.Vendor vendor) throws SQLException {
    String forUpdate = vendor == Schema.Vendor.SQLITE ? "" : " FOR UPDATE";
    try (PreparedStatement ps =
            c.prepareStatement("SELECT seq, hash FROM ag_chain_head WHERE id = 1" + forUpdate);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the evidence chain head row is missing", "55000");
      }
      return new Chain(rs.getLong(1), rs.getString(2));
    }
  }

  /** The drafts sealed after the head, without moving it: a write may still be refused. */
  List<EvidenceEvent> seal(List<EvidenceDraft> drafts) {
    return EvidenceSealing.seal(drafts, seq, hash);
  }

  /** Inserts events {@link #seal} returned and moves the head past them. */
  void append(Connection c, List<EvidenceEvent> sealed) throws SQLException {
    if (sealed.isEmpty()) {
      return;
    }
    EvidenceRows.insert(c, sealed);
    EvidenceEvent last = sealed.get(sealed.size() - 1);
    seq = last.seq();
    hash = last.hash();
  }

  /** Writes the head row if it moved; call once, before the commit. */
  void store(Connection c) throws SQLException {
    if (seq == startSeq) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE ag_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.executeUpdate();
    }
  }
}
