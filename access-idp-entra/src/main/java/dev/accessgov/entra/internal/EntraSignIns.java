package dev.accessgov.entra.internal;

import com.microsoft.graph.models.SignIn;
import com.microsoft.graph.models.SignInCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.spi.Activity;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A user's sign-ins to an application, from Entra's sign-in log ({@code GET /auditLogs/signIns})
 * through the Graph SDK: {@code $filter} on {@code userId}, the mapped application's {@code appId}
 * and {@code createdDateTime} ({@code ge} the start, {@code le} the end, so an event at the end
 * itself is dropped here), {@code $top} the page size, and Graph's {@code @odata.nextLink} as the
 * page token, accepted only under this provider's Graph base URL. Successful and failed sign-ins
 * both count: each is the access being exercised. Graph v1.0 lists interactive sign-ins (and
 * successful federated ones); non-interactive sign-ins (token refreshes by a client) are only in
 * the beta endpoint, so a grant used solely by a background client may read as unused. Needs {@code
 * AuditLog.Read.All} and an Entra ID P1 or P2 licence. Not API.
 */
public final class EntraSignIns implements ActivityLog {
  private final String providerId;
  private final URI baseUrl;
  private final GraphServiceClient graph;
  private final GraphCalls calls;
  private final int pageSize;
  private final Map<String, String> apps;

  /**
   * A log read through {@code calls}, {@code pageSize} sign-ins a page, with {@code apps} mapping
   * catalog application ids to Entra application (client) ids.
   */
  public EntraSignIns(
      String providerId,
      URI baseUrl,
      GraphServiceClient graph,
      GraphCalls calls,
      int pageSize,
      Map<String, String> apps) {
    this.providerId = providerId;
    this.baseUrl = baseUrl;
    this.graph = graph;
    this.calls = calls;
    this.pageSize = pageSize;
    this.apps = Map.copyOf(apps);
  }

  @Override
  public String source() {
    return providerId + ":/auditLogs/signIns";
  }

  @Override
  public ActivityPage activity(ActivityQuery query, @Nullable String pageToken) {
    if (pageToken != null && !pageToken.startsWith(baseUrl.toString() + "/")) {
      throw new InvalidRequestException(
          "page token is not a Graph nextLink under " + baseUrl + "; pass the token a page gave");
    }
    String filter = filter(query);
    GraphAnswer<SignInCollectionResponse> answer =
        calls.run(
            new GraphCall<>(
                "activity",
                null,
                () -> {
                  var signIns = graph.auditLogs().signIns();
                  return GraphCalls.present(
                      pageToken == null
                          ? signIns.get(
                              c -> {
                                c.queryParameters.filter = filter;
                                c.queryParameters.top = pageSize;
                              })
                          : signIns.withUrl(pageToken).get());
                }),
            calls.deadline());
    SignInCollectionResponse page = answer.value();
    List<Activity> events = new ArrayList<>();
    if (page != null && page.getValue() != null) {
      for (SignIn s : page.getValue()) {
        if (s.getCreatedDateTime() == null) {
          continue;
        }
        Instant at = s.getCreatedDateTime().toInstant();
        if (query.contains(at)) {
          events.add(new Activity(at, "signIn", s.getId()));
        }
      }
    }
    String next = page == null ? null : page.getOdataNextLink();
    return new ActivityPage(
        events,
        next == null || next.isBlank() ? null : next,
        "/auditLogs/signIns?$filter=" + filter + "&$top=" + pageSize);
  }

  private String filter(ActivityQuery query) {
    String app = apps.get(query.application());
    return "userId eq '"
        + literal(query.userId())
        + "'"
        + (app == null ? "" : " and appId eq '" + literal(app) + "'")
        + " and createdDateTime ge "
        + query.from().truncatedTo(ChronoUnit.SECONDS)
        + " and createdDateTime le "
        + roundedUp(query.to());
  }

  /** The end in whole seconds, rounded up so no sign-in before the end is left out. */
  private static Instant roundedUp(Instant to) {
    Instant seconds = to.truncatedTo(ChronoUnit.SECONDS);
    return seconds.equals(to) ? to : seconds.plusSeconds(1);
  }

  /** An OData string literal doubles its single quotes. */
  private static String literal(String value) {
    return value.replace("'", "''");
  }
}
