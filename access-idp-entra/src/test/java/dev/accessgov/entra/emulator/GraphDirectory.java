package dev.accessgov.entra.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.entra.emulator.GraphJson.EmuGroup;
import dev.accessgov.entra.emulator.GraphJson.EmuUser;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The emulated tenant's users, groups and memberships, and the answers Graph v1.0 gives to the
 * calls this library makes. Not thread-safe: the emulator serialises access.
 */
final class GraphDirectory {
  private static final Pattern USER = Pattern.compile("/users/([^/]+)");
  private static final Pattern GROUP = Pattern.compile("/groups/([^/]+)");
  private static final Pattern MEMBERS = Pattern.compile("/groups/([^/]+)/members");
  private static final Pattern USER_MEMBERS =
      Pattern.compile("/groups/([^/]+)/members/(?:microsoft\\.)?graph\\.user");
  private static final Pattern MEMBER_USER =
      Pattern.compile("/groups/([^/]+)/members/([^/]+)/(?:microsoft\\.)?graph\\.user");
  private static final Pattern ADD = Pattern.compile("/groups/([^/]+)/members/\\$ref");
  private static final Pattern REMOVE = Pattern.compile("/groups/([^/]+)/members/([^/]+)/\\$ref");
  private static final Pattern FILTER_MAIL = Pattern.compile("mail eq '((?:[^']|'')*)'");

  final Map<String, EmuUser> users = new LinkedHashMap<>();
  final Map<String, EmuGroup> groups = new HashMap<>();
  final Map<String, TreeSet<String>> members = new HashMap<>();

  /**
   * Directory objects that are neither users nor groups (devices, service principals,
   * organisational contacts), by id, with their {@code @odata.type}: a group's direct members may
   * be any of them (List group members, Graph v1.0).
   */
  final Map<String, String> otherObjects = new HashMap<>();

  boolean signInActivityLicensed = true;

  void clear() {
    users.clear();
    groups.clear();
    members.clear();
    otherObjects.clear();
    signInActivityLicensed = true;
  }

  /**
   * Answers one request.
   *
   * @param path the path after {@code /v1.0}, not decoded
   * @param query the decoded query parameters
   * @param base the emulator's Graph base URL, for links
   */
  Reply route(
      String method,
      String path,
      Map<String, String> query,
      @Nullable JsonNode body,
      String base,
      String requestId) {
    String p = decode(path);
    Matcher m;
    if (method.equals("POST") && (m = ADD.matcher(p)).matches()) {
      return add(m.group(1), body, requestId);
    }
    if (method.equals("DELETE") && (m = REMOVE.matcher(p)).matches()) {
      return remove(m.group(1), m.group(2), requestId);
    }
    if (!method.equals("GET")) {
      return Reply.error(405, "Request_BadRequest", "Unsupported method " + method, requestId);
    }
    if ((m = USER_MEMBERS.matcher(p)).matches()) {
      return listMembers(m.group(1), query, base, requestId, true);
    }
    if ((m = MEMBER_USER.matcher(p)).matches()) {
      // Direct members only, and only users: a user in a nested group is not found here, nor is
      // a member of another type cast to user.
      TreeSet<String> in = members.get(m.group(1));
      if (in == null || !in.contains(m.group(2)) || !users.containsKey(m.group(2))) {
        return notFound(in == null ? m.group(1) : m.group(2), requestId);
      }
      ObjectNode user = GraphJson.member(users.get(m.group(2)));
      user.remove("@odata.type");
      return Reply.of(200, user);
    }
    if ((m = MEMBERS.matcher(p)).matches()) {
      return listMembers(m.group(1), query, base, requestId, false);
    }
    if ((m = GROUP.matcher(p)).matches()) {
      EmuGroup g = groups.get(m.group(1));
      return g == null ? notFound(m.group(1), requestId) : Reply.of(200, GraphJson.group(g, base));
    }
    if ((m = USER.matcher(p)).matches()) {
      return getUser(m.group(1), query.getOrDefault("$select", ""), base, requestId);
    }
    if (p.equals("/users")) {
      return filterUsers(query.getOrDefault("$filter", ""), base, requestId);
    }
    return Reply.error(
        400, "BadRequest", "Resource not found for the segment '" + p + "'.", requestId);
  }

  private Reply getUser(String key, String select, String base, String requestId) {
    EmuUser user = users.get(key);
    if (user == null) {
      user =
          users.values().stream()
              .filter(u -> u.upn().equalsIgnoreCase(key))
              .findFirst()
              .orElse(null);
    }
    if (user == null) {
      return notFound(key, requestId);
    }
    boolean activity = select.contains("signInActivity");
    if (activity && !signInActivityLicensed) {
      return Reply.error(
          403,
          "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
          "Neither tenant is B2C or tenant doesn't have premium license",
          requestId);
    }
    return Reply.of(200, GraphJson.user(user, base, activity));
  }

  private Reply filterUsers(String filter, String base, String requestId) {
    Matcher m = FILTER_MAIL.matcher(filter);
    if (!m.matches()) {
      return Reply.error(400, "Request_UnsupportedQuery", "Unsupported query.", requestId);
    }
    String mail = m.group(1).replace("''", "'");
    ObjectNode page = GraphJson.MAPPER.createObjectNode();
    page.put("@odata.context", base + "/$metadata#users");
    var value = page.putArray("value");
    users.values().stream()
        .filter(u -> mail.equalsIgnoreCase(u.mail()))
        .forEach(u -> value.add(GraphJson.user(u, base, false)));
    return Reply.of(200, page);
  }

  /**
   * A page of a group's direct members (List group members: "This operation is not transitive"), of
   * every type, or only users when {@code usersOnly} (the OData cast {@code
   * /members/microsoft.graph.user}). An object is rendered with its {@code @odata.type}, its id and
   * those selected properties its type has.
   */
  private Reply listMembers(
      String groupId, Map<String, String> query, String base, String requestId, boolean usersOnly) {
    TreeSet<String> group = members.get(groupId);
    if (group == null) {
      return notFound(groupId, requestId);
    }
    int top = Integer.parseInt(query.getOrDefault("$top", "100"));
    String select = query.getOrDefault("$select", "");
    String after = query.get("$skiptoken");
    ObjectNode page = GraphJson.MAPPER.createObjectNode();
    page.put("@odata.context", base + "/$metadata#" + (usersOnly ? "users" : "directoryObjects"));
    var value = page.putArray("value");
    String last = null;
    for (String id : after == null ? group : group.tailSet(after, false)) {
      if (usersOnly && !users.containsKey(id)) {
        continue;
      }
      if (value.size() == top) {
        page.put(
            "@odata.nextLink",
            base
                + "/groups/"
                + groupId
                + (usersOnly ? "/members/microsoft.graph.user" : "/members")
                + "?$top="
                + top
                + (select.isEmpty() ? "" : "&$select=" + select)
                + "&$skiptoken="
                + URLEncoder.encode(last, StandardCharsets.UTF_8));
        break;
      }
      value.add(memberJson(id, usersOnly));
      last = id;
    }
    return Reply.of(200, page);
  }

  private ObjectNode memberJson(String id, boolean cast) {
    EmuUser user = users.get(id);
    if (user != null) {
      ObjectNode n = GraphJson.member(user);
      if (cast) {
        n.remove("@odata.type");
      }
      return n;
    }
    ObjectNode n = GraphJson.MAPPER.createObjectNode();
    n.put("@odata.type", groups.containsKey(id) ? "#microsoft.graph.group" : otherObjects.get(id));
    n.put("id", id);
    return n;
  }

  private Reply add(String groupId, @Nullable JsonNode body, String requestId) {
    String ref = body == null ? "" : body.path("@odata.id").asText("");
    int slash = ref.lastIndexOf("/directoryObjects/");
    if (slash < 0) {
      return Reply.error(
          400, "Request_BadRequest", "Invalid object identifier '" + ref + "'.", requestId);
    }
    String userId = ref.substring(slash + "/directoryObjects/".length());
    EmuGroup group = groups.get(groupId);
    if (group == null) {
      return notFound(groupId, requestId);
    }
    if (!users.containsKey(userId)) {
      return notFound(userId, requestId);
    }
    Reply refused = refuse(group, requestId);
    if (refused != null) {
      return refused;
    }
    if (!members.get(groupId).add(userId)) {
      return Reply.error(
          400,
          "Request_BadRequest",
          "One or more added object references already exist for the following modified properties: 'members'.",
          requestId);
    }
    return Reply.of(204, null);
  }

  private Reply remove(String groupId, String userId, String requestId) {
    EmuGroup group = groups.get(groupId);
    if (group == null) {
      return notFound(groupId, requestId);
    }
    Reply refused = refuse(group, requestId);
    if (refused != null) {
      return refused;
    }
    if (!members.get(groupId).remove(userId)) {
      return notFound(userId, requestId);
    }
    return Reply.of(204, null);
  }

  /** What Graph answers when asked to change a group whose members it will not change. */
  private static @Nullable Reply refuse(EmuGroup group, String requestId) {
    if (group.roleAssignable()) {
      return Reply.error(
          403,
          "Authorization_RequestDenied",
          "Insufficient privileges to complete the operation.",
          requestId);
    }
    if (group.groupTypes().contains("DynamicMembership")) {
      return Reply.error(
          400,
          "Request_BadRequest",
          "Insufficient privileges to complete the operation.",
          requestId);
    }
    if (group.onPremises() || (group.mailEnabled() && !group.groupTypes().contains("Unified"))) {
      return Reply.error(
          400,
          "Request_BadRequest",
          "Cannot Update a mail-enabled security groups and or distribution list.",
          requestId);
    }
    return null;
  }

  private static Reply notFound(String id, String requestId) {
    return Reply.error(
        404,
        "Request_ResourceNotFound",
        "Resource '"
            + id
            + "' does not exist or one of its queried reference-property objects are not present.",
        requestId);
  }

  static List<String> ids(Map<String, TreeSet<String>> members, String groupId) {
    return List.copyOf(members.get(groupId));
  }

  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
