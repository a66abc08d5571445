package dev.accessgov.record;

import dev.accessgov.catalog.RoleId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which records to find: every criterion given must match; criteria left out match everything.
 * Results come in order of request time, oldest first, at most {@code limit} of them.
 *
 * @param subject only this subject's records, or null
 * @param roleId only records of this role, or null
 * @param states only records in one of these states; empty for any state
 * @param limit at most this many records, from 1
 */
public record RecordQuery(
    @Nullable PersonId subject, @Nullable RoleId roleId, Set<RecordState> states, int limit) {

  /** The default and largest {@code limit}. */
  public static final int MAX_LIMIT = 10_000;

  /** Copies the set and checks the limit. */
  public RecordQuery {
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Every record (up to {@link #MAX_LIMIT}). */
  public static RecordQuery all() {
    return new RecordQuery(null, null, Set.of(), MAX_LIMIT);
  }

  /** This query restricted to {@code subject}. */
  public RecordQuery subject(String subject) {
    return new RecordQuery(PersonId.of(subject), roleId, states, limit);
  }

  /** This query restricted to {@code role}. */
  public RecordQuery role(String role) {
    return new RecordQuery(subject, RoleId.of(role), states, limit);
  }

  /** This query restricted to the given states. */
  public RecordQuery states(RecordState... states) {
    return new RecordQuery(subject, roleId, Set.copyOf(Arrays.asList(states)), limit);
  }

  /** This query returning at most {@code limit} records. */
  public RecordQuery limit(int limit) {
    return new RecordQuery(subject, roleId, states, limit);
  }

  /** Whether {@code record} matches every criterion. */
  public boolean matches(AccessRecord record) {
    return (subject == null || subject.equals(record.subject()))
        && (roleId == null || roleId.equals(record.roleId()))
        && (states.isEmpty() || states.contains(record.state()));
  }
}
