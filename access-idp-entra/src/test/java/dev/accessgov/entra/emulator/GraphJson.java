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

  /** A user as the emulator holds it; {@code signIns} null means no signInActivity recorded. */
  record EmuUser(
      String id, String upn, @Nullable String mail, boolean enabled, @Nullable SignIns signIns) {}

  /**
   * A user's {@code signInActivity} as Graph v1.0 keeps it (signInActivity resource type,
   * learn.microsoft.com/graph/api/resources/signinactivity): {@code lastSignInDateTime} is the last
   * interactive sign-in <em>attempt</em> and {@code lastNonInteractiveSignInDateTime} the last
   * non-interactive one, "either successfully or unsuccessfully"; only {@code
   * lastSuccessfulSignInDateTime} records a sign-in that worked, interactive or not (and is not
   * backfilled before December 2023).
   */
  record SignIns(
      @Nullable Instant interactive,
      @Nullable Instant nonInteractive,
      @Nullable Instant successful) {
    static final SignIns NONE = new SignIns(null, null, null);

    /** This activity after one more sign-in attempt at {@code at}. */
    SignIns after(Instant at, boolean isInteractive, boolean succeeded) {
      return new SignIns(
          isInteractive ? later(interactive, at) : interactive,
          isInteractive ? nonInteractive : later(nonInteractive, at),
          succeeded ? later(successful, at) : successful);
    }

    private static Instant later(@Nullable Instant a, Instant b) {
      return a == null || b.isAfter(a) ? b : a;
    }
  }

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
    SignIns s = u.signIns();
    if (withActivity && s != null) {
      ObjectNode a = n.putObject("signInActivity");
      time(a, "lastSignIn", s.interactive(), u.id());
      time(a, "lastNonInteractiveSignIn", s.nonInteractive(), u.id());
      time(a, "lastSuccessfulSignIn", s.successful(), u.id());
    }
    return n;
  }

  private static void time(ObjectNode a, String prefix, @Nullable Instant at, String userId) {
    a.put(prefix + "DateTime", at == null ? null : at.toString());
    a.put(
        prefix + "RequestId", at == null ? null : prefix + "-" + userId + "-" + at.toEpochMilli());
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
