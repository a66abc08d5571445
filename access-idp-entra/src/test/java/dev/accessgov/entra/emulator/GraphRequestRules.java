package dev.accessgov.entra.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the requests the SDK sent against the Graph v1.0 operations this library may call, as
 * {@code shared/specs/README.md} describes them (there is no trimmed OpenAPI document for Graph):
 * method and path, query options, the {@code $ref} body, {@code $batch} of at most 20 requests
 * whose steps are themselves allowed and carry no token, and a bearer token on every request.
 */
public final class GraphRequestRules {
  private record Operation(String method, Pattern path, Set<String> query) {}

  private static final String ID = "[^/?]+";
  private static final List<Operation> ALLOWED =
      List.of(
          new Operation("GET", Pattern.compile("/users/" + ID), Set.of("$select")),
          new Operation("GET", Pattern.compile("/users"), Set.of("$filter", "$select", "$top")),
          new Operation("GET", Pattern.compile("/groups/" + ID), Set.of("$select")),
          new Operation(
              "GET",
              Pattern.compile("/groups/" + ID + "/members"),
              Set.of("$top", "$select", "$skiptoken")),
          new Operation(
              "GET",
              Pattern.compile("/groups/" + ID + "/members/(microsoft\\.)?graph\\.user"),
              Set.of("$top", "$select", "$skiptoken")),
          new Operation(
              "GET",
              Pattern.compile("/groups/" + ID + "/members/" + ID + "/(microsoft\\.)?graph\\.user"),
              Set.of("$select")),
          new Operation("POST", Pattern.compile("/groups/" + ID + "/members/\\$ref"), Set.of()),
          new Operation(
              "DELETE", Pattern.compile("/groups/" + ID + "/members/" + ID + "/\\$ref"), Set.of()),
          new Operation("POST", Pattern.compile("/\\$batch"), Set.of()));
  private static final Pattern REF =
      Pattern.compile("https?://[^/]+/v1\\.0/directoryObjects/[^/]+");

  private GraphRequestRules() {}

  /** Every rule broken by the recorded requests, one line each; empty when all conform. */
  public static List<String> violations(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest r = event.getRequest();
      String where = r.getMethod() + " " + r.getUrl() + ": ";
      String auth = r.getHeader("Authorization");
      if (auth == null || !auth.startsWith("Bearer ")) {
        problems.add(where + "no bearer token");
      }
      if (!r.getUrl().startsWith("/v1.0/")) {
        problems.add(where + "not under /v1.0");
        continue;
      }
      String rest = r.getUrl().substring("/v1.0".length());
      String body = r.getBodyAsString();
      check(r.getMethod().getName(), rest, body, false, where, problems);
    }
    return problems;
  }

  private static void check(
      String method,
      String rest,
      String body,
      boolean inBatch,
      String where,
      List<String> problems) {
    String[] parts = rest.split("\\?", 2);
    String path = GraphDirectory.decode(parts[0]);
    Operation op =
        ALLOWED.stream()
            .filter(o -> o.method().equals(method) && o.path().matcher(path).matches())
            .findFirst()
            .orElse(null);
    if (op == null || (inBatch && path.equals("/$batch"))) {
      problems.add(where + "not an operation this library may call: " + method + " " + path);
      return;
    }
    if (parts.length > 1) {
      for (String pair : parts[1].split("&")) {
        String name = GraphDirectory.decode(pair.split("=", 2)[0]);
        if (!op.query().contains(name)) {
          problems.add(where + "unexpected query option " + name);
        }
      }
    }
    if (path.matches("/groups/" + ID + "/members") && parts.length > 1) {
      // members is a collection of directoryObject, whose only properties are id and
      // deletedDateTime (graph-v1.0-metadata.xml); user properties need the cast to
      // microsoft.graph.user, as members may be groups, devices or service principals.
      for (String pair : parts[1].split("&")) {
        String[] kv = pair.split("=", 2);
        if (GraphDirectory.decode(kv[0]).equals("$select") && kv.length > 1) {
          for (String property : GraphDirectory.decode(kv[1]).split(",")) {
            if (!Set.of("id", "deletedDateTime").contains(property)) {
              problems.add(where + "directoryObject has no property " + property);
            }
          }
        }
      }
    }
    JsonNode json = parse(body);
    if (path.endsWith("/members/$ref") && method.equals("POST")) {
      if (json == null || !REF.matcher(json.path("@odata.id").asText("")).matches()) {
        problems.add(where + "$ref body needs {\"@odata.id\": \".../v1.0/directoryObjects/{id}\"}");
      }
    }
    if (path.equals("/$batch")) {
      JsonNode requests = json == null ? null : json.path("requests");
      if (requests == null || !requests.isArray() || requests.isEmpty() || requests.size() > 20) {
        problems.add(where + "a $batch holds 1 to 20 requests");
        return;
      }
      for (JsonNode step : requests) {
        if (step.path("headers").has("Authorization")
            || step.path("headers").has("authorization")) {
          problems.add(where + "a batch step repeats the bearer token");
        }
        String url = step.path("url").asText("");
        JsonNode stepBody = step.get("body");
        check(
            step.path("method").asText(""),
            url.startsWith("/") ? url : "/" + url,
            stepBody == null ? "" : stepBody.toString(),
            true,
            where + "step " + step.path("id").asText() + ": ",
            problems);
      }
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return GraphJson.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
