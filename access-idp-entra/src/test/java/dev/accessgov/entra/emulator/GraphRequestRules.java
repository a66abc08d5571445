package dev.accessgov.entra.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks every request the emulator received, and the emulator's answers, against Microsoft Graph's
 * contract.
 *
 * <ul>
 *   <li>Paths, methods, query options and their properties, {@code $ref} bodies, and the JSON of
 *       successful answers: against Graph v1.0's CSDL metadata, through {@link GraphContract}.
 *   <li>{@code $batch}, which the CSDL does not describe: against "Combine multiple HTTP requests
 *       using JSON batching" (learn.microsoft.com/graph/json-batching): a POST with a JSON body
 *       whose one required property {@code requests} holds at most 20 requests, each with an {@code
 *       id} unique in the batch (case-insensitive), a {@code method} and a relative {@code url},
 *       and {@code headers} with {@code Content-Type} whenever it has a {@code body}; every step is
 *       itself checked against the contract, as is its answer.
 *   <li>Error answers: Graph's error resource, {@code {"error": {"code", "message", "innerError"}}}
 *       ("Microsoft Graph error responses and resource types").
 *   <li>Rules of this library, not of Graph: a bearer token on every HTTP request, none repeated
 *       inside a batch step.
 * </ul>
 */
public final class GraphRequestRules {
  private static final int MAX_BATCH = 20;
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private GraphRequestRules() {}

  /**
   * Every rule broken by the recorded requests or answers, one line each; empty when all conform.
   */
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
      LoggedResponse response = event.getResponse();
      JsonNode answer = response == null ? null : parse(response.getBodyAsString());
      int status = response == null ? 0 : response.getStatus();
      check(
          r.getMethod().getName(),
          rest,
          r.getHeader("Content-Type"),
          r.getBodyAsString(),
          status,
          answer,
          where,
          problems);
    }
    return problems;
  }

  /**
   * The rules one exchange breaks.
   *
   * @param rest the URL after {@code /v1.0}, query included, not decoded
   * @param status the answer's status, 0 for none
   * @param answer the answer's JSON, or null
   */
  static List<String> check(
      String method,
      String rest,
      @Nullable String contentType,
      @Nullable String body,
      int status,
      @Nullable JsonNode answer) {
    List<String> problems = new ArrayList<>();
    check(method, rest, contentType, body, status, answer, method + " " + rest + ": ", problems);
    return problems;
  }

  private static void check(
      String method,
      String rest,
      @Nullable String contentType,
      @Nullable String body,
      int status,
      @Nullable JsonNode answer,
      String where,
      List<String> problems) {
    if (rest.split("\\?", 2)[0].equals("/$batch")) {
      checkBatch(method, contentType, body, answer, status, where, problems);
    } else {
      checkOne(method, rest, parse(body), where, problems);
      checkAnswer(rest, status, answer, where, problems);
    }
  }

  private static void checkOne(
      String method, String rest, @Nullable JsonNode body, String where, List<String> problems) {
    String[] parts = rest.split("\\?", 2);
    Map<String, String> query = new LinkedHashMap<>();
    if (parts.length > 1 && !parts[1].isEmpty()) {
      for (String pair : parts[1].split("&")) {
        String[] kv = pair.split("=", 2);
        String name = GraphDirectory.decode(kv[0]);
        if (query.put(name, kv.length > 1 ? GraphDirectory.decode(kv[1]) : "") != null) {
          problems.add(where + "query option " + name + " given twice");
        }
      }
    }
    GraphContract.V1.check(method, GraphDirectory.decode(parts[0]), query, body, where, problems);
  }

  private static void checkAnswer(
      String rest, int status, @Nullable JsonNode answer, String where, List<String> problems) {
    if (status >= 400 && answer != null) {
      // Graph's error resource ("Microsoft Graph error responses and resource types"):
      // {"error": {"code": string, "message": string, "innerError": {...}}}.
      JsonNode error = answer.path("error");
      if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
        problems.add(where + "an error answer is {\"error\": {\"code\", \"message\", ...}}");
      }
      return;
    }
    if (status >= 200 && status < 300 && answer != null && answer.isObject()) {
      String path = GraphDirectory.decode(rest.split("\\?", 2)[0]);
      GraphContract.V1.checkAnswer(path, answer, where, problems);
    }
  }

  private static void checkBatch(
      String method,
      @Nullable String type,
      @Nullable String batchBody,
      @Nullable JsonNode answer,
      int status,
      String where,
      List<String> problems) {
    if (!method.equals("POST")) {
      problems.add(where + "$batch is sent with POST");
      return;
    }
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      problems.add(where + "$batch needs Content-Type: application/json");
    }
    JsonNode json = parse(batchBody);
    JsonNode requests = json == null ? null : json.get("requests");
    if (requests == null || !requests.isArray() || requests.isEmpty()) {
      problems.add(where + "a $batch body is {\"requests\": [...]} with at least one request");
      return;
    }
    if (requests.size() > MAX_BATCH) {
      problems.add(where + "a $batch holds at most 20 requests, not " + requests.size());
    }
    Set<String> ids = new HashSet<>();
    Map<String, String> urlById = new LinkedHashMap<>();
    for (JsonNode step : requests) {
      String id = step.path("id").isTextual() ? step.get("id").asText() : null;
      String here = where + "step " + id + ": ";
      if (id == null || id.isEmpty()) {
        problems.add(where + "every batch step needs a string id");
      } else if (!ids.add(id.toLowerCase(Locale.ROOT))) {
        problems.add(here + "ids must be unique in the batch (case-insensitive)");
      }
      String stepMethod = step.path("method").asText("");
      if (!METHODS.contains(stepMethod)) {
        problems.add(here + "method must be an HTTP method, was '" + stepMethod + "'");
        continue;
      }
      String url = step.path("url").asText("");
      if (url.isEmpty() || url.contains("://") || url.startsWith("/v1.0/")) {
        problems.add(here + "url must be relative to the version, like /users, was '" + url + "'");
        continue;
      }
      JsonNode headers = step.get("headers");
      if (headers != null && (headers.has("Authorization") || headers.has("authorization"))) {
        problems.add(here + "a batch step repeats the bearer token");
      }
      JsonNode body = step.get("body");
      if (body != null
          && (headers == null || !headers.has("Content-Type") && !headers.has("content-type"))) {
        problems.add(here + "a step with a body needs headers with Content-Type");
      }
      String rest = url.startsWith("/") ? url : "/" + url;
      if (rest.split("\\?", 2)[0].equals("/$batch")) {
        problems.add(here + "a batch cannot hold a batch");
        continue;
      }
      checkOne(stepMethod, rest, body, here, problems);
      if (id != null) {
        urlById.put(id, rest);
      }
    }
    if (status == 200 && answer != null) {
      JsonNode responses = answer.get("responses");
      if (responses == null || !responses.isArray()) {
        problems.add(where + "a $batch answer is {\"responses\": [...]}");
        return;
      }
      for (JsonNode response : responses) {
        String id = response.path("id").asText();
        String rest = urlById.get(id);
        if (rest == null) {
          problems.add(where + "the answer has a response for unknown step " + id);
          continue;
        }
        JsonNode body = response.get("body");
        checkAnswer(
            rest,
            response.path("status").asInt(),
            body,
            where + "step " + id + " answer: ",
            problems);
      }
    }
  }

  private static @Nullable JsonNode parse(@Nullable String body) {
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
