package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of an {@link ActivityLog}'s answer.
 *
 * @param events the events of this page, all inside the query's window; possibly empty
 * @param nextPageToken the token of the next page, or null on the last page
 * @param query the query as the vendor was asked it (path and parameters, no credential), for
 *     evidence: an auditor can ask the vendor the same question
 */
public record ActivityPage(List<Activity> events, @Nullable String nextPageToken, String query) {

  /** Copies the events; checks the query is present. */
  public ActivityPage {
    events = List.copyOf(requireNonNull(events, "events"));
    requireNonNull(query, "query");
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextPageToken != null;
  }
}
