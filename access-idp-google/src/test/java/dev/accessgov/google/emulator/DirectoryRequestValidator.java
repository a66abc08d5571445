package dev.accessgov.google.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks recorded requests against the Directory API methods this library calls, as the API's
 * discovery document ({@code admin:directory_v1}) defines them. Google publishes no OpenAPI
 * document, so the rules are written out here: method and path template, the query parameters each
 * method takes (with {@code maxResults} in 1..200), the {@code Member} body of {@code
 * members.insert} (known fields only, {@code email} or {@code id}, a valid {@code role}), a bearer
 * token on every call, and the token request's grant type.
 */
public final class DirectoryRequestValidator {
  private static final String SEGMENT = "[^/]+";
  private static final String ROOT = "/admin/directory/v1/";
  private static final Set<String> STANDARD =
      Set.of(
          "$.xgafv",
          "access_token",
          "alt",
          "callback",
          "fields",
          "key",
          "oauth_token",
          "prettyPrint",
          "quotaUser",
          "uploadType",
          "upload_protocol");
  private static final Set<String> MEMBER_FIELDS =
      Set.of("kind", "etag", "id", "email", "role", "type", "status", "delivery_settings");
  private static final Set<String> ROLES = Set.of("OWNER", "MANAGER", "MEMBER");

  private record Method(String name, String http, Pattern path, Set<String> query) {}

  private static final List<Method> METHODS =
      List.of(
          new Method(
              "users.get",
              "GET",
              Pattern.compile(ROOT + "users/" + SEGMENT),
              Set.of("customFieldMask", "projection", "viewType")),
          new Method("groups.get", "GET", Pattern.compile(ROOT + "groups/" + SEGMENT), Set.of()),
          new Method(
              "members.list",
              "GET",
              Pattern.compile(ROOT + "groups/" + SEGMENT + "/members"),
              Set.of("includeDerivedMembership", "maxResults", "pageToken", "roles")),
          new Method(
              "members.insert",
              "POST",
              Pattern.compile(ROOT + "groups/" + SEGMENT + "/members"),
              Set.of()),
          new Method(
              "members.get",
              "GET",
              Pattern.compile(ROOT + "groups/" + SEGMENT + "/members/" + SEGMENT),
              Set.of()),
          new Method(
              "members.delete",
              "DELETE",
              Pattern.compile(ROOT + "groups/" + SEGMENT + "/members/" + SEGMENT),
              Set.of()),
          new Method(
              "members.hasMember",
              "GET",
              Pattern.compile(ROOT + "groups/" + SEGMENT + "/hasMember/" + SEGMENT),
              Set.of()));

  private DirectoryRequestValidator() {}

  /** Every rule broken among the recorded requests, one line each; empty when all conform. */
  public static List<String> violations(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest request = event.getRequest();
      String http = request.getMethod().getName();
      String url = request.getUrl();
      String path = url.split("\\?", 2)[0];
      String where = http + " " + url + ": ";
      if (path.equals("/token")) {
        Map<String, String> form = GoogleEmulator.query("?" + request.getBodyAsString());
        if (!http.equals("POST") || !form.containsKey("assertion")) {
          problems.add(where + "token request without a JWT assertion");
        }
        continue;
      }
      Method method = match(http, path);
      if (method == null) {
        problems.add(where + "no Directory API method has this HTTP method and path");
        continue;
      }
      String auth = request.getHeader("Authorization");
      if (auth == null || !auth.startsWith("Bearer ")) {
        problems.add(where + method.name() + " without a bearer token");
      }
      for (Map.Entry<String, String> q : GoogleEmulator.query(url).entrySet()) {
        if (!method.query().contains(q.getKey()) && !STANDARD.contains(q.getKey())) {
          problems.add(where + method.name() + " takes no query parameter " + q.getKey());
        }
        if (q.getKey().equals("maxResults") && !validMax(q.getValue())) {
          problems.add(where + "maxResults must be 1 to 200, was " + q.getValue());
        }
      }
      boolean hasBody = request.getBody() != null && request.getBody().length > 0;
      if (method.name().equals("members.insert")) {
        problems.addAll(memberBody(where, request.getBodyAsString()));
      } else if (hasBody) {
        problems.add(where + method.name() + " takes no body");
      }
    }
    return problems;
  }

  private static Method match(String http, String path) {
    for (Method m : METHODS) {
      if (m.http().equals(http) && m.path().matcher(path).matches()) {
        return m;
      }
    }
    return null;
  }

  private static boolean validMax(String value) {
    try {
      int n = Integer.parseInt(value);
      return n >= 1 && n <= 200;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<String> memberBody(String where, String body) {
    List<String> problems = new ArrayList<>();
    JsonNode member;
    try {
      member = GoogleJson.MAPPER.readTree(body);
    } catch (Exception e) {
      return List.of(where + "members.insert body is not JSON");
    }
    if (member == null || !member.isObject()) {
      return List.of(where + "members.insert body is not a Member object");
    }
    for (Iterator<String> names = member.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!MEMBER_FIELDS.contains(name)) {
        problems.add(where + "Member has no field " + name);
      } else if (!member.get(name).isTextual()) {
        problems.add(where + "Member." + name + " must be a string");
      }
    }
    if (!member.hasNonNull("email") && !member.hasNonNull("id")) {
      problems.add(where + "Member needs email or id");
    }
    if (member.hasNonNull("role") && !ROLES.contains(member.get("role").asText())) {
      problems.add(where + "Member.role must be one of " + ROLES);
    }
    return problems;
  }
}
