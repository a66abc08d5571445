package dev.accessgov.jdbc.internal;

import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.LogTree;
import dev.accessgov.evidence.Merkle;
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
 * the commit. It carries the Merkle tree's right edge ({@link LogTree}): each append adds the
 * subtrees its events complete to {@code ag_tree_node} in the same transaction ({@link TreeRows}).
 * Not API.
 */
final class Chain {
  /** Events read at a time while building the tree of events written before it was kept. */
  private static final int CATCH_UP_PAGE = 2048;

  private long seq;
  private String hash;
  private final LogTree tree;
  private final long startSeq;

  private Chain(long seq, String hash, LogTree tree) {
    this.seq = seq;
    this.hash = hash;
    this.tree = tree;
    this.startSeq = seq;
  }

  /**
   * Reads the head and holds it until the transaction ends: a row lock where the database has them
   * ({@code FOR UPDATE}); SQLite's transactions take the database's write lock as they begin
   * ({@code BEGIN IMMEDIATE}, see {@link Schema.Vendor#SQLITE}), which serialises writers as well.
   * When the tree lags the events (a store migrated from before the tree was kept, or events
   * written by hand), it is built from them first, in this transaction.
   */
  static Chain lock(Connection c, Schema.Vendor vendor) throws SQLException {
    String forUpdate = vendor == Schema.Vendor.SQLITE ? "" : " FOR UPDATE";
    long seq;
    String hash;
    LogTree tree;
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq, hash, tree_size, tree_edge FROM ag_chain_head WHERE id = 1"
                    + forUpdate);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the evidence chain head row is missing", "55000");
      }
      seq = rs.getLong(1);
      hash = rs.getString(2);
      tree = TreeRows.edge(rs.getLong(3), rs.getString(4));
    }
    Chain chain = new Chain(seq, hash, tree);
    if (tree.size() < seq) {
      chain.catchUp(c);
    }
    return chain;
  }

  /** Adds the events the tree does not hold yet, page by page, with their subtrees. */
  private void catchUp(Connection c) throws SQLException {
    while (tree.size() < seq) {
      long from = tree.size() + 1;
      List<EvidenceEvent> page =
          EvidenceRows.range(c, from, Math.min(seq, from + CATCH_UP_PAGE - 1));
      if (page.isEmpty() || page.get(0).seq() != from) {
        throw new SQLException(
            "evidence event " + from + " is missing; the tree cannot be built", "55000");
      }
      addToTree(c, page);
    }
    storeHead(c);
  }

  /** The drafts sealed after the head, without moving it: a write may still be refused. */
  List<EvidenceEvent> seal(List<EvidenceDraft> drafts) {
    return EvidenceSealing.seal(drafts, seq, hash);
  }

  /** Inserts events {@link #seal} returned, with their subtrees, and moves the head past them. */
  void append(Connection c, List<EvidenceEvent> sealed) throws SQLException {
    if (sealed.isEmpty()) {
      return;
    }
    EvidenceRows.insert(c, sealed);
    addToTree(c, sealed);
    EvidenceEvent last = sealed.get(sealed.size() - 1);
    seq = last.seq();
    hash = last.hash();
  }

  private void addToTree(Connection c, List<EvidenceEvent> events) throws SQLException {
    TreeRows.Batch nodes = new TreeRows.Batch();
    for (EvidenceEvent event : events) {
      tree.append(Merkle.leafHash(event), nodes);
    }
    nodes.insert(c);
  }

  /** Writes the head row if it moved; call once, before the commit. */
  void store(Connection c) throws SQLException {
    if (seq == startSeq) {
      return;
    }
    storeHead(c);
  }

  private void storeHead(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_chain_head SET seq = ?, hash = ?, tree_size = ?, tree_edge = ?"
                + " WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.setLong(3, tree.size());
      ps.setString(4, TreeRows.edgeText(tree));
      ps.executeUpdate();
    }
  }
}
