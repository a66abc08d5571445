package dev.accessgov.record;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.catalog.RoleId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Which records to find: every criterion given must match; criteria left out match everything.
 * Results come in order of request time, oldest first (ties by record id), at most {@code limit} of
 * them. To read past the limit, ask again {@link #after} the last record of each page, or let
 * {@link dev.accessgov.AccessService#findAll} do it.
 *
 * <p>{@link #subjects} and {@link #roles} find the records of many people (or roles) in one query,
 * for work that joins a page of people with their records; each set holds at most {@value #MAX_SET}
 * values, so a store can pass it to its database as one list of parameters.
 *
 * @param subject only this subject's records, or null
 * @param roleId only records of this role, or null
 * @param states only records in one of these states; empty for any state
 * @param limit at most this many records, from 1
 * @param after only records that come after this position in the order, or null for the first page
 * @param subjects only records of one of these subjects; empty for any subject
 * @param roles only records of one of these roles; empty for any role
 */
public record RecordQuery(
    @Nullable PersonId subject,
    @Nullable RoleId roleId,
    Set<RecordState> states,
    int limit,
    @Nullable Position after,
    Set<PersonId> subjects,
    Set<RoleId> roles) {

  /**
   * A place in the results' order: the request time and id of the last record of a page.
   *
   * @param requestedAt the record's request time
   * @param id the record's id
   */
  public record Position(Instant requestedAt, RecordId id) implements Comparable<Position> {
    private static final Comparator<Position> ORDER =
        Comparator.comparing(Position::requestedAt)
            .thenComparing(p -> p.id().value(), Comparator.naturalOrder());

    /** Checks the fields. */
    public Position {
      Objects.requireNonNull(requestedAt, "requestedAt");
      Objects.requireNonNull(id, "id");
    }

    /** The position of {@code record}. */
    public static Position of(AccessRecord record) {
      return new Position(record.requestedAt(), record.id());
    }

    @Override
    public int compareTo(Position other) {
      return ORDER.compare(this, other);
    }
  }

  /** The default and largest {@code limit}. */
  public static final int MAX_LIMIT = 10_000;

  /** The most values {@link #subjects} and {@link #roles} may each hold. */
  public static final int MAX_SET = 1_000;

  /** Copies the sets and checks the limit and their sizes. */
  public RecordQuery {
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    subjects = Set.copyOf(subjects);
    roles = Set.copyOf(roles);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (subjects.size() > MAX_SET || roles.size() > MAX_SET) {
      throw new InvalidRequestException(
          "a query names at most "
              + MAX_SET
              + " subjects and "
              + MAX_SET
              + " roles, this one "
              + subjects.size()
              + " and "
              + roles.size()
              + "; split it into several queries");
    }
  }

  /**
   * A query without {@link #subjects} or {@link #roles}: the form this record had before they were
   * added.
   */
  public RecordQuery(
      @Nullable PersonId subject,
      @Nullable RoleId roleId,
      Set<RecordState> states,
      int limit,
      @Nullable Position after) {
    this(subject, roleId, states, limit, after, Set.of(), Set.of());
  }

  /** Every record (up to {@link #MAX_LIMIT}). */
  public static RecordQuery all() {
    return new RecordQuery(null, null, Set.of(), MAX_LIMIT, null);
  }

  /** This query restricted to {@code subject}. */
  public RecordQuery subject(String subject) {
    return new RecordQuery(PersonId.of(subject), roleId, states, limit, after, subjects, roles);
  }

  /**
   * This query restricted to records of any of {@code subjects}, replacing an earlier set.
   *
   * @param subjects from 1 to {@value #MAX_SET} subjects
   * @throws InvalidRequestException when {@code subjects} is empty (leave the criterion out to
   *     match every subject) or holds more than {@value #MAX_SET}
   */
  public RecordQuery subjects(Collection<String> subjects) {
    return new RecordQuery(
        subject, roleId, states, limit, after, nonEmpty(subjects, "subjects", PersonId::of), roles);
  }

  /** This query restricted to {@code role}. */
  public RecordQuery role(String role) {
    return new RecordQuery(subject, RoleId.of(role), states, limit, after, subjects, roles);
  }

  /**
   * This query restricted to records of any of {@code roles}, replacing an earlier set.
   *
   * @param roles from 1 to {@value #MAX_SET} role ids
   * @throws InvalidRequestException when {@code roles} is empty (leave the criterion out to match
   *     every role) or holds more than {@value #MAX_SET}
   */
  public RecordQuery roles(Collection<String> roles) {
    return new RecordQuery(
        subject, roleId, states, limit, after, subjects, nonEmpty(roles, "roles", RoleId::of));
  }

  /** This query restricted to the given states. */
  public RecordQuery states(RecordState... states) {
    return new RecordQuery(
        subject, roleId, Set.copyOf(Arrays.asList(states)), limit, after, subjects, roles);
  }

  /** This query returning at most {@code limit} records. */
  public RecordQuery limit(int limit) {
    return new RecordQuery(subject, roleId, states, limit, after, subjects, roles);
  }

  /** This query for the page that follows {@code last}, the last record of the previous page. */
  public RecordQuery after(AccessRecord last) {
    return new RecordQuery(subject, roleId, states, limit, Position.of(last), subjects, roles);
  }

  private static <T> Set<T> nonEmpty(
      Collection<String> values, String what, Function<String, T> parse) {
    Objects.requireNonNull(values, what);
    if (values.isEmpty()) {
      // An empty set matches everything: a caller with no one to ask about would read every record.
      throw new InvalidRequestException(
          "no " + what + " given; leave the criterion out to match any of them");
    }
    return values.stream().map(parse).collect(Collectors.toSet());
  }

  /**
   * Every record matching {@code query}, however many, read lazily page by page through {@code
   * find} (a store's or a service's query, {@code query.limit()} records a page).
   */
  public static Stream<AccessRecord> readAll(
      RecordQuery query, Function<RecordQuery, List<AccessRecord>> find) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(find, "find");
    Iterator<AccessRecord> records =
        new Iterator<>() {
          private RecordQuery next = query;
          private Iterator<AccessRecord> page = Collections.emptyIterator();
          private boolean last;

          @Override
          public boolean hasNext() {
            while (!page.hasNext() && !last) {
              List<AccessRecord> found = find.apply(next);
              last = found.size() < next.limit();
              if (!found.isEmpty()) {
                next = next.after(found.get(found.size() - 1));
              }
              page = found.iterator();
            }
            return page.hasNext();
          }

          @Override
          public AccessRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Whether {@code record} matches every criterion and comes after {@link #after()}. */
  public boolean matches(AccessRecord record) {
    return (subject == null || subject.equals(record.subject()))
        && (roleId == null || roleId.equals(record.roleId()))
        && (subjects.isEmpty() || subjects.contains(record.subject()))
        && (roles.isEmpty() || roles.contains(record.roleId()))
        && (states.isEmpty() || states.contains(record.state()))
        && (after == null || Position.of(record).compareTo(after) > 0);
  }
}
