package dev.accessgov.jira.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks the requests the provider sent, and the emulator's answers, against Atlassian's OpenAPI
 * documents in {@code src/test/resources/specs/}: {@code jira-platform-v3.trimmed.json} (a copy of
 * the official excerpt) for the platform API, and {@code jsm-servicedesk.trimmed.json} (the
 * operations this module calls, with the schemas they reference, copied verbatim from the Jira
 * Service Management Cloud REST API document) for everything under {@code /rest/servicedeskapi/};
 * and every ADF body (comments, descriptions) with {@link AdfChecker}. Platform answers are checked
 * when 2xx; JSM answers also when they are documented errors, so the emulator's error bodies keep
 * JSM's {@code ErrorResponse} shape. One endpoint is not in the platform excerpt and is checked
 * only for its shape here: {@code GET /rest/api/3/search/jql} (finding an issue after a lost
 * create).
 */
public final class SpecValidator {
  /** Paths this module calls that the trimmed document does not describe. */
  public static final Set<String> NOT_IN_SPEC = Set.of("/rest/api/3/search/jql");

  /** Paths under this prefix are the JSM API, checked against the JSM document. */
  public static final String JSM = "/rest/servicedeskapi/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OpenApiInteractionValidator VALIDATOR =
      validator(specFile("jira.spec", "jira-platform-v3.trimmed.json"));
  private static final OpenApiInteractionValidator JSM_VALIDATOR =
      validator(specFile("jsm.spec", "jsm-servicedesk.trimmed.json"));

  private SpecValidator() {}

  private static OpenApiInteractionValidator validator(Path spec) {
    return OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
        .withResolveCombinators(true)
        .build();
  }

  /** A spec: the system property, set by the module's build, or the copy in the sources. */
  static Path specFile(String property, String file) {
    String configured = System.getProperty(property, "src/test/resources/specs/" + file);
    Path path = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(
          "Jira spec not found at " + path + "; it ships in src/test/resources/specs");
    }
    return path;
  }

  /**
   * Every violation among the recorded exchanges, requests and 2xx answers; empty when all conform.
   */
  public static List<String> violations(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest request = event.getRequest();
      String path = request.getUrl().split("\\?", 2)[0];
      String where = request.getMethod() + " " + request.getUrl() + ": ";
      adf(request, path, where, problems);
      if (NOT_IN_SPEC.stream().anyMatch(path::startsWith)) {
        continue;
      }
      boolean jsm = path.startsWith(JSM);
      OpenApiInteractionValidator validator = jsm ? JSM_VALIDATOR : VALIDATOR;
      SimpleRequest.Builder req = new SimpleRequest.Builder(request.getMethod().getName(), path);
      for (HttpHeader h : request.getHeaders().all()) {
        req.withHeader(h.key(), h.values());
      }
      request.getQueryParams().forEach((k, v) -> req.withQueryParam(k, v.values()));
      if (request.getBody() != null && request.getBody().length > 0) {
        req.withBody(request.getBodyAsString());
      }
      ValidationReport report = validator.validateRequest(req.build());
      LoggedResponse response = event.getResponse();
      if (response != null
          && response.getFault() == null
          && (jsm || response.getStatus() >= 200 && response.getStatus() < 300)) {
        SimpleResponse.Builder res = new SimpleResponse.Builder(response.getStatus());
        for (HttpHeader h : response.getHeaders().all()) {
          res.withHeader(h.key(), h.values());
        }
        if (!response.getBodyAsString().isEmpty()) {
          res.withBody(response.getBodyAsString());
        }
        report =
            report.merge(
                validator.validateResponse(
                    path, Request.Method.valueOf(request.getMethod().getName()), res.build()));
      }
      for (ValidationReport.Message m : report.getMessages()) {
        // The document gives setIssueProperty and doTransition an "any" JSON answer, but Jira
        // answers them with no body (doTransition with 204, which cannot carry one).
        // An emulated outage (503) or throttling (429) is not among JSM's documented answers.
        if (m.getLevel() == ValidationReport.Level.ERROR
            && !m.getKey().equals("validation.response.body.missing")
            && !m.getKey().equals("validation.response.status.unknown")) {
          problems.add(where + m.getKey() + " " + m.getMessage());
        }
      }
    }
    return problems;
  }

  private static void adf(LoggedRequest request, String path, String where, List<String> problems) {
    if (request.getBody() == null
        || request.getBody().length == 0
        || !request.getMethod().getName().equals("POST")) {
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.getBodyAsString());
    } catch (Exception e) {
      problems.add(where + "body is not JSON");
      return;
    }
    JsonNode doc = null;
    if (path.endsWith("/comment")) {
      doc = body.path("body");
    } else if (path.equals("/rest/api/3/issue")) {
      doc = body.path("fields").path("description");
    }
    if (doc != null && !doc.isMissingNode()) {
      AdfChecker.problems(doc).forEach(p -> problems.add(where + "ADF: " + p));
    }
  }
}
