package dev.accessgov.google.internal;

import com.google.api.client.googleapis.services.json.AbstractGoogleJsonClient;
import com.google.api.client.googleapis.services.json.AbstractGoogleJsonClientRequest;
import com.google.api.client.util.Key;
import com.google.api.client.util.Preconditions;
import dev.accessgov.spi.Activity;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A user's sign-ins, from the Admin SDK Reports API's {@code activities.list} ({@code GET
 * admin/reports/v1/activity/users/{userKey}/applications/{applicationName}}): for a catalog
 * application mapped to an OAuth client, its {@code token} report's {@code authorize} events with
 * {@code filters=client_id==<client>}; otherwise the user's {@code login} report's {@code
 * login_success} events. Bounded by {@code startTime} and {@code endTime}, paged by {@code
 * nextPageToken}, events outside {@code [from, to)} dropped here.
 *
 * <p>The request is declared as the API's generated client declares its requests (an {@link
 * AbstractGoogleJsonClientRequest} with {@link Key} query fields), on the Directory client, which
 * shares the Reports API's root URL, credentials and transport: the only Reports client Maven
 * Central serves for this API ({@code reports_v1-rev83-1.25.0}) refuses to load beside
 * google-api-client 2. Not API.
 */
public final class ReportsActivity implements ActivityLog {
  /** The scope {@code activities.list} needs; domain-wide delegation must grant it. */
  public static final String SCOPE = "https://www.googleapis.com/auth/admin.reports.audit.readonly";

  private static final String PATH =
      "admin/reports/v1/activity/users/{userKey}/applications/{applicationName}";

  private final String providerId;
  private final AbstractGoogleJsonClient client;
  private final GoogleCalls calls;
  private final String customerId;
  private final int pageSize;
  private final Map<String, String> clients;

  /**
   * A log read with {@code client} through {@code calls}, {@code pageSize} activities a page, for
   * {@code customerId}, with {@code clients} mapping catalog application ids to OAuth client ids.
   */
  public ReportsActivity(
      String providerId,
      AbstractGoogleJsonClient client,
      GoogleCalls calls,
      String customerId,
      int pageSize,
      Map<String, String> clients) {
    this.providerId = providerId;
    this.client = client;
    this.calls = calls;
    this.customerId = customerId;
    this.pageSize = pageSize;
    this.clients = Map.copyOf(clients);
  }

  @Override
  public String source() {
    return providerId + ":/admin/reports/v1/activity";
  }

  @Override
  public ActivityPage activity(ActivityQuery query, @Nullable String pageToken) {
    String oauthClient = clients.get(query.application());
    String application = oauthClient == null ? "login" : "token";
    String eventName = oauthClient == null ? "login_success" : "authorize";
    String filters = oauthClient == null ? null : "client_id==" + oauthClient;
    String start = query.from().truncatedTo(ChronoUnit.MILLIS).toString();
    Instant endMillis = query.to().truncatedTo(ChronoUnit.MILLIS);
    String end = (endMillis.isBefore(query.to()) ? endMillis.plusMillis(1) : endMillis).toString();
    GoogleAnswer<ReportActivities> answer =
        calls.run(
            new GoogleCall<>(
                "activity",
                () -> {
                  ListRequest request = new ListRequest(client, query.userId(), application);
                  request.startTime = start;
                  request.endTime = end;
                  request.eventName = eventName;
                  request.filters = filters;
                  request.maxResults = pageSize;
                  request.pageToken = pageToken;
                  request.customerId = customerId.equals("my_customer") ? null : customerId;
                  return DirectoryTransport.parsed(request, ReportActivities.class);
                }),
            calls.deadline());
    ReportActivities page = answer.value();
    List<Activity> events = new ArrayList<>();
    String next = null;
    if (page != null) {
      for (ReportActivities.Item item : page.items()) {
        ReportActivities.Id id = item.id();
        if (id == null || id.time() == null) {
          continue;
        }
        Instant at = Instant.ofEpochMilli(id.time().getValue());
        if (query.contains(at)) {
          String name = item.firstEventName();
          events.add(new Activity(at, name == null ? eventName : name, id.uniqueQualifier()));
        }
      }
      next = page.nextPageToken();
    }
    return new ActivityPage(
        events,
        next == null || next.isEmpty() ? null : next,
        "/admin/reports/v1/activity/users/"
            + query.userId()
            + "/applications/"
            + application
            + "?startTime="
            + start
            + "&endTime="
            + end
            + "&eventName="
            + eventName
            + (filters == null ? "" : "&filters=" + filters)
            + "&maxResults="
            + pageSize);
  }

  /** {@code reports.activities.list}, declared as the API's generated client declares it. */
  static final class ListRequest extends AbstractGoogleJsonClientRequest<ReportActivities> {
    @Key private final String userKey;
    @Key private final String applicationName;
    @Key @Nullable String startTime;
    @Key @Nullable String endTime;
    @Key @Nullable String eventName;
    @Key @Nullable String filters;
    @Key @Nullable Integer maxResults;
    @Key @Nullable String pageToken;
    @Key @Nullable String customerId;

    ListRequest(AbstractGoogleJsonClient client, String userKey, String applicationName) {
      super(client, "GET", PATH, null, ReportActivities.class);
      this.userKey = Preconditions.checkNotNull(userKey, "userKey");
      this.applicationName = Preconditions.checkNotNull(applicationName, "applicationName");
    }

    @Override
    public ListRequest set(String fieldName, Object value) {
      return (ListRequest) super.set(fieldName, value);
    }
  }
}
