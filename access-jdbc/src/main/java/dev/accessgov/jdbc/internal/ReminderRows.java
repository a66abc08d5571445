package dev.accessgov.jdbc.internal;

import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.Reminder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for the {@code ag_reminder} table: one row per {@link Reminder#id()}, undelivered until
 * {@code delivered_at} is set. Inserts run under the chain head lock, so checking for the id and
 * inserting cannot race. Not API.
 */
final class ReminderRows {
  private ReminderRows() {}

  /** Inserts the reminder unless its id is stored; whether it was inserted. */
  static boolean add(Connection c, Reminder r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ag_reminder WHERE id = ?")) {
      ps.setString(1, r.id());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ag_reminder (id, campaign_id, campaign_name, reviewer, pending_items,"
                + " deadline, due_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
      ps.setString(1, r.id());
      ps.setString(2, r.campaignId().value());
      ps.setString(3, r.campaignName());
      ps.setString(4, r.reviewer().value());
      ps.setInt(5, r.pendingItems());
      Instants.set(ps, 6, r.deadline());
      Instants.set(ps, 7, r.dueAt());
      ps.executeUpdate();
      return true;
    }
  }

  /** Up to {@code limit} undelivered reminders, due first. */
  static List<Reminder> undelivered(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT campaign_id, campaign_name, reviewer, pending_items, deadline, due_at"
                + " FROM ag_reminder WHERE delivered_at IS NULL ORDER BY due_at, id LIMIT ?")) {
      ps.setInt(1, limit);
      List<Reminder> due = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(
              new Reminder(
                  CampaignId.of(rs.getString(1)),
                  rs.getString(2),
                  PersonId.of(rs.getString(3)),
                  rs.getInt(4),
                  Instants.fromNanos(rs.getLong(5)),
                  Instants.fromNanos(rs.getLong(6))));
        }
      }
      return due;
    }
  }

  /** Marks the reminder delivered at {@code at}, unless it was already (or is not stored). */
  static void delivered(Connection c, String id, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_reminder SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL")) {
      Instants.set(ps, 1, at);
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }
}
