package dev.accessgov.internal;

import dev.accessgov.spi.Activity;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The count, first and last time of a user's activity in one window, read page by page from an
 * {@link ActivityLog}. Not API.
 *
 * @param count how many events fell in the window (a lower bound when {@code truncated})
 * @param first the earliest, or null when none
 * @param last the latest, or null when none
 * @param truncated whether reading stopped at the limit before the log's last page
 * @param query the first page's query, as the vendor was asked it
 */
record UsageTally(
    long count, @Nullable Instant first, @Nullable Instant last, boolean truncated, String query) {

  /** A log that keeps answering with a next page is stopped after this many pages. */
  static final int MAX_PAGES = 10_000;

  /**
   * Reads every page of {@code query} from {@code log}, counting at most {@code maxEvents} events;
   * events a log returns outside the window are not counted.
   *
   * @throws dev.accessgov.ProviderException as the log throws it
   */
  static UsageTally read(ActivityLog log, ActivityQuery query, int maxEvents) {
    long count = 0;
    Instant first = null;
    Instant last = null;
    String asked = null;
    String token = null;
    int pages = 0;
    do {
      ActivityPage page = log.activity(query, token);
      pages++;
      if (asked == null) {
        asked = page.query();
      }
      for (Activity a : page.events()) {
        if (!query.contains(a.at())) {
          continue;
        }
        if (count == maxEvents) {
          return new UsageTally(count, first, last, true, asked);
        }
        count++;
        first = first == null || a.at().isBefore(first) ? a.at() : first;
        last = last == null || a.at().isAfter(last) ? a.at() : last;
      }
      token = page.nextPageToken();
    } while (token != null && pages < MAX_PAGES);
    return new UsageTally(count, first, last, token != null, asked);
  }
}
