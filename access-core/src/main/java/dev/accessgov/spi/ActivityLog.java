package dev.accessgov.spi;

import org.jspecify.annotations.Nullable;

/**
 * An identity provider's record of what a user did: sign-ins and token grants to applications, as
 * the vendor logs them (Okta's System Log, Entra's sign-in log, Google's login and token activity
 * reports). It is an optional capability, offered through {@link IdentityProvider#activityLog()}; a
 * provider without one answers empty there, and the service records that usage is "not available
 * from this provider" instead of asking.
 *
 * <p>The guarantee every implementation keeps, checked by {@code
 * dev.accessgov.testkit.ActivityLogContract}:
 *
 * <ul>
 *   <li><b>What counts as activity.</b> Each event the vendor records of the user signing in to, or
 *       being issued a token for, the application the query names: successful and failed attempts
 *       alike, since both show the access being exercised. Events by other users, for other
 *       applications, and administrative changes <em>to</em> the user are not activity.
 *   <li><b>Window.</b> An event belongs to the window when {@code from <= time < to} (start
 *       inclusive, end exclusive), whatever bounds the vendor's own API uses; events outside are
 *       dropped before they are returned.
 *   <li><b>Pagination.</b> The first page is asked for with a null token; each following page with
 *       the {@link ActivityPage#nextPageToken()} of the one before, until it is null. Every event
 *       of the window is on exactly one page of one such walk; a page may be empty and still have a
 *       next token. Pages are in no promised order, and neither are the events on a page.
 *   <li><b>Failures.</b> Throttling and transient errors are retried within the provider's bounds,
 *       as for membership calls; what is left is thrown as a {@link
 *       dev.accessgov.ProviderException} ({@link dev.accessgov.RateLimitedException} for
 *       throttling) with {@code retryable} set truthfully. A user or application the vendor does
 *       not know is an empty window, not an error.
 * </ul>
 *
 * <p>Implementations are thread-safe, read only, and repeatable: asking again for the same window
 * answers the same events once the vendor's log has caught up (vendors publish sign-ins after a
 * delay of seconds to minutes, which is why the service looks past a grant's end a while later).
 */
public interface ActivityLog {

  /**
   * Where the events come from, for evidence: the provider id and the vendor API, e.g. {@code
   * okta:/api/v1/logs}. Constant.
   */
  String source();

  /**
   * One page of the user's activity in the query's window.
   *
   * @param query whose activity, for which application, in which window
   * @param pageToken null for the first page, then the previous page's {@link
   *     ActivityPage#nextPageToken()}
   * @return the events of this page (only those inside the window) and the token of the next page
   * @throws dev.accessgov.ProviderException when the vendor refused or failed after the provider's
   *     retries
   */
  ActivityPage activity(ActivityQuery query, @Nullable String pageToken);
}
