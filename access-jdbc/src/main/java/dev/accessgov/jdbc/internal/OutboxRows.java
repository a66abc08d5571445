package dev.accessgov.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A durable {@link Outbox} in the store's database: every call is one short transaction, so an
 * update handed to it survives the process being killed. Outboxes of several ticketing providers
 * share the tables, told apart by name. Not API: get one from {@code JdbcAccessStore.outbox}.
 */
public final class OutboxRows implements Outbox {
  private static final String COLUMNS = "id, ticket, kind, record_id, seq, payload, enqueued_at";

  private final Transactions tx;
  private final String name;

  /** The outbox {@code name} in {@code dataSource}'s (already migrated) database. */
  public OutboxRows(DataSource dataSource, String name) {
    this.tx = new Transactions(dataSource);
    this.name = requireNonNull(name, "name");
  }

  @Override
  public OutboxEntry add(OutboxEntry entry) {
    requireNonNull(entry, "entry");
    return tx.write(
        "outbox.add",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO ag_outbox (outbox, ticket, kind, record_id, seq, payload,"
                      + " enqueued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"})) {
            ps.setString(1, name);
            ps.setString(2, entry.ticket());
            ps.setString(3, entry.kind().name());
            ps.setString(4, entry.recordId());
            ps.setLong(5, entry.seq());
            ps.setString(6, entry.payload());
            ps.setLong(7, Instants.toNanos(entry.enqueuedAt()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return entry.withId(keys.getLong(1));
            }
          }
        });
  }

  @Override
  public List<OutboxEntry> heads(int max) {
    if (max <= 0) {
      return List.of();
    }
    return tx.read(
        "outbox.heads",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM ag_outbox o WHERE o.outbox = ? AND o.id = (SELECT MIN(i.id) FROM"
                      + " ag_outbox i WHERE i.outbox = o.outbox AND i.ticket = o.ticket)"
                      + " ORDER BY o.id LIMIT ?")) {
            ps.setString(1, name);
            ps.setInt(2, max);
            List<OutboxEntry> heads = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                heads.add(read(rs));
              }
            }
            return heads;
          }
        });
  }

  @Override
  public void remove(long id) {
    tx.write(
        "outbox.remove",
        c -> update(c, "DELETE FROM ag_outbox WHERE outbox = ? AND id = ?", name, id));
  }

  @Override
  public int size() {
    return tx.read(
        "outbox.size",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM ag_outbox WHERE outbox = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  @Override
  public Optional<String> issueKey(String recordId) {
    requireNonNull(recordId, "recordId");
    return tx.read(
        "outbox.issueKey",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT ticket_key FROM ag_outbox_ticket_key WHERE outbox = ? AND record_id = ?")) {
            ps.setString(1, name);
            ps.setString(2, recordId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void rememberIssueKey(String recordId, String issueKey) {
    requireNonNull(recordId, "recordId");
    requireNonNull(issueKey, "issueKey");
    // Update, else insert: portable across H2 and PostgreSQL, and one writer per record at a time.
    tx.execute(
        "outbox.rememberIssueKey",
        c -> {
          int updated =
              update(
                  c,
                  "UPDATE ag_outbox_ticket_key SET ticket_key = ? WHERE outbox = ? AND"
                      + " record_id = ?",
                  issueKey,
                  name,
                  recordId);
          if (updated == 0) {
            update(
                c,
                "INSERT INTO ag_outbox_ticket_key (outbox, record_id, ticket_key) VALUES (?, ?, ?)",
                name,
                recordId,
                issueKey);
          }
        });
  }

  private static OutboxEntry read(ResultSet rs) throws SQLException {
    return new OutboxEntry(
        rs.getLong("id"),
        rs.getString("ticket"),
        OutboxEntry.Kind.valueOf(rs.getString("kind")),
        rs.getString("record_id"),
        rs.getLong("seq"),
        rs.getString("payload"),
        Instants.fromNanos(rs.getLong("enqueued_at")));
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  @Override
  public String toString() {
    return "JDBC outbox '" + name + "'";
  }
}
