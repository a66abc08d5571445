package dev.accessgov.slack.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the requests the SDK sent, and the emulator's answers, against Slack's Web API OpenAPI
 * document ({@code src/test/resources/specs/slack_web_openapi_v2.json}, Swagger 2.0, archived by
 * Slack in 2020).
 *
 * <p>Every exchange is checked against the operation the document declares for its method: the
 * parameters the SDK sent (required ones present, types and enums as declared) and the answer
 * (success schema for {@code ok:true}, the method's error schema for {@code ok:false}). Where the
 * document and Slack as it runs today (and as the official Java SDK 1.45.3 calls it) differ, the
 * exchange is translated to what the document describes, and each translation is listed here and
 * done in one place in this class:
 *
 * <ol>
 *   <li><b>Verb</b>: the document declares {@code users.info}, {@code users.lookupByEmail}, {@code
 *       views.open} and {@code auth.test} as GET with query parameters; Slack accepts every method
 *       as POST with a form (or JSON) body, and the SDK always POSTs a form. The body's parameters
 *       are checked as the documented query parameters of the documented verb.
 *   <li><b>Token</b>: the document declares the token as a parameter named {@code token} (a header
 *       parameter for chat.*, views.open and conversations.open, a query parameter for users.*);
 *       the SDK sends {@code Authorization: Bearer <token>}, which Slack accepts for every method.
 *       The bearer token is checked as that documented {@code token} parameter, so a request
 *       without one still fails the required-parameter check.
 *   <li><b>Form encoding</b>: every form value is a string, and the SDK sends booleans as {@code
 *       0}/{@code 1} (Slack's documented form convention). Parameters the document types as boolean
 *       are turned to JSON booleans (and form parameters generally into a JSON object) before the
 *       body is checked against the documented form parameters.
 *   <li><b>Errors at HTTP 200</b>: Slack answers {@code ok:false} with HTTP 200; the document
 *       describes errors as each method's {@code default} response. An {@code ok:false} body is
 *       checked against that {@code default} schema (including its {@code error} enum).
 *   <li><b>Rate limits</b>: Slack answers a rate limit with HTTP 429, a {@code Retry-After} header
 *       and {@code {"ok":false,"error":"ratelimited"}}; the document lists {@code rate_limited}
 *       (chat.* only) and no 429 response. A 429 is checked for exactly that body and a numeric
 *       {@code Retry-After} header instead.
 *   <li><b>Outages</b>: a 5xx answer (an emulated outage) is no documented answer; only its request
 *       is checked.
 *   <li><b>Unions</b>: the document writes "one of" as JSON Schema's tuple form {@code "items": [A,
 *       B]} (e.g. {@code objs_user} is a regular or an enterprise user; conversations.open's {@code
 *       channel} a full conversation or the short DM object Slack answers without {@code
 *       return_im}; {@code tz} null or a string), which Swagger 2.0 does not allow and the
 *       validator refuses to load. Swagger 2.0 has no "one of", so the validator loads a copy where
 *       each union is its least demanding non-null alternative (the fewest required members; the
 *       first on a tie), marked {@code x-nullable} when {@code null} was an alternative. The
 *       emulator answers in those alternatives' shapes (a regular user, the short DM object).
 *   <li><b>Type lists</b>: likewise, {@code "type": ["null", "string"]} (e.g. a profile's {@code
 *       email}) is not Swagger 2.0 and makes the loader drop the property; the copy has the single
 *       non-null type with {@code x-nullable}, or no type when several remain.
 * </ol>
 */
public final class SpecValidator {
  /** The Web API methods the emulator serves; any other path is a violation. */
  public static final List<String> METHODS =
      List.of(
          "chat.postMessage",
          "chat.update",
          "chat.postEphemeral",
          "views.open",
          "views.update",
          "users.info",
          "users.lookupByEmail",
          "conversations.open",
          "auth.test");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Union alternatives moved to definitions of their own while the copy is made. */
  private static final Map<String, JsonNode> HOISTED = new LinkedHashMap<>();

  private static final Path SPEC = specFile();
  private static final JsonNode DOCUMENT = read(SPEC);
  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForInlineApiSpecification(swagger2Copy().toString())
          .build();

  private SpecValidator() {}

  /** The spec: the system property {@code slack.spec}, or the copy in the sources. */
  static Path specFile() {
    String configured =
        System.getProperty("slack.spec", "src/test/resources/specs/slack_web_openapi_v2.json");
    Path path = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(
          "Slack spec not found at " + path + "; it ships in src/test/resources/specs");
    }
    return path;
  }

  private static JsonNode read(Path path) {
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites tuple-form unions and type lists as Swagger 2.0 can say them (deviations 7, 8). */
  private static JsonNode unionsAsOneAlternative(JsonNode node) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node)
            .set(i, unionsAsOneAlternative(node.get(i)));
      }
      return node;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode object = (ObjectNode) node;
    JsonNode items = object.get("items");
    if (items != null && items.isArray()) {
      JsonNode first = null;
      boolean nullable = false;
      for (JsonNode alternative : items) {
        if (alternative.path("type").asText().equals("null")) {
          nullable = true;
        } else if (first == null || required(alternative) < required(first)) {
          first = alternative;
        }
      }
      JsonNode chosen = first == null ? JSON.createObjectNode() : first.deepCopy();
      if (object.path("type").asText().equals("array")) {
        object.set("items", chosen);
      } else {
        object.remove("items");
        if (chosen.isObject() && chosen.has("properties")) {
          // The loader reads an inline object with additionalProperties as a map and drops its
          // members; as a definition of its own it keeps them.
          String name = "union_alternative_" + HOISTED.size();
          HOISTED.put(name, chosen);
          object.put("$ref", "#/definitions/" + name);
        } else if (chosen.isObject()) {
          object.setAll((ObjectNode) chosen);
        }
        if (nullable) {
          object.put("x-nullable", true);
        }
      }
    }
    JsonNode type = object.get("type");
    if (type != null && type.isArray()) {
      List<String> types = new ArrayList<>();
      type.forEach(t -> types.add(t.asText()));
      if (types.remove("null")) {
        object.put("x-nullable", true);
      }
      if (types.size() == 1) {
        object.put("type", types.get(0));
      } else {
        object.remove("type");
      }
    }
    object.fields().forEachRemaining(e -> e.setValue(unionsAsOneAlternative(e.getValue())));
    return object;
  }

  /** The document as Swagger 2.0 can say it (deviations 7 and 8). */
  private static JsonNode swagger2Copy() {
    ObjectNode copy = (ObjectNode) unionsAsOneAlternative(DOCUMENT.deepCopy());
    ObjectNode definitions = (ObjectNode) copy.path("definitions");
    for (int i = 0; i < HOISTED.size(); i++) {
      String name = "union_alternative_" + i;
      definitions.set(name, unionsAsOneAlternative(HOISTED.get(name)));
    }
    return copy;
  }

  /** How many members a schema requires at least, through references and unions. */
  private static int required(JsonNode schema) {
    String ref = schema.path("$ref").asText();
    if (ref.startsWith("#/definitions/")) {
      return required(DOCUMENT.path("definitions").path(ref.substring("#/definitions/".length())));
    }
    JsonNode items = schema.path("items");
    if (items.isArray() && !schema.path("type").asText().equals("array")) {
      int least = Integer.MAX_VALUE;
      for (JsonNode alternative : items) {
        least = Math.min(least, required(alternative));
      }
      return least;
    }
    return schema.path("required").size();
  }

  /** Every violation among the recorded exchanges; empty when all conform. */
  public static List<String> violations(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      problems.addAll(violations(event.getRequest(), event.getResponse()));
    }
    return problems;
  }

  /** The violations of one exchange; {@code response} null for a request alone. */
  public static List<String> violations(LoggedRequest request, @Nullable LoggedResponse response) {
    String path = request.getUrl().split("\\?", 2)[0];
    String where = request.getMethod() + " " + path + ": ";
    List<String> problems = new ArrayList<>();
    String method = path.startsWith("/api/") ? path.substring("/api/".length()) : path;
    JsonNode operations = DOCUMENT.path("paths").path("/" + method);
    if (!METHODS.contains(method) || operations.isMissingNode()) {
      problems.add(where + "not a documented method the emulator serves");
      return problems;
    }
    // (1) Verb: the document's, whatever the SDK used.
    String verb = operations.fieldNames().next();
    JsonNode operation = operations.path(verb);
    Map<String, String> params = params(request);
    ObjectNode declared = JSON.createObjectNode();
    for (JsonNode p : operation.path("parameters")) {
      declared.set(p.path("name").asText(), p);
    }
    String documented = "/" + method;
    SimpleRequest.Builder req =
        verb.equals("get")
            ? SimpleRequest.Builder.get(documented)
            : SimpleRequest.Builder.post(documented);
    // (2) Token: the bearer token as the documented token parameter.
    String auth = request.getHeader("Authorization");
    if (auth != null && auth.startsWith("Bearer ")) {
      params.putIfAbsent("token", auth.substring("Bearer ".length()));
    }
    ObjectNode body = JSON.createObjectNode();
    for (Map.Entry<String, String> e : params.entrySet()) {
      JsonNode p = declared.path(e.getKey());
      String in = p.path("in").asText("formData");
      String type = p.path("type").asText("string");
      if (in.equals("header")) {
        req.withHeader(e.getKey(), typed(type, e.getValue()).asText());
      } else if (in.equals("query")) {
        req.withQueryParam(e.getKey(), typed(type, e.getValue()).asText());
      } else {
        // (3) Form encoding: booleans as the document types them.
        body.set(e.getKey(), typed(type, e.getValue()));
      }
    }
    if (verb.equals("post")) {
      req.withContentType("application/json").withBody(body.toString());
    }
    ValidationReport report = VALIDATOR.validateRequest(req.build());
    if (response != null && response.getFault() == null) {
      report = report.merge(response(documented, verb, response, where, problems));
    }
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        problems.add(where + m.getKey() + " " + m.getMessage());
      }
    }
    return problems;
  }

  private static ValidationReport response(
      String documented,
      String verb,
      LoggedResponse response,
      String where,
      List<String> problems) {
    int status = response.getStatus();
    if (status >= 500) {
      return ValidationReport.empty(); // (6) Outages
    }
    String text = response.getBodyAsString();
    if (status == 429) {
      // (5) Rate limits: Slack's shape, which the document does not describe.
      String retryAfter = response.getHeaders().getHeader("Retry-After").firstValue();
      if (retryAfter == null || !retryAfter.matches("\\d+")) {
        problems.add(where + "429 without a numeric Retry-After");
      }
      if (!"{\"ok\":false,\"error\":\"ratelimited\"}".equals(text)) {
        problems.add(where + "429 body is not Slack's ratelimited error: " + text);
      }
      return ValidationReport.empty();
    }
    JsonNode body;
    try {
      body = JSON.readTree(text);
    } catch (IOException e) {
      problems.add(where + "answer is not JSON");
      return ValidationReport.empty();
    }
    // (4) Errors at HTTP 200: ok:false is checked as the documented default response.
    int checkedAs = status == 200 && !body.path("ok").asBoolean(false) ? 400 : status;
    SimpleResponse res =
        SimpleResponse.Builder.status(checkedAs)
            .withContentType("application/json")
            .withBody(text)
            .build();
    return VALIDATOR.validateResponse(
        documented, Request.Method.valueOf(verb.toUpperCase(java.util.Locale.ROOT)), res);
  }

  private static JsonNode typed(String type, String value) {
    if (type.equals("boolean")) {
      if (value.equals("1") || value.equals("true")) {
        return JSON.getNodeFactory().booleanNode(true);
      }
      if (value.equals("0") || value.equals("false")) {
        return JSON.getNodeFactory().booleanNode(false);
      }
    }
    if (type.equals("integer") && value.matches("-?\\d+")) {
      return JSON.getNodeFactory().numberNode(Long.parseLong(value));
    }
    return JSON.getNodeFactory().textNode(value);
  }

  /**
   * The parameters of a request: its query, then its form body, or its JSON body's top-level
   * members (objects and arrays as their JSON text, as Slack takes {@code blocks} in a form).
   */
  static Map<String, String> params(LoggedRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    request.getQueryParams().forEach((k, v) -> out.put(k, v.firstValue()));
    String type = request.getHeader("Content-Type");
    String body = request.getBodyAsString();
    if (body == null || body.isEmpty()) {
      return out;
    }
    if (type != null && type.startsWith("application/json")) {
      try {
        JsonNode json = JSON.readTree(body);
        json.fields()
            .forEachRemaining(
                e ->
                    out.put(
                        e.getKey(),
                        e.getValue().isValueNode()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
      } catch (IOException e) {
        out.put("__invalid_json", body);
      }
      return out;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
