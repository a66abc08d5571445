package dev.accessgov.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.DirectoryState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * SQL for the {@code ag_directory_state} table: one row per person, attributes as JSON objects.
 * Moves run under the chain head lock, so reading the version and writing the next cannot race. Not
 * API.
 */
final class DirectoryRows {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {};
  private static final String COLUMNS =
      "person, version, seen, pending_event, pending, last_event, updated_at, claimed_by,"
          + " claim_reason";

  private DirectoryRows() {}

  static Optional<DirectoryState> find(Connection c, PersonId person) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ag_directory_state WHERE person = ?")) {
      ps.setString(1, person.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  static List<DirectoryState> page(Connection c, @Nullable PersonId after, int limit)
      throws SQLException {
    String where = after == null ? "" : " WHERE person > ?";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ag_directory_state"
                + where
                + " ORDER BY person LIMIT ?")) {
      int i = 1;
      if (after != null) {
        ps.setString(i++, after.value());
      }
      ps.setInt(i, limit);
      List<DirectoryState> page = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          page.add(read(rs));
        }
      }
      return page;
    }
  }

  /** Writes {@code next} as version {@code expected + 1} when the stored version is expected. */
  static Optional<DirectoryState> move(Connection c, long expected, DirectoryState next)
      throws SQLException {
    long stored = find(c, next.person()).map(DirectoryState::version).orElse(0L);
    if (stored != expected) {
      return Optional.empty();
    }
    DirectoryState moved = next.withVersion(expected + 1);
    String sql =
        expected == 0
            ? "INSERT INTO ag_directory_state (version, seen, pending_event, pending, last_event,"
                + " updated_at, claimed_by, claim_reason, person) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            : "UPDATE ag_directory_state SET version = ?, seen = ?, pending_event = ?, pending = ?,"
                + " last_event = ?, updated_at = ?, claimed_by = ?, claim_reason = ?"
                + " WHERE person = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, moved.version());
      ps.setString(2, write(moved.seen()));
      ps.setString(3, event(moved.pendingEvent()));
      ps.setString(4, write(moved.pending()));
      ps.setString(5, event(moved.lastEvent()));
      Instants.set(ps, 6, moved.at());
      PersonId by = moved.claimedBy();
      ps.setString(7, by == null ? null : by.value());
      ps.setString(8, moved.claimReason());
      ps.setString(9, moved.person().value());
      ps.executeUpdate();
    }
    return Optional.of(moved);
  }

  private static DirectoryState read(ResultSet rs) throws SQLException {
    String by = rs.getString(8);
    return new DirectoryState(
        PersonId.of(rs.getString(1)),
        parse(rs.getString(3)),
        rs.getLong(2),
        event(rs.getString(4)),
        parse(rs.getString(5)),
        event(rs.getString(6)),
        Instants.require(rs, "updated_at"),
        by == null ? null : PersonId.of(by),
        rs.getString(9));
  }

  /** An event as its column holds it: {@code <TRIGGER>:<id>} (a trigger has no colon). */
  private static @Nullable String event(@Nullable LifecycleEvent e) {
    return e == null ? null : e.trigger().name() + ":" + e.id().value();
  }

  private static @Nullable LifecycleEvent event(@Nullable String column) {
    if (column == null) {
      return null;
    }
    int colon = column.indexOf(':');
    return new LifecycleEvent(
        LifecycleEventId.of(column.substring(colon + 1)),
        LifecycleTrigger.valueOf(column.substring(0, colon)));
  }

  private static String write(Map<String, String> attributes) {
    try {
      return MAPPER.writeValueAsString(new TreeMap<>(attributes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("directory attributes could not be written as JSON", e);
    }
  }

  private static Map<String, String> parse(String json) {
    try {
      return MAPPER.readValue(json, ATTRIBUTES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored directory attributes are not valid JSON: " + json, e);
    }
  }
}
