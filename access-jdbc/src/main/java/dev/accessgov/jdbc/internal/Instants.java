package dev.accessgov.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Instants as epoch nanoseconds in BIGINT columns. Both databases keep a BIGINT exactly and order
 * it cheaply, whereas their timestamp types round to micro- or milliseconds, which would make a
 * record read back differ from the one written. Covers the years 1678 to 2261. Not API.
 */
public final class Instants {
  private Instants() {}

  /** The instant as nanoseconds since the epoch. */
  public static long toNanos(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "instant " + instant + " is outside the storable range (years 1678 to 2261)", e);
    }
  }

  /** The instant {@code nanos} nanoseconds after the epoch. */
  public static Instant fromNanos(long nanos) {
    return Instant.ofEpochSecond(0, nanos);
  }

  static void set(PreparedStatement ps, int index, @Nullable Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, toNanos(instant));
    }
  }

  static @Nullable Instant get(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : fromNanos(value);
  }

  /** The instant in a NOT NULL column; a null there is a damaged row, reported as such. */
  static Instant require(ResultSet rs, String column) throws SQLException {
    Instant instant = get(rs, column);
    if (instant == null) {
      throw new SQLException("column " + column + " is null, but the schema requires a value");
    }
    return instant;
  }

  static @Nullable Instant get(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : fromNanos(value);
  }
}
