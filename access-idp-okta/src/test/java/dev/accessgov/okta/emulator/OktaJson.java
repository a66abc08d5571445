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
