package dev.accessgov.jdbc.internal;

import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.ReviewCampaign;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SQL for the {@code ag_campaign} table. Status changes are single conditional UPDATEs on the
 * status (and deadline) read, so they are compare-and-set; they run inside the store's write
 * transactions, under the chain head lock. Not API.
 */
final class CampaignRows {
  /** The campaign statuses in which items take decisions and hand-overs, as SQL. */
  static final String OPEN_STATUSES =
      java.util.Arrays.stream(CampaignStatus.values())
          .filter(CampaignStatus::isOpen)
          .map(s -> "'" + s.name() + "'")
          .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

  private static final String SELECT =
      "SELECT c.id, c.spec, c.status, c.started_at, c.deadline, c.closed_at,"
          + " (SELECT COUNT(*) FROM ag_review_item i WHERE i.campaign_id = c.id),"
          + " (SELECT COUNT(*) FROM ag_review_item i WHERE i.campaign_id = c.id"
          + " AND i.decided_at IS NOT NULL)"
          + " FROM ag_campaign c";

  private CampaignRows() {}

  /** The campaign's status, or null when it is not stored. */
  static @Nullable CampaignStatus status(Connection c, CampaignId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT status FROM ag_campaign WHERE id = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? CampaignStatus.valueOf(rs.getString(1)) : null;
      }
    }
  }

  /**
   * One above the largest {@code column} of {@code table} (1 when empty): the next creation order
   * number. Safe only under the chain head lock, which every governance writer holds.
   */
  static long nextOrder(Connection c, String table, String column) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(" + column + ") FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) + 1 : 1;
    }
  }

  /**
   * Inserts the campaign as {@link CampaignStatus#STARTING}, last in creation order. The order
   * number is one above the largest: safe because every writer holds the chain head lock.
   */
  static void insert(Connection c, ReviewCampaign campaign) throws SQLException {
    long created = nextOrder(c, "ag_campaign", "created");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ag_campaign (id, spec, status, started_at, deadline, closed_at, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, campaign.id().value());
      ps.setString(2, SpecJson.write(campaign.spec()));
      ps.setString(3, CampaignStatus.STARTING.name());
      Instants.set(ps, 4, campaign.startedAt());
      Instants.set(ps, 5, campaign.deadline());
      Instants.set(ps, 6, null);
      ps.setLong(7, created);
      ps.executeUpdate();
    }
  }

  static Optional<ReviewCampaign> find(Connection c, CampaignId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE c.id = ?")) {
      ps.setString(1, id.value());
      List<ReviewCampaign> found = read(ps);
      return found.stream().findFirst();
    }
  }

  static List<ReviewCampaign> all(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY c.created")) {
      return read(ps);
    }
  }

  /** STARTING to OPEN; false when the campaign is not starting. */
  static boolean open(Connection c, CampaignId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_campaign SET status = 'OPEN' WHERE id = ? AND status = 'STARTING'")) {
      ps.setString(1, id.value());
      return ps.executeUpdate() == 1;
    }
  }

  /** Moves an open campaign, only from exactly the status and deadline given. */
  static boolean move(
      Connection c,
      CampaignId id,
      CampaignStatus expectedStatus,
      Instant expectedDeadline,
      CampaignStatus status,
      Instant deadline)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_campaign SET status = ?, deadline = ?"
                + " WHERE id = ? AND status = ? AND deadline = ? AND status IN "
                + OPEN_STATUSES)) {
      ps.setString(1, status.name());
      Instants.set(ps, 2, deadline);
      ps.setString(3, id.value());
      ps.setString(4, expectedStatus.name());
      Instants.set(ps, 5, expectedDeadline);
      return ps.executeUpdate() == 1;
    }
  }

  /** Closes the campaign, only from {@code expectedStatus}; a closed campaign stays as it is. */
  static boolean close(Connection c, CampaignId id, CampaignStatus expectedStatus, Instant closedAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_campaign SET status = 'CLOSED', closed_at = ?"
                + " WHERE id = ? AND status = ? AND status <> 'CLOSED'")) {
      Instants.set(ps, 1, closedAt);
      ps.setString(2, id.value());
      ps.setString(3, expectedStatus.name());
      return ps.executeUpdate() == 1;
    }
  }

  private static List<ReviewCampaign> read(PreparedStatement ps) throws SQLException {
    List<ReviewCampaign> campaigns = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        campaigns.add(
            new ReviewCampaign(
                CampaignId.of(rs.getString(1)),
                SpecJson.read(rs.getString(2)),
                CampaignStatus.valueOf(rs.getString(3)),
                Instants.fromNanos(rs.getLong(4)),
                Instants.fromNanos(rs.getLong(5)),
                rs.getInt(7),
                rs.getInt(8),
                Instants.get(rs, 6)));
      }
    }
    return campaigns;
  }
}
