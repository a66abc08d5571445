package dev.accessgov.jdbc.internal;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.Admissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SQL for the {@code ag_record} table. A row carries {@code last_seq}, the sequence of the record's
 * latest event, written in the same transaction as the events: a reader that takes only events up
 * to it sees a timeline that matches the row, without needing snapshot isolation. Not API.
 */
final class RecordRows {
  static final String COLUMNS =
      "id, subject, role_id, requester, reason, state, requested_at, duration, activated_at,"
          + " expires_at, review_due_at, ended_at, ticket_key, idempotency_key, version, last_seq";
  private static final String INSERT =
      "INSERT INTO ag_record ("
          + COLUMNS
          + ", due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE =
      "UPDATE ag_record SET subject = ?, role_id = ?, requester = ?, reason = ?, state = ?,"
          + " requested_at = ?, duration = ?, activated_at = ?, expires_at = ?, review_due_at = ?,"
          + " ended_at = ?, ticket_key = ?, idempotency_key = ?, version = ?,"
          + " last_seq = COALESCE(?, last_seq), due_at = ? WHERE id = ? AND version = ?";

  /** A row read back, before its timeline is attached. */
  record Row(AccessRecord.Builder builder, String id, long lastSeq) {}

  private RecordRows() {}

  static void insert(Connection c, AccessRecord r, long lastSeq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, r.id().value());
      int i = bindFields(ps, 2, r);
      ps.setLong(i++, 1);
      ps.setLong(i++, lastSeq);
      Instants.set(ps, i, dueAt(r));
      ps.executeUpdate();
    }
  }

  /**
   * Writes {@code next} at version + 1; returns false when no row has its id and version, or (when
   * {@code expectedLastSeq} is given) when the row's last event is not that one.
   */
  static boolean update(
      Connection c, AccessRecord next, @Nullable Long lastSeq, @Nullable Long expectedLastSeq)
      throws SQLException {
    String sql = expectedLastSeq == null ? UPDATE : UPDATE + " AND last_seq = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bindFields(ps, 1, next);
      ps.setLong(i++, next.version() + 1);
      if (lastSeq == null) {
        ps.setNull(i++, Types.BIGINT);
      } else {
        ps.setLong(i++, lastSeq);
      }
      Instants.set(ps, i++, dueAt(next));
      ps.setString(i++, next.id().value());
      ps.setLong(i++, next.version());
      if (expectedLastSeq != null) {
        ps.setLong(i, expectedLastSeq);
      }
      return ps.executeUpdate() == 1;
    }
  }

  /** The stored version of a record, or null when there is none. */
  static @Nullable Long version(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM ag_record WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** The subject's live records, for admission inside the inserting transaction. */
  static List<Admissions.Live> liveOf(Connection c, String subject) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, role_id, state FROM ag_record WHERE subject = ? AND state IN (");
    RecordState[] live = RecordState.live();
    for (int i = 0; i < live.length; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
      ps.setString(1, subject);
      for (int i = 0; i < live.length; i++) {
        ps.setString(i + 2, live[i].name());
      }
      List<Admissions.Live> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Admissions.Live(
                  RecordId.of(rs.getString(1)),
                  RoleId.of(rs.getString(2)),
                  RecordState.valueOf(rs.getString(3))));
        }
      }
      return rows;
    }
  }

  /** The id of the record with this idempotency key, or null. */
  static @Nullable String idByKey(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM ag_record WHERE idempotency_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static List<AccessRecord> byId(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ag_record WHERE id = ?")) {
      ps.setString(1, id);
      return withTimelines(c, ps);
    }
  }

  static List<AccessRecord> query(Connection c, RecordQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ag_record WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    if (q.subject() != null) {
      sql.append(" AND subject = ?");
      args.add(q.subject().value());
    }
    if (q.roleId() != null) {
      sql.append(" AND role_id = ?");
      args.add(q.roleId().value());
    }
    // At most RecordQuery.MAX_SET values each: within every database's limit on parameters.
    if (!q.subjects().isEmpty()) {
      in(sql, "subject", q.subjects().size());
      q.subjects().stream().map(PersonId::value).sorted().forEach(args::add);
    }
    if (!q.roles().isEmpty()) {
      in(sql, "role_id", q.roles().size());
      q.roles().stream().map(RoleId::value).sorted().forEach(args::add);
    }
    if (!q.states().isEmpty()) {
      in(sql, "state", q.states().size());
      q.states().stream().sorted().forEach(s -> args.add(s.name()));
    }
    RecordQuery.Position after = q.after();
    if (after != null) {
      // Keyset paging on the (requested_at, id) index: no offset to skip over.
      sql.append(" AND (requested_at > ? OR (requested_at = ? AND id > ?))");
    }
    sql.append(" ORDER BY requested_at, id LIMIT ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (String arg : args) {
        ps.setString(i++, arg);
      }
      if (after != null) {
        Instants.set(ps, i++, after.requestedAt());
        Instants.set(ps, i++, after.requestedAt());
        ps.setString(i++, after.id().value());
      }
      ps.setInt(i, q.limit());
      return withTimelines(c, ps);
    }
  }

  private static void in(StringBuilder sql, String column, int values) {
    sql.append(" AND ").append(column).append(" IN (");
    sql.append("?, ".repeat(values - 1)).append("?)");
  }

  static List<AccessRecord> due(Connection c, Instant now, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ag_record WHERE due_at <= ? ORDER BY due_at, id LIMIT ?")) {
      ps.setLong(1, Instants.toNanos(now));
      ps.setInt(2, limit);
      return withTimelines(c, ps);
    }
  }

  private static List<AccessRecord> withTimelines(Connection c, PreparedStatement ps)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(read(rs));
      }
    }
    Map<String, List<EvidenceEvent>> timelines =
        EvidenceRows.timelines(c, rows.stream().map(Row::id).toList());
    List<AccessRecord> records = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<EvidenceEvent> timeline =
          timelines.getOrDefault(row.id(), List.of()).stream()
              .filter(e -> e.seq() <= row.lastSeq())
              .toList();
      records.add(row.builder().timeline(timeline).build());
    }
    return records;
  }

  private static int bindFields(PreparedStatement ps, int start, AccessRecord r)
      throws SQLException {
    int i = start;
    ps.setString(i++, r.subject().value());
    ps.setString(i++, r.roleId().value());
    ps.setString(i++, r.requester().value());
    ps.setString(i++, r.reason());
    ps.setString(i++, r.state().name());
    Instants.set(ps, i++, r.requestedAt());
    ps.setString(i++, r.duration() == null ? null : r.duration().toString());
    Instants.set(ps, i++, r.activatedAt());
    Instants.set(ps, i++, r.expiresAt());
    Instants.set(ps, i++, r.reviewDueAt());
    Instants.set(ps, i++, r.endedAt());
    ps.setString(i++, r.ticketKey());
    ps.setString(i++, r.idempotencyKey());
    return i;
  }

  private static @Nullable Instant dueAt(AccessRecord r) {
    return r.state() == RecordState.ACTIVE ? r.expiresAt() : null;
  }

  private static Row read(ResultSet rs) throws SQLException {
    String duration = rs.getString("duration");
    String id = rs.getString("id");
    AccessRecord.Builder b =
        AccessRecord.builder()
            .id(RecordId.of(id))
            .subject(PersonId.of(rs.getString("subject")))
            .roleId(RoleId.of(rs.getString("role_id")))
            .requester(PersonId.of(rs.getString("requester")))
            .reason(rs.getString("reason"))
            .state(RecordState.valueOf(rs.getString("state")))
            .requestedAt(Instants.require(rs, "requested_at"))
            .duration(duration == null ? null : Duration.parse(duration))
            .activatedAt(Instants.get(rs, "activated_at"))
            .expiresAt(Instants.get(rs, "expires_at"))
            .reviewDueAt(Instants.get(rs, "review_due_at"))
            .endedAt(Instants.get(rs, "ended_at"))
            .ticketKey(rs.getString("ticket_key"))
            .idempotencyKey(rs.getString("idempotency_key"))
            .version(rs.getLong("version"));
    return new Row(b, id, rs.getLong("last_seq"));
  }
}
