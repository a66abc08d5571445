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
 * subtree under one key, {@link #key}, and the head row holds the right edge. Not API.
 */
final class TreeRows {
  private static final HexFormat HEX = HexFormat.of();

  /** Levels are multiples of this in {@link #key}: the index has the 56 bits below. */
  private static final int LEVEL_SHIFT = 56;

  private TreeRows() {}

  /**
   * The {@code node} key of {@code subtree}: {@code level * 2^56 + index}. One BIGINT primary key
   * is one B-tree search on every database (migration V6); keys run level by level, so the few
   * upper nodes every proof reads share a few pages.
   */
  static long key(Subtree subtree) {
    if (subtree.index() >>> LEVEL_SHIFT != 0) {
      throw new IllegalArgumentException(subtree + " is beyond the 2^56 leaves a log can hold");
    }
    return ((long) subtree.level() << LEVEL_SHIFT) | subtree.index();
  }

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
          c.prepareStatement("INSERT INTO ag_tree_node (node, hash) VALUES (?, ?)")) {
        for (int i = 0; i < subtrees.size(); i++) {
          ps.setLong(1, key(subtrees.get(i)));
          ps.setBytes(2, hashes.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  /**
   * The hashes of {@code subtrees}, in order, in one statement: {@code node IN (...)}, answered
   * from the primary key by every database.
   *
   * @throws IllegalArgumentException if one is not in the table: not complete in the log
   */
  static List<byte[]> hashes(Connection c, List<Subtree> subtrees) throws SQLException {
    Map<Long, byte[]> found = new HashMap<>();
    if (!subtrees.isEmpty()) {
      String sql =
          "SELECT node, hash FROM ag_tree_node WHERE node IN ("
              + "?, ".repeat(subtrees.size() - 1)
              + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < subtrees.size(); i++) {
          ps.setLong(i + 1, key(subtrees.get(i)));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(rs.getLong(1), rs.getBytes(2));
          }
        }
      }
    }
    List<byte[]> hashes = new ArrayList<>(subtrees.size());
    for (Subtree subtree : subtrees) {
      byte[] hash = found.get(key(subtree));
      if (hash == null) {
        throw new IllegalArgumentException(subtree + " is not complete in this log");
      }
      hashes.add(hash);
    }
    return hashes;
  }
}
