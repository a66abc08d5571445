package dev.accessgov.jdbc.internal;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceDetails;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for the evidence chain: the head row, the events and the checkpoints. Appending locks the
 * head row ({@code SELECT ... FOR UPDATE}) for the rest of the transaction, so writers in every
 * thread and process take turns and each sees the previous writer's last hash: the chain stays
 * gapless. Not API.
 */
final class EvidenceRows {
  private static final String EVENT_COLUMNS =
      "seq, record_id, type, actor, time_ms, details, prev_hash, hash";
  private static final int IN_CHUNK = 1000;

  private EvidenceRows() {}

  static void insert(Connection c, List<EvidenceEvent> sealed) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ag_evidence (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (EvidenceEvent e : sealed) {
        ps.setLong(1, e.seq());
        ps.setString(2, e.recordId());
        ps.setString(3, e.type().name());
        ps.setString(4, e.actor());
        ps.setLong(5, e.time().toEpochMilli());
        ps.setString(6, DetailsJson.write(e.details()));
        ps.setString(7, e.prevHash());
        ps.setString(8, e.hash());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The sequence of the last committed event, 0 for an empty chain. */
  static long size(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM ag_chain_head WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Events {@code from} to {@code to}, inclusive, in order. */
  static List<EvidenceEvent> range(Connection c, long from, long to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM ag_evidence WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      List<EvidenceEvent> events = new ArrayList<>((int) Math.min(to - from + 1, 4096));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(read(rs));
        }
      }
      return events;
    }
  }

  /** The events of each record, in chain order. */
  static Map<String, List<EvidenceEvent>> timelines(Connection c, List<String> recordIds)
      throws SQLException {
    Map<String, List<EvidenceEvent>> byRecord = new HashMap<>();
    for (int from = 0; from < recordIds.size(); from += IN_CHUNK) {
      List<String> chunk = recordIds.subList(from, Math.min(from + IN_CHUNK, recordIds.size()));
      String sql =
          "SELECT "
              + EVENT_COLUMNS
              + " FROM ag_evidence WHERE record_id IN ("
              + "?, ".repeat(chunk.size() - 1)
              + "?) ORDER BY seq";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            EvidenceEvent e = read(rs);
            byRecord.computeIfAbsent(e.recordId(), k -> new ArrayList<>()).add(e);
          }
        }
      }
    }
    return byRecord;
  }

  static void insertCheckpoint(Connection c, Checkpoint cp) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ag_checkpoint_note (size, time_ms, note) VALUES (?, ?, ?)")) {
      ps.setLong(1, cp.size());
      ps.setLong(2, cp.time().toEpochMilli());
      ps.setString(3, cp.note());
      ps.executeUpdate();
    }
  }

  /**
   * The latest checkpoint: the largest, then the last signed; among equals the first stored, as
   * {@code Checkpoint.latest} picks. One row through the {@code (size, time_ms)} index.
   */
  static Optional<Checkpoint> latestCheckpoint(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT note FROM ag_checkpoint_note ORDER BY size DESC, time_ms DESC, id LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(Checkpoint.parse(rs.getString(1))) : Optional.empty();
    }
  }

  /** Every checkpoint, smallest first, then in the order they were signed. */
  static List<Checkpoint> checkpoints(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT note FROM ag_checkpoint_note ORDER BY size, time_ms, id");
        ResultSet rs = ps.executeQuery()) {
      List<Checkpoint> all = new ArrayList<>();
      while (rs.next()) {
        all.add(Checkpoint.parse(rs.getString(1)));
      }
      return all;
    }
  }

  private static EvidenceEvent read(ResultSet rs) throws SQLException {
    return new EvidenceEvent(
        rs.getLong(1),
        rs.getString(2),
        EvidenceType.valueOf(rs.getString(3)),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        EvidenceDetails.copyOf(DetailsJson.read(rs.getString(6))),
        rs.getString(7),
        rs.getString(8));
  }
}
