package dev.accessgov.jdbc.internal;

import dev.accessgov.record.RecordId;
import dev.accessgov.spi.RecordLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL for the {@code ag_lease} table: one row per leased in-flight record. Writes made with an
 * intent run inside the record's transaction; the others are single statements, each atomic on its
 * own, which is what makes a takeover a compare-and-set. Not API.
 */
final class LeaseRows {
  private static final int IN_CHUNK = 500;

  private LeaseRows() {}

  /** Stores {@code claim} as the lease of {@code record}, replacing any, inside a transaction. */
  static void put(Connection c, Schema.Vendor vendor, String record, RecordLeases.Claim claim)
      throws SQLException {
    String sql =
        vendor == Schema.Vendor.H2
            ? "MERGE INTO ag_lease (record_id, owner, lapses_at) KEY (record_id) VALUES (?, ?, ?)"
            : "INSERT INTO ag_lease (record_id, owner, lapses_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (record_id) DO UPDATE SET owner = excluded.owner,"
                + " lapses_at = excluded.lapses_at";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, record);
      ps.setString(2, claim.owner());
      ps.setLong(3, Instants.toNanos(claim.until()));
      ps.executeUpdate();
    }
  }

  /** Drops the lease of {@code record}, whoever holds it: the record left flight. */
  static void drop(Connection c, String record) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM ag_lease WHERE record_id = ?")) {
      ps.setString(1, record);
      ps.executeUpdate();
    }
  }

  static Map<RecordId, RecordLeases.Lease> find(Connection c, List<RecordId> records)
      throws SQLException {
    Map<RecordId, RecordLeases.Lease> found = new HashMap<>();
    for (int from = 0; from < records.size(); from += IN_CHUNK) {
      List<RecordId> chunk = records.subList(from, Math.min(records.size(), from + IN_CHUNK));
      String sql =
          "SELECT record_id, owner, lapses_at FROM ag_lease WHERE record_id IN ("
              + "?, ".repeat(chunk.size() - 1)
              + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i).value());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            RecordId id = RecordId.of(rs.getString(1));
            found.put(
                id, new RecordLeases.Lease(id, rs.getString(2), Instants.fromNanos(rs.getLong(3))));
          }
        }
      }
    }
    return found;
  }

  /** Inserts the lease when the record has none; false when it has one. */
  static boolean insertIfAbsent(
      Connection c, Schema.Vendor vendor, String record, RecordLeases.Claim claim)
      throws SQLException {
    String insert = "INSERT INTO ag_lease (record_id, owner, lapses_at) VALUES (?, ?, ?)";
    String sql =
        vendor == Schema.Vendor.H2 ? insert : insert + " ON CONFLICT (record_id) DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, record);
      ps.setString(2, claim.owner());
      ps.setLong(3, Instants.toNanos(claim.until()));
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      // H2 has no ON CONFLICT outside its PostgreSQL mode: a racing insert is a unique violation.
      if (vendor == Schema.Vendor.H2 && "23505".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /** Replaces the lease only while it is exactly {@code expected}; one atomic UPDATE. */
  static boolean replace(Connection c, RecordLeases.Lease expected, RecordLeases.Claim claim)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_lease SET owner = ?, lapses_at = ?"
                + " WHERE record_id = ? AND owner = ? AND lapses_at = ?")) {
      ps.setString(1, claim.owner());
      ps.setLong(2, Instants.toNanos(claim.until()));
      ps.setString(3, expected.recordId().value());
      ps.setString(4, expected.owner());
      ps.setLong(5, Instants.toNanos(expected.until()));
      return ps.executeUpdate() == 1;
    }
  }

  static int renew(Connection c, String owner, long untilNanos) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE ag_lease SET lapses_at = ? WHERE owner = ?")) {
      ps.setLong(1, untilNanos);
      ps.setString(2, owner);
      return ps.executeUpdate();
    }
  }

  static boolean release(Connection c, String record, String owner, long atNanos)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE ag_lease SET lapses_at = ? WHERE record_id = ? AND owner = ?")) {
      ps.setLong(1, atNanos);
      ps.setString(2, record);
      ps.setString(3, owner);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Marks every lease as held by an owner that ended ({@link
   * dev.accessgov.spi.RecordLeases.Lease#OWNER_ENDED}): for a store only this process can have
   * open.
   */
  static int lapseAll(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE ag_lease SET lapses_at = ?")) {
      ps.setLong(1, Instants.toNanos(dev.accessgov.spi.RecordLeases.Lease.OWNER_ENDED));
      return ps.executeUpdate();
    }
  }
}
