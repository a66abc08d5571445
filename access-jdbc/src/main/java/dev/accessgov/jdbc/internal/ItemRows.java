package dev.accessgov.jdbc.internal;

import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.Recommendation;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.LastLogin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * SQL for the {@code ag_review_item} table: one row per item, its decision in columns that stay
 * null until {@link Settlement} writes them. Hand-overs are conditional UPDATEs on the holder, an
 * undecided row and an open campaign, so they are compare-and-set. Not API.
 */
final class ItemRows {
  private static final String COLUMNS =
      "campaign_id, number, subject, application_id, role_id, tier, provider_id, group_id,"
          + " idp_user_id, department, title, last_login, last_login_at, record_id, unexplained,"
          + " recommended, recommendation_reason, reviewer, assigned_to, escalated, verdict,"
          + " decided_by, decision_comment, decided_at, evidence_hash, evidence_seq,"
          + " kept_as_exception, moot, unmanaged";

  /** One row's placeholders: the undecided item's values, its decision columns null. */
  private static final String ROW =
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?)";

  /**
   * Rows per INSERT statement: one statement of many rows costs the database a fraction of as many
   * one-row statements. 100 rows bind 2,100 parameters, within every supported database's limit.
   */
  static final int ROWS_PER_INSERT = 100;

  private ItemRows() {}

  private static String insert(int rows) {
    return "INSERT INTO ag_review_item ("
        + COLUMNS
        + ") VALUES "
        + String.join(", ", Collections.nCopies(rows, ROW));
  }

  /** The numbers between {@code min} and {@code max} that the campaign already holds. */
  static Set<Integer> existing(Connection c, CampaignId campaign, int min, int max)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT number FROM ag_review_item WHERE campaign_id = ? AND number >= ?"
                + " AND number <= ?")) {
      ps.setString(1, campaign.value());
      ps.setInt(2, min);
      ps.setInt(3, max);
      Set<Integer> numbers = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          numbers.add(rs.getInt(1));
        }
      }
      return numbers;
    }
  }

  /** Inserts undecided items, none of which is stored yet. */
  static void insert(Connection c, List<ReviewItem> items) throws SQLException {
    int full = items.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
    if (full > 0) {
      try (PreparedStatement ps = c.prepareStatement(insert(ROWS_PER_INSERT))) {
        for (int from = 0; from < full; from += ROWS_PER_INSERT) {
          bind(ps, items.subList(from, from + ROWS_PER_INSERT));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (full < items.size()) {
      try (PreparedStatement ps = c.prepareStatement(insert(items.size() - full))) {
        bind(ps, items.subList(full, items.size()));
        ps.executeUpdate();
      }
    }
  }

  private static void bind(PreparedStatement ps, List<ReviewItem> rows) throws SQLException {
    int p = 1;
    for (ReviewItem i : rows) {
      ps.setString(p++, i.campaignId().value());
      ps.setInt(p++, i.id().number());
      ps.setString(p++, i.subject().value());
      ps.setString(p++, i.applicationId());
      ps.setString(p++, i.roleId().value());
      ps.setString(p++, i.tier().name());
      ps.setString(p++, i.group().providerId());
      ps.setString(p++, i.group().groupId());
      ps.setString(p++, i.idpUserId());
      ps.setString(p++, i.department());
      ps.setString(p++, i.title());
      ps.setString(p++, i.lastLogin().kind().name());
      Instants.set(ps, p++, i.lastLogin().at());
      ps.setString(p++, i.recordId() == null ? null : i.recordId().value());
      ps.setBoolean(p++, i.unexplained());
      ps.setString(p++, i.recommendation().verdict().name());
      ps.setString(p++, i.recommendation().reason());
      ps.setString(p++, i.reviewer().value());
      ps.setString(p++, i.assignedTo().value());
      ps.setBoolean(p++, i.escalated());
      ps.setBoolean(p++, i.unmanaged());
    }
  }

  /** Up to {@code limit} items numbered above {@code after}, in number order. */
  static List<ReviewItem> page(Connection c, CampaignId campaign, int after, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ag_review_item WHERE campaign_id = ? AND number > ?"
                + " ORDER BY number LIMIT ?")) {
      ps.setString(1, campaign.value());
      ps.setInt(2, after);
      ps.setInt(3, limit);
      return read(ps);
    }
  }

  static Optional<ReviewItem> find(Connection c, ItemId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM ag_review_item WHERE campaign_id = ? AND number = ?")) {
      ps.setString(1, id.campaign().value());
      ps.setInt(2, id.number());
      return read(ps).stream().findFirst();
    }
  }

  /** The campaign's undecided items {@code reviewer} holds, in number order. */
  static List<ReviewItem> pending(Connection c, CampaignId campaign, PersonId reviewer)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ag_review_item WHERE campaign_id = ? AND reviewer = ?"
                + " AND decided_at IS NULL ORDER BY number")) {
      ps.setString(1, campaign.value());
      ps.setString(2, reviewer.value());
      return read(ps);
    }
  }

  /**
   * Gives the item to {@code to}, only while it is undecided, held by {@code from} and its campaign
   * open; marks it escalated when {@code escalate} (an escalated item stays so either way).
   */
  static boolean handOver(Connection c, ItemId id, PersonId from, PersonId to, boolean escalate)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_review_item SET reviewer = ?"
                + (escalate ? ", escalated = ?" : "")
                + " WHERE campaign_id = ? AND number = ? AND reviewer = ? AND decided_at IS NULL"
                + " AND EXISTS (SELECT 1 FROM ag_campaign c WHERE c.id = ? AND c.status IN "
                + CampaignRows.OPEN_STATUSES
                + ")")) {
      int p = 1;
      ps.setString(p++, to.value());
      if (escalate) {
        ps.setBoolean(p++, true);
      }
      ps.setString(p++, id.campaign().value());
      ps.setInt(p++, id.number());
      ps.setString(p++, from.value());
      ps.setString(p, id.campaign().value());
      return ps.executeUpdate() == 1;
    }
  }

  private static List<ReviewItem> read(PreparedStatement ps) throws SQLException {
    List<ReviewItem> items = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        items.add(read(rs));
      }
    }
    return items;
  }

  private static ReviewItem read(ResultSet rs) throws SQLException {
    CampaignId campaign = CampaignId.of(rs.getString("campaign_id"));
    Instant lastLoginAt = Instants.get(rs, "last_login_at");
    String recordId = rs.getString("record_id");
    return new ReviewItem(
        campaign.item(rs.getInt("number")),
        PersonId.of(rs.getString("subject")),
        rs.getString("application_id"),
        RoleId.of(rs.getString("role_id")),
        RiskTier.valueOf(rs.getString("tier")),
        GroupRef.of(rs.getString("provider_id"), rs.getString("group_id")),
        rs.getString("idp_user_id"),
        rs.getString("department"),
        rs.getString("title"),
        new LastLogin(LastLogin.Kind.valueOf(rs.getString("last_login")), lastLoginAt),
        recordId == null ? null : RecordId.of(recordId),
        rs.getBoolean("unexplained"),
        new Recommendation(
            Verdict.valueOf(rs.getString("recommended")), rs.getString("recommendation_reason")),
        PersonId.of(rs.getString("reviewer")),
        PersonId.of(rs.getString("assigned_to")),
        rs.getBoolean("escalated"),
        decision(rs, recordId),
        rs.getBoolean("unmanaged"));
  }

  private static @Nullable ReviewDecision decision(ResultSet rs, @Nullable String recordId)
      throws SQLException {
    Instant at = Instants.get(rs, "decided_at");
    if (at == null) {
      return null;
    }
    if (recordId == null) {
      throw new IllegalStateException("a decided review item has no record_id");
    }
    return new ReviewDecision(
        Verdict.valueOf(rs.getString("verdict")),
        rs.getString("decided_by"),
        rs.getString("decision_comment"),
        at,
        RecordId.of(recordId),
        rs.getString("evidence_hash"),
        rs.getLong("evidence_seq"),
        rs.getBoolean("kept_as_exception"),
        rs.getBoolean("moot"));
  }
}
