package dev.accessgov.jdbc.internal;

import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.GovernanceStore.ItemDecidedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Review decisions settling their items inside the write that seals them (see {@link
 * GovernanceStore}): {@link #check} before the write changes anything, {@link #write} after the
 * record is stored and before the events are appended. Both run under the chain head lock, which
 * every writer of items and campaigns holds, so what {@link #check} read still holds when {@link
 * #write} runs; the UPDATE is conditional on an undecided item of an open campaign all the same,
 * and finding it changed rolls the whole transaction back. Not API.
 */
final class Settlement {
  /** A draft at {@code index} of a write that decides {@code item}. */
  record Settles(int index, ItemId item) {}

  private Settlement() {}

  /**
   * The items {@code drafts} decide, each checked to be stored, undecided (also by an earlier draft
   * of the same write) and in an open campaign; reads only.
   *
   * @throws ItemDecidedException for the first item that cannot take its decision
   */
  static List<Settles> check(Connection c, List<EvidenceDraft> drafts) throws SQLException {
    List<Settles> settles = new ArrayList<>();
    Set<ItemId> seen = new HashSet<>();
    for (int i = 0; i < drafts.size(); i++) {
      ItemId id = GovernanceStore.settles(drafts.get(i)).orElse(null);
      if (id == null) {
        continue;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT c.status, i.decided_at FROM ag_review_item i"
                  + " JOIN ag_campaign c ON c.id = i.campaign_id"
                  + " WHERE i.campaign_id = ? AND i.number = ?")) {
        ps.setString(1, id.campaign().value());
        ps.setInt(2, id.number());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new ItemDecidedException(id, "no review item " + id + " in the store");
          }
          CampaignStatus status = CampaignStatus.valueOf(rs.getString(1));
          rs.getLong(2);
          boolean decided = !rs.wasNull();
          if (!status.isOpen()) {
            throw new ItemDecidedException(id, "campaign " + id.campaign() + " is " + status);
          }
          if (decided || !seen.add(id)) {
            throw new ItemDecidedException(id, "item " + id + " is decided already");
          }
        }
      }
      settles.add(new Settles(i, id));
    }
    return settles;
  }

  /**
   * Writes the decisions the sealed events carry, for items {@link #check} passed in this
   * transaction.
   *
   * @throws IllegalStateException when an item changed since the check (nothing of the transaction
   *     may commit then)
   */
  static void write(Connection c, List<Settles> settles, List<EvidenceEvent> sealed)
      throws SQLException {
    if (settles.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ag_review_item SET record_id = ?, verdict = ?, decided_by = ?,"
                + " decision_comment = ?, decided_at = ?, evidence_hash = ?, evidence_seq = ?,"
                + " kept_as_exception = ?, moot = ?"
                + " WHERE campaign_id = ? AND number = ? AND decided_at IS NULL"
                + " AND EXISTS (SELECT 1 FROM ag_campaign c WHERE c.id = ? AND c.status IN "
                + CampaignRows.OPEN_STATUSES
                + ")")) {
      for (Settles s : settles) {
        ReviewDecision d = GovernanceStore.decisionOf(sealed.get(s.index()));
        int p = 1;
        ps.setString(p++, d.recordId().value());
        ps.setString(p++, d.verdict().name());
        ps.setString(p++, d.actor());
        ps.setString(p++, d.comment());
        Instants.set(ps, p++, d.at());
        ps.setString(p++, d.evidenceHash());
        ps.setLong(p++, d.evidenceSeq());
        ps.setBoolean(p++, d.exception());
        ps.setBoolean(p++, d.moot());
        ps.setString(p++, s.item().campaign().value());
        ps.setInt(p++, s.item().number());
        ps.setString(p, s.item().campaign().value());
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException(
              "review item " + s.item() + " changed between its check and its decision");
        }
      }
    }
  }
}
