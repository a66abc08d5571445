package dev.accessgov.entra.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Renders the emulator's users, groups and errors in the shapes Microsoft Graph v1.0 sends. */
final class GraphJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private GraphJson() {}

  /** A user as the emulator holds it; {@code activity} false means no signInActivity recorded. */
  record EmuUser(
      String id,
      String upn,
      @Nullable String mail,
      boolean enabled,
      boolean activity,
      @Nullable Instant lastSignIn) {}

  /** A group and the properties that decide whether its members may be changed. */
  record EmuGroup(
      String id,
      List<String> groupTypes,
      boolean roleAssignable,
      boolean onPremises,
      boolean mailEnabled) {}

  static ObjectNode user(EmuUser u, String base, boolean withActivity) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("@odata.context", base + "/$metadata#users/$entity");
    n.put("id", u.id());
    n.put("userPrincipalName", u.upn());
    n.put("mail", u.mail());
    n.put("accountEnabled", u.enabled());
    if (withActivity && u.activity()) {
      ObjectNode a = n.putObject("signInActivity");
      a.put("lastSignInDateTime", u.lastSignIn() == null ? null : u.lastSignIn().toString());
      a.put("lastSignInRequestId", u.lastSignIn() == null ? null : "sir-" + u.id());
      a.putNull("lastNonInteractiveSignInDateTime");
      a.putNull("lastNonInteractiveSignInRequestId");
    }
    return n;
  }

  static ObjectNode member(EmuUser u) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("@odata.type", "#microsoft.graph.user");
    n.put("id", u.id());
    n.put("userPrincipalName", u.upn());
    return n;
  }

  static ObjectNode group(EmuGroup g, String base) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("@odata.context", base + "/$metadata#groups/$entity");
    n.put("id", g.id());
    n.put("displayName", "Emulated " + g.id());
    g.groupTypes().forEach(n.putArray("groupTypes")::add);
    n.put("isAssignableToRole", g.roleAssignable());
    if (g.onPremises()) {
      n.put("onPremisesSyncEnabled", true);
    } else {
      n.putNull("onPremisesSyncEnabled");
    }
    n.put("mailEnabled", g.mailEnabled());
    n.put("securityEnabled", true);
    return n;
  }

  /** Graph's error body: {@code error.code}, {@code error.message}, {@code error.innerError}. */
  static ObjectNode error(String code, String message, String requestId) {
    ObjectNode n = MAPPER.createObjectNode();
    ObjectNode e = n.putObject("error");
    e.put("code", code);
    e.put("message", message);
    ObjectNode inner = e.putObject("innerError");
    inner.put("date", Instant.now().toString().replaceAll("\\.\\d+Z$", ""));
    inner.put("request-id", requestId);
    inner.put("client-request-id", requestId);
    return n;
  }
}
