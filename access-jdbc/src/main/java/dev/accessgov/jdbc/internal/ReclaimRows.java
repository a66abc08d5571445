package dev.accessgov.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.reclaim.Exemption;
import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SQL for the {@code ag_reclaim_notice} and {@code ag_exemption} tables. Inserts run under the
 * chain head lock, so checking for a row and inserting it cannot race. Not API.
 */
final class ReclaimRows {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String NOTICE_COLUMNS =
      "policy, record_id, subject, role_id, given_at, remove_after";

  private ReclaimRows() {}

  static Optional<ReclaimNotice> notice(Connection c, String policy, RecordId record)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + NOTICE_COLUMNS
                + " FROM ag_reclaim_notice WHERE policy = ? AND record_id = ?")) {
      ps.setString(1, policy);
      ps.setString(2, record.value());
      return notices(ps).stream().findFirst();
    }
  }

  /** Inserts the notice, undelivered; the caller checked that the policy has none on the record. */
  static void insert(Connection c, ReclaimNotice n) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ag_reclaim_notice ("
                + NOTICE_COLUMNS
                + ", delivered_at) VALUES (?, ?, ?, ?, ?, ?, NULL)")) {
      ps.setString(1, n.policy());
      ps.setString(2, n.recordId().value());
      ps.setString(3, n.subject().value());
      ps.setString(4, n.roleId().value());
      Instants.set(ps, 5, n.givenAt());
      Instants.set(ps, 6, n.removeAfter());
      ps.executeUpdate();
    }
  }

  static void withdraw(Connection c, String policy, RecordId record) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM ag_reclaim_notice WHERE policy = ? AND record_id = ?")) {
      ps.setString(1, policy);
      ps.setString(2, record.value());
      ps.executeUpdate();
    }
  }

  static List<ReclaimNotice> undelivered(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + NOTICE_COLUMNS
                + " FROM ag_reclaim_notice WHERE delivered_at IS NULL"
                + " ORDER BY given_at, policy, record_id LIMIT ?")) {
      ps.setInt(1, limit);
      return notices(ps);
    }
  }

  static void delivered(Connection c, String policy, RecordId record, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_reclaim_notice SET delivered_at = ?"
                + " WHERE policy = ? AND record_id = ? AND delivered_at IS NULL")) {
      Instants.set(ps, 1, at);
      ps.setString(2, policy);
      ps.setString(3, record.value());
      ps.executeUpdate();
    }
  }

  private static List<ReclaimNotice> notices(PreparedStatement ps) throws SQLException {
    List<ReclaimNotice> notices = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        notices.add(
            new ReclaimNotice(
                rs.getString(1),
                RecordId.of(rs.getString(2)),
                PersonId.of(rs.getString(3)),
                RoleId.of(rs.getString(4)),
                Instants.fromNanos(rs.getLong(5)),
                Instants.fromNanos(rs.getLong(6))));
      }
    }
    return notices;
  }

  // ------------------------------------------------------------ exemptions

  static List<Exemption> exemptions(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT person, role_id, until_at, reason FROM ag_exemption ORDER BY added");
        ResultSet rs = ps.executeQuery()) {
      List<Exemption> all = new ArrayList<>();
      while (rs.next()) {
        String person = rs.getString(1);
        String role = rs.getString(2);
        all.add(
            new Exemption(
                person == null ? null : PersonId.of(person),
                role == null ? null : RoleId.of(role),
                Instants.get(rs, 3),
                rs.getString(4)));
      }
      return all;
    }
  }

  /** Adds the exemption, last in order, unless an equal one is stored. */
  static void addExemption(Connection c, Exemption e) throws SQLException {
    String key = key(e);
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM ag_exemption WHERE exemption_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    long added = CampaignRows.nextOrder(c, "ag_exemption", "added");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ag_exemption (exemption_key, person, role_id, until_at, reason, added)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, e.person() == null ? null : e.person().value());
      ps.setString(3, e.role() == null ? null : e.role().value());
      Instants.set(ps, 4, e.until());
      ps.setString(5, e.reason());
      ps.setLong(6, added);
      ps.executeUpdate();
    }
  }

  /** Removes the exemption equal to {@code e}; whether there was one. */
  static boolean removeExemption(Connection c, Exemption e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM ag_exemption WHERE exemption_key = ?")) {
      ps.setString(1, key(e));
      return ps.executeUpdate() == 1;
    }
  }

  /** The exemption's fields as a JSON array: equal exemptions, and only they, have equal keys. */
  private static String key(Exemption e) {
    List<@Nullable Object> fields =
        Arrays.asList(
            e.person() == null ? null : e.person().value(),
            e.role() == null ? null : e.role().value(),
            e.until() == null ? null : e.until().toString(),
            e.reason());
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("an exemption could not be written as JSON", ex);
    }
  }
}
