package dev.accessgov.google.internal;

import com.google.api.client.json.GenericJson;
import com.google.api.client.util.DateTime;
import com.google.api.client.util.Key;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of the Reports API's {@code Activities} answer ({@code admin:reports_v1}) that usage
 * evidence reads, as google-http-client models with {@link Key} fields, the way the API's generated
 * client declares them. Not API.
 */
public final class ReportActivities extends GenericJson {
  @Key private @Nullable List<Item> items;
  @Key private @Nullable String nextPageToken;

  /** The activities of this page; empty when there are none. */
  public List<Item> items() {
    return items == null ? List.of() : items;
  }

  /** The token of the next page, or null on the last. */
  public @Nullable String nextPageToken() {
    return nextPageToken;
  }

  /** One {@code Activity}. */
  public static final class Item extends GenericJson {
    @Key private @Nullable Id id;
    @Key private @Nullable List<Event> events;

    /** The activity's id, with its time. */
    public @Nullable Id id() {
      return id;
    }

    /** The name of its first event, or null. */
    public @Nullable String firstEventName() {
      return events == null || events.isEmpty() ? null : events.get(0).name;
    }
  }

  /** {@code Activity.id}. */
  public static final class Id extends GenericJson {
    @Key private @Nullable DateTime time;
    @Key private @Nullable String uniqueQualifier;

    /** When the activity happened. */
    public @Nullable DateTime time() {
      return time;
    }

    /** The activity's unique qualifier. */
    public @Nullable String uniqueQualifier() {
      return uniqueQualifier;
    }
  }

  /** One entry of {@code Activity.events}. */
  public static final class Event extends GenericJson {
    @Key private @Nullable String name;
  }
}
