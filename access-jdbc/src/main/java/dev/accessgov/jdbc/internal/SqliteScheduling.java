package dev.accessgov.jdbc.internal;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * db-scheduler's SQL for SQLite, which it does not know: SQLite limits with {@code LIMIT n} (not
 * {@code FETCH FIRST}), and has no timestamp type, so instants are epoch milliseconds — one
 * representation for every row and every bound, which keeps its comparisons right. Not API.
 */
public final class SqliteScheduling extends DefaultJdbcCustomization {
  /** The customization; stateless. */
  public SqliteScheduling() {
    super(true);
  }

  @Override
  public String getName() {
    return "SQLite";
  }

  @Override
  public String getQueryLimitPart(int limit) {
    return " LIMIT " + limit;
  }

  @Override
  public void setInstant(PreparedStatement ps, int index, @Nullable Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value.toEpochMilli());
    }
  }

  @Override
  public @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
