package dev.accessgov.jdbc.internal;

import dev.accessgov.evidence.LogTree;
import dev.accessgov.evidence.Merkle;
import dev.accessgov.evidence.Subtree;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SQL for the evidence log's Merkle tree: {@code ag_tree_node} holds the hash of every complete
 * subtree, keyed by level and index, and the head row holds the right edge. Not API.
 */
final class TreeRows {
  private static final HexFormat HEX = HexFormat.of();

  private TreeRows() {}

  /** The tree of {@code size} leaves whose edge the head row holds as {@code text}. */
  static LogTree edge(long size, String text) throws SQLException {
    int count = Long.bitCount(size);
    if (text == null || text.length() != count * 2 * Merkle.HASH_BYTES) {
      throw new SQLException(
          "the Merkle tree edge in ag_chain_head does not fit a tree of " + size + " events",
          "55000");
    }
    List<byte[]> edge = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = i * 2 * Merkle.HASH_BYTES;
      edge.add(HEX.parseHex(text, from, from + 2 * Merkle.HASH_BYTES));
    }
    return LogTree.resume(size, edge);
  }

  /** The edge of {@code tree} as the head row keeps it. */
  static String edgeText(LogTree tree) {
    StringBuilder text = new StringBuilder();
    for (byte[] hash : tree.edge()) {
      text.append(HEX.formatHex(hash));
    }
    return text.toString();
  }

  /** Subtrees completed by the appends of one transaction, inserted together. */
  static final class Batch implements LogTree.CompletedSubtrees {
    private final List<Subtree> subtrees = new ArrayList<>();
    private final List<byte[]> hashes = new ArrayList<>();

    @Override
    public void completed(Subtree subtree, byte[] hash) {
      subtrees.add(subtree);
      hashes.add(hash);
    }

    void insert(Connection c) throws SQLException {
      if (subtrees.isEmpty()) {
        return;
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO ag_tree_node (level, idx, hash) VALUES (?, ?, ?)")) {
        for (int i = 0; i < subtrees.size(); i++) {
          ps.setInt(1, subtrees.get(i).level());
          ps.setLong(2, subtrees.get(i).index());
          ps.setBytes(3, hashes.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  /**
   * The hashes of {@code subtrees}, in order, in one statement: per level, {@code level = ? AND idx
   * IN (...)}, joined with {@code UNION ALL}, so every database answers from the primary key (an
   * {@code OR} of pairs made H2 scan the table: 20 s per proof at 10 M events).
   *
   * @throws IllegalArgumentException if one is not in the table: not complete in the log
   */
  static List<byte[]> hashes(Connection c, List<Subtree> subtrees) throws SQLException {
    Map<Integer, List<Long>> byLevel = new java.util.TreeMap<>();
    for (Subtree subtree : subtrees) {
      byLevel.computeIfAbsent(subtree.level(), l -> new ArrayList<>()).add(subtree.index());
    }
    StringBuilder sql = new StringBuilder();
    for (Map.Entry<Integer, List<Long>> level : byLevel.entrySet()) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT level, idx, hash FROM ag_tree_node WHERE level = ? AND idx IN (")
          .append("?, ".repeat(level.getValue().size() - 1))
          .append("?)");
    }
    Map<Subtree, byte[]> found = new HashMap<>();
    if (!byLevel.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int p = 1;
        for (Map.Entry<Integer, List<Long>> level : byLevel.entrySet()) {
          ps.setInt(p++, level.getKey());
          for (long index : level.getValue()) {
            ps.setLong(p++, index);
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(new Subtree(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
          }
        }
      }
    }
    List<byte[]> hashes = new ArrayList<>(subtrees.size());
    for (Subtree subtree : subtrees) {
      byte[] hash = found.get(subtree);
      if (hash == null) {
        throw new IllegalArgumentException(subtree + " is not complete in this log");
      }
      hashes.add(hash);
    }
    return hashes;
  }
}
