package dev.accessgov.google.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks recorded requests against Google's machine-readable contract for the Directory API: an
 * excerpt of the official discovery document {@code admin:directory_v1} shipped in {@code
 * src/test/resources/specs/admin-directory_v1.excerpt.json}, and for the Reports API's {@code
 * activities.list}, an excerpt of {@code admin:reports_v1} beside it (see the README there). For
 * every request it finds the method by HTTP method and path template, then checks the path
 * parameters, that every query parameter is one the method or the API declares (with its {@code
 * type}, {@code enum}, {@code minimum}/{@code maximum} and {@code pattern}), that required
 * parameters are present, and the request body against the method's {@code request} schema: an
 * object, known properties only, each of its declared type, and the properties {@code
 * annotations.required} names for the method. Every call must carry a bearer token (every method
 * declares OAuth {@code scopes}); token requests must carry a JWT assertion.
 *
 * <p>Two rules the document states in prose rather than in fields are checked as well, each citing
 * its sentence: {@code Member.email} "is required when adding a member to a group", and {@code
 * members.list}'s {@code maxResults}: "Max allowed value is 200".
 */
public final class DirectoryRequestValidator {
  /** Where the excerpt lives on the test class path. */
  public static final String SPEC = "/specs/admin-directory_v1.excerpt.json";

  /** Where the Reports API excerpt ({@code admin:reports_v1}) lives on the test class path. */
  public static final String REPORTS_SPEC = "/specs/admin-reports_v1.excerpt.json";

  private static final List<Method> METHODS = methods(List.of(load(SPEC), load(REPORTS_SPEC)));

  private record Method(String id, String http, Pattern path, JsonNode node, JsonNode document) {}

  private DirectoryRequestValidator() {}

  /** Every rule broken among the recorded requests, one line each; empty when all conform. */
  public static List<String> violations(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      problems.addAll(violations(event.getRequest()));
    }
    return problems;
  }

  private static List<String> violations(LoggedRequest request) {
    List<String> problems = new ArrayList<>();
    String http = request.getMethod().getName();
    String url = request.getUrl();
    String path = url.split("\\?", 2)[0];
    String where = http + " " + url + ": ";
    if (path.equals("/token")) {
      Map<String, String> form = GoogleEmulator.query("?" + request.getBodyAsString());
      if (!http.equals("POST") || !form.containsKey("assertion")) {
        problems.add(where + "token request without a JWT assertion");
      }
      return problems;
    }
    Method method = null;
    Matcher matcher = null;
    for (Method m : METHODS) {
      Matcher candidate = m.path().matcher(path);
      if (m.http().equals(http) && candidate.matches()) {
        method = m;
        matcher = candidate;
        break;
      }
    }
    if (method == null) {
      return List.of(where + "no method of the discovery document has this HTTP method and path");
    }
    String auth = request.getHeader("Authorization");
    if (method.node().has("scopes") && (auth == null || !auth.startsWith("Bearer "))) {
      problems.add(where + method.id() + " without a bearer token");
    }
    JsonNode params = method.node().path("parameters");
    Map<String, String> query = GoogleEmulator.query(url);
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      String location = p.getValue().path("location").asText();
      String value =
          location.equals("path")
              ? GoogleEmulator.decode(matcher.group(groupName(p.getKey())))
              : query.get(p.getKey());
      if (value == null || value.isEmpty()) {
        if (p.getValue().path("required").asBoolean(false)) {
          problems.add(where + method.id() + " requires parameter " + p.getKey());
        }
        continue;
      }
      String wrong = valueProblem(p.getValue(), value);
      if (wrong != null) {
        problems.add(where + method.id() + " parameter " + p.getKey() + " " + wrong);
      }
    }
    for (Map.Entry<String, String> q : query.entrySet()) {
      JsonNode declared = params.path(q.getKey());
      JsonNode standard = method.document().path("parameters").path(q.getKey());
      if (declared.path("location").asText().equals("query")) {
        continue;
      }
      if (standard.isMissingNode()) {
        problems.add(where + method.id() + " takes no query parameter " + q.getKey());
      } else {
        String wrong = valueProblem(standard, q.getValue());
        if (wrong != null) {
          problems.add(where + "parameter " + q.getKey() + " " + wrong);
        }
      }
    }
    if (method.id().equals("directory.members.list") && query.containsKey("maxResults")) {
      // members.list maxResults: "Maximum number of results to return. Max allowed value is 200."
      try {
        if (Integer.parseInt(query.get("maxResults")) > 200) {
          problems.add(where + "maxResults must be at most 200, was " + query.get("maxResults"));
        }
      } catch (NumberFormatException e) {
        // Reported above as not an integer.
      }
    }
    problems.addAll(body(where, method, request));
    return problems;
  }

  private static List<String> body(String where, Method method, LoggedRequest request) {
    boolean hasBody = request.getBody() != null && request.getBody().length > 0;
    JsonNode ref = method.node().path("request").path("$ref");
    if (ref.isMissingNode()) {
      return hasBody ? List.of(where + method.id() + " takes no body") : List.of();
    }
    if (!hasBody) {
      return List.of(where + method.id() + " needs a " + ref.asText() + " body");
    }
    JsonNode body;
    try {
      body = GoogleJson.MAPPER.readTree(request.getBodyAsString());
    } catch (IOException e) {
      return List.of(where + method.id() + " body is not JSON");
    }
    List<String> problems = new ArrayList<>();
    schema(
        method.document(),
        where,
        method.id(),
        ref.asText(),
        method.document().path("schemas").path(ref.asText()),
        body,
        problems);
    if (method.id().equals("directory.members.insert")
        && !(body.hasNonNull("email") && !body.get("email").asText().isEmpty())) {
      // Member.email: "This property is required when adding a member to a group."
      problems.add(where + method.id() + " needs Member.email");
    }
    return problems;
  }

  private static void schema(
      JsonNode document,
      String where,
      String methodId,
      String name,
      JsonNode schema,
      JsonNode value,
      List<String> problems) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      JsonNode target = document.path("schemas").path(ref);
      if (target.isMissingNode()) {
        problems.add(where + name + " refers to " + ref + ", which the excerpt lacks");
        return;
      }
      schema(document, where, methodId, ref, target, value, problems);
      return;
    }
    String type = schema.path("type").asText();
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          problems.add(where + name + " must be an object");
          return;
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JsonNode property = properties.path(field.getKey());
          if (property.isMissingNode()) {
            if (schema.has("additionalProperties")) {
              schema(
                  document,
                  where,
                  methodId,
                  name + "." + field.getKey(),
                  schema.get("additionalProperties"),
                  field.getValue(),
                  problems);
            } else {
              problems.add(where + name + " has no property " + field.getKey());
            }
            continue;
          }
          if (property.path("readOnly").asBoolean(false)) {
            problems.add(where + name + "." + field.getKey() + " is output only");
          }
          schema(
              document,
              where,
              methodId,
              name + "." + field.getKey(),
              property,
              field.getValue(),
              problems);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> property = it.next();
          for (JsonNode required : property.getValue().path("annotations").path("required")) {
            if (required.asText().equals(methodId) && !value.hasNonNull(property.getKey())) {
              problems.add(where + methodId + " requires " + name + "." + property.getKey());
            }
          }
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          problems.add(where + name + " must be an array");
          return;
        }
        for (JsonNode item : value) {
          schema(document, where, methodId, name + "[]", schema.path("items"), item, problems);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(where + name + " must be a string");
        } else if (schema.has("enum") && !enumHas(schema.get("enum"), value.asText())) {
          problems.add(where + name + " must be one of " + schema.get("enum"));
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(where + name + " must be a boolean");
        }
      }
      case "integer", "number" -> {
        // int64 values travel as strings in Google's JSON.
        boolean ok = value.isNumber() || (value.isTextual() && isNumber(value.asText()));
        if (!ok) {
          problems.add(where + name + " must be a number");
        }
      }
      case "any", "" -> {
        // Anything goes.
      }
      default -> problems.add(where + name + " has a type the validator does not know: " + type);
    }
  }

  /** What is wrong with a parameter's value, or null. */
  private static @Nullable String valueProblem(JsonNode param, String value) {
    String type = param.path("type").asText("string");
    if (type.equals("integer")) {
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        return "must be an integer, was " + value;
      }
      if (param.has("minimum") && n < Long.parseLong(param.get("minimum").asText())) {
        return "must be at least " + param.get("minimum").asText() + ", was " + value;
      }
      if (param.has("maximum") && n > Long.parseLong(param.get("maximum").asText())) {
        return "must be at most " + param.get("maximum").asText() + ", was " + value;
      }
    } else if (type.equals("boolean") && !value.equals("true") && !value.equals("false")) {
      return "must be true or false, was " + value;
    }
    if (param.has("enum") && !enumHas(param.get("enum"), value)) {
      return "must be one of " + param.get("enum") + ", was " + value;
    }
    if (param.has("pattern") && !Pattern.matches(param.get("pattern").asText(), value)) {
      return "must match " + param.get("pattern").asText() + ", was " + value;
    }
    return null;
  }

  private static boolean enumHas(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String groupName(String parameter) {
    return parameter.replaceAll("[^A-Za-z0-9]", "");
  }

  private static JsonNode load(String spec) {
    try (InputStream in = DirectoryRequestValidator.class.getResourceAsStream(spec)) {
      if (in == null) {
        throw new IllegalStateException(
            "the discovery excerpt " + spec + " is not on the class path");
      }
      return GoogleJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each method of the excerpts, its path template turned into a pattern over the request path. */
  private static List<Method> methods(List<JsonNode> documents) {
    List<Method> methods = new ArrayList<>();
    for (JsonNode document : documents) {
      methods.addAll(methods(document));
    }
    return List.copyOf(methods);
  }

  private static List<Method> methods(JsonNode document) {
    String root = "/" + document.path("servicePath").asText("");
    List<Method> methods = new ArrayList<>();
    for (JsonNode resource : document.path("resources")) {
      for (JsonNode method : resource.path("methods")) {
        String template = method.path("path").asText();
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{(\\+?)([^}]+)}").matcher(template);
        int last = 0;
        while (m.find()) {
          regex.append(Pattern.quote(template.substring(last, m.start())));
          String chars = m.group(1).isEmpty() ? "[^/]+" : ".+";
          regex.append("(?<").append(groupName(m.group(2))).append('>').append(chars).append(')');
          last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        methods.add(
            new Method(
                method.path("id").asText(),
                method.path("httpMethod").asText(),
                Pattern.compile(Pattern.quote(root) + regex),
                method,
                document));
      }
    }
    if (methods.isEmpty()) {
      throw new IllegalStateException(
          "the discovery excerpt " + document.path("id").asText() + " declares no method");
    }
    return List.copyOf(methods);
  }
}
