package dev.accessgov.okta.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Renders the emulator's users and errors in the shapes of okta-management.trimmed.json. */
final class OktaJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private OktaJson() {}

  /** A user as Okta's {@code User} schema has it. */
  record EmuUser(
      String id, String login, String email, String status, @Nullable Instant lastLogin) {}

  static ObjectNode user(EmuUser u, String baseUrl) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", u.id());
    n.put("status", u.status());
    n.put("created", "2025-01-02T03:04:05.000Z");
    n.put("activated", "2025-01-02T03:04:05.000Z");
    n.put("statusChanged", "2025-01-02T03:04:05.000Z");
    if (u.lastLogin() == null) {
      n.putNull("lastLogin");
    } else {
      n.put("lastLogin", u.lastLogin().toString());
    }
    n.put("lastUpdated", "2025-01-02T03:04:05.000Z");
    n.putNull("passwordChanged");
    n.putObject("type").put("id", "oty1emulatorType0001");
    ObjectNode profile = n.putObject("profile");
    String local = u.login().contains("@") ? u.login().substring(0, u.login().indexOf('@')) : "x";
    profile.put("firstName", local);
    profile.put("lastName", "Emulated");
    profile.put("login", u.login());
    profile.put("email", u.email());
    n.putObject("credentials").putObject("provider").put("type", "OKTA").put("name", "OKTA");
    n.putObject("_links").putObject("self").put("href", baseUrl + "/api/v1/users/" + u.id());
    return n;
  }

  static String users(Collection<EmuUser> users, String baseUrl) {
    ArrayNode array = MAPPER.createArrayNode();
    users.forEach(u -> array.add(user(u, baseUrl)));
    return array.toString();
  }

  /** A System Log event of a user signing in to an app. */
  record LogEntry(
      String uuid,
      String userId,
      String login,
      String appId,
      Instant published,
      String eventType) {}

  /** System Log events as Okta's {@code LogEvent} schema has them. */
  static String logEvents(Collection<LogEntry> entries) {
    ArrayNode array = MAPPER.createArrayNode();
    for (LogEntry e : entries) {
      ObjectNode n = array.addObject();
      n.putObject("actor")
          .put("id", e.userId())
          .put("type", "User")
          .put("alternateId", e.login())
          .put("displayName", e.login());
      n.putObject("client")
          .put("device", "Computer")
          .put("ipAddress", "198.51.100.7")
          .put("zone", "null")
          .putObject("userAgent")
          .put("rawUserAgent", "Mozilla/5.0")
          .put("os", "Mac OS X")
          .put("browser", "CHROME");
      n.put("displayMessage", "User single sign on to app");
      n.put("eventType", e.eventType());
      n.put("legacyEventType", "app.auth.sso");
      n.putObject("outcome").put("result", "SUCCESS");
      n.put("published", java.time.format.DateTimeFormatter.ISO_INSTANT.format(e.published()));
      n.put("severity", "INFO");
      ArrayNode target = n.putArray("target");
      target
          .addObject()
          .put("id", e.appId())
          .put("type", "AppInstance")
          .put("alternateId", "Emulated app")
          .put("displayName", "Emulated app");
      target
          .addObject()
          .put("id", "0ua" + e.userId())
          .put("type", "AppUser")
          .put("alternateId", e.login())
          .put("displayName", e.login());
      n.putObject("transaction").put("type", "WEB").put("id", "tx-" + e.uuid());
      n.putObject("debugContext").putObject("debugData");
      n.put("uuid", e.uuid());
      n.put("version", "0");
    }
    return array.toString();
  }

  static String error(String code, String summary) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("errorCode", code);
    n.put("errorSummary", summary);
    n.put("errorLink", code);
    n.put("errorId", "oae" + Long.toHexString(System.nanoTime()));
    n.putArray("errorCauses");
    return n.toString();
  }
}
