package dev.accessgov.google.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The emulated Workspace's activity reports, {@code reports.activities.list} as the discovery
 * document {@code admin:reports_v1} and the Reports API guide describe it: newest first; {@code
 * startTime} and {@code endTime} in RFC 3339 ({@code startTime} before {@code endTime}, else 400
 * {@code invalid}); {@code maxResults} 1 to 1000; {@code eventName}; {@code filters} of {@code
 * name==value} pairs on event parameters (only {@code ==} is emulated); a {@code nextPageToken}
 * while more remain; an unknown user 404 {@code notFound}.
 */
final class ReportsLog {
  /** One activity: a user's event in one application's report. */
  record Entry(
      String uniqueQualifier,
      String userId,
      String email,
      String application,
      String eventName,
      Map<String, String> parameters,
      Instant time) {}

  private final List<Entry> entries = new ArrayList<>();

  void clear() {
    entries.clear();
  }

  void add(Entry entry) {
    entries.add(entry);
  }

  int size() {
    return entries.size();
  }

  /**
   * The page the query asks for, or the error Google gives; {@code user} finds a user by id or
   * e-mail (null: unknown).
   */
  Reply list(
      String userKey,
      String application,
      Map<String, String> query,
      Function<String, @Nullable String> user) {
    String userId = userKey.equals("all") ? null : user.apply(userKey);
    if (!userKey.equals("all") && userId == null) {
      return Reply.error(404, "Resource Not Found: userKey", "notFound");
    }
    int max;
    try {
      max = Integer.parseInt(query.getOrDefault("maxResults", "1000"));
    } catch (NumberFormatException e) {
      max = -1;
    }
    if (max < 1 || max > 1000) {
      return Reply.error(400, "Invalid value for: maxResults", "invalid");
    }
    Instant start;
    Instant end;
    try {
      start =
          query.containsKey("startTime") ? Instant.parse(query.get("startTime")) : Instant.EPOCH;
      end = query.containsKey("endTime") ? Instant.parse(query.get("endTime")) : Instant.now();
    } catch (DateTimeParseException e) {
      return Reply.error(400, "Invalid value for: startTime/endTime", "invalid");
    }
    if (!start.isBefore(end)) {
      return Reply.error(400, "Start time must be less than the end time.", "invalid");
    }
    String eventName = query.get("eventName");
    List<String[]> filters = new ArrayList<>();
    String filter = query.get("filters");
    if (filter != null) {
      for (String pair : filter.split(",")) {
        String[] kv = pair.split("==", 2);
        if (kv.length != 2 || kv[0].isEmpty()) {
          return Reply.error(400, "Invalid value for: filters", "invalid");
        }
        filters.add(kv);
      }
    }
    List<Entry> found = new ArrayList<>();
    for (Entry e : entries) {
      boolean matches =
          (userId == null || e.userId().equals(userId))
              && e.application().equals(application)
              && (eventName == null || e.eventName().equals(eventName))
              && !e.time().isBefore(start)
              && !e.time().isAfter(end)
              && filters.stream().allMatch(f -> f[1].equals(e.parameters().get(f[0])));
      if (matches) {
        found.add(e);
      }
    }
    found.sort(Comparator.comparing(Entry::time).thenComparing(Entry::uniqueQualifier).reversed());
    int from = 0;
    String token = query.get("pageToken");
    if (token != null) {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > found.size()) {
        return Reply.error(400, "Invalid value for: pageToken", "invalid");
      }
    }
    int to = Math.min(found.size(), from + max);
    ObjectNode page = GoogleJson.MAPPER.createObjectNode();
    page.put("kind", "admin#reports#activities");
    page.put("etag", "\"emulated-etag\"");
    ArrayNode items = page.putArray("items");
    for (Entry e : found.subList(from, to)) {
      items.add(json(e));
    }
    if (to < found.size()) {
      page.put("nextPageToken", Integer.toString(to));
    }
    return new Reply(200, page.toString(), null);
  }

  private static ObjectNode json(Entry e) {
    ObjectNode n = GoogleJson.MAPPER.createObjectNode();
    n.put("kind", "admin#reports#activity");
    ObjectNode id = n.putObject("id");
    id.put("time", e.time().toString());
    id.put("uniqueQualifier", e.uniqueQualifier());
    id.put("applicationName", e.application());
    id.put("customerId", GoogleEmulator.CUSTOMER);
    n.put("etag", "\"emulated-etag-" + e.uniqueQualifier() + "\"");
    ObjectNode actor = n.putObject("actor");
    actor.put("email", e.email());
    actor.put("profileId", e.userId());
    actor.put("callerType", "USER");
    n.put("ipAddress", "198.51.100.7");
    ObjectNode event = n.putArray("events").addObject();
    event.put("type", e.application().equals("token") ? "auth" : "login");
    event.put("name", e.eventName());
    ArrayNode parameters = event.putArray("parameters");
    e.parameters().forEach((k, v) -> parameters.addObject().put("name", k).put("value", v));
    return n;
  }

  /** An answer: a JSON body, or an error for the emulator to render in Google's shape. */
  record Reply(int status, String body, @Nullable String reason) {
    static Reply error(int status, String message, String reason) {
      return new Reply(status, message, reason);
    }
  }
}
