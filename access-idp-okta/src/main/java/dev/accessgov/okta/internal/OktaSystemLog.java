package dev.accessgov.okta.internal;

import com.okta.sdk.resource.api.SystemLogApi;
import com.okta.sdk.resource.model.LogEvent;
import dev.accessgov.spi.Activity;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A user's single sign-ons to an app, read from Okta's System Log ({@code GET /api/v1/logs}) with
 * the SDK's {@link SystemLogApi}: a bounded query ({@code since} and {@code until}) filtered to
 * {@code eventType eq "user.authentication.sso"}, the user as {@code actor.id} and, when the
 * catalog application is mapped to an Okta app, that app as {@code target.id}; oldest first, paged
 * by the {@code after} cursor of the {@code Link rel="next"} header. Okta's {@code until} may
 * include its own instant, so events outside {@code [from, to)} are dropped here. Not API.
 */
public final class OktaSystemLog implements ActivityLog {
  /** The System Log event of a user signing in to an app through Okta. */
  public static final String SSO = "user.authentication.sso";

  private static final String BUCKET = "logs";

  private final String providerId;
  private final OktaCalls calls;
  private final SystemLogApi logs;
  private final int pageSize;
  private final Map<String, String> apps;

  /**
   * A log read through {@code calls}, {@code pageSize} events a page, with {@code apps} mapping
   * catalog application ids to Okta app instance ids.
   */
  public OktaSystemLog(
      String providerId,
      OktaCalls calls,
      SystemLogApi logs,
      int pageSize,
      Map<String, String> apps) {
    this.providerId = providerId;
    this.calls = calls;
    this.logs = logs;
    this.pageSize = pageSize;
    this.apps = Map.copyOf(apps);
  }

  @Override
  public String source() {
    return providerId + ":/api/v1/logs";
  }

  @Override
  public ActivityPage activity(ActivityQuery query, @Nullable String pageToken) {
    String since = query.from().truncatedTo(ChronoUnit.MILLIS).toString();
    // Okta's times are milliseconds: an end with a fraction of one is rounded up, not cut off.
    Instant end = query.to().truncatedTo(ChronoUnit.MILLIS);
    String until = (end.isBefore(query.to()) ? end.plusMillis(1) : end).toString();
    String filter = filter(query);
    OktaCall<List<LogEvent>> call =
        new OktaCall<>(
            "activity",
            BUCKET,
            null,
            () -> logs.listLogEvents(since, until, pageToken, filter, null, pageSize, "ASCENDING"));
    OktaAnswer<List<LogEvent>> answer = calls.run(call, calls.deadline());
    List<LogEvent> listed = answer.value() == null ? List.of() : answer.value();
    List<Activity> events = new ArrayList<>(listed.size());
    for (LogEvent e : listed) {
      if (e.getPublished() == null) {
        continue;
      }
      Instant at = e.getPublished().toInstant();
      if (query.contains(at)) {
        events.add(
            new Activity(at, e.getEventType() == null ? SSO : e.getEventType(), e.getUuid()));
      }
    }
    String next = listed.isEmpty() ? null : answer.meta().nextCursor();
    return new ActivityPage(
        events,
        next,
        "/api/v1/logs?since="
            + since
            + "&until="
            + until
            + "&filter="
            + URLEncoder.encode(filter, StandardCharsets.UTF_8)
            + "&sortOrder=ASCENDING&limit="
            + pageSize);
  }

  private String filter(ActivityQuery query) {
    String filter =
        "eventType eq \"" + SSO + "\" and actor.id eq \"" + quoted(query.userId()) + "\"";
    String app = apps.get(query.application());
    return app == null ? filter : filter + " and target.id eq \"" + quoted(app) + "\"";
  }

  /** Okta ids are alphanumeric; anything else is escaped so it cannot end the string early. */
  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
