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
 * Checks the requests the provider sent, and the emulator's answers, against Jira's OpenAPI
 * document in {@code src/test/resources/specs/jira-platform-v3.trimmed.json} (a copy of the
 * official excerpt), and every ADF body (comments, descriptions) with {@link AdfChecker}. Two
 * endpoints are not in that document and are checked only for their ADF and shape here: {@code GET
 * /rest/api/3/search/jql} (finding an issue after a lost create) and the JSM API under {@code
 * /rest/servicedeskapi/}.
 */
public final class SpecValidator {
  /** Paths this module calls that the trimmed document does not describe. */
  public static final Set<String> NOT_IN_SPEC =
      Set.of("/rest/api/3/search/jql", "/rest/servicedeskapi/");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(specFile().toUri().toString())
          .withResolveCombinators(true)
          .build();

  private SpecValidator() {}

  /** The spec: system property {@code jira.spec}, set by the module's build. */
  public static Path specFile() {
    String configured =
        System.getProperty("jira.spec", "src/test/resources/specs/jira-platform-v3.trimmed.json");
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
      SimpleRequest.Builder req = new SimpleRequest.Builder(request.getMethod().getName(), path);
      for (HttpHeader h : request.getHeaders().all()) {
        req.withHeader(h.key(), h.values());
      }
      request.getQueryParams().forEach((k, v) -> req.withQueryParam(k, v.values()));
      if (request.getBody() != null && request.getBody().length > 0) {
        req.withBody(request.getBodyAsString());
      }
      ValidationReport report = VALIDATOR.validateRequest(req.build());
      LoggedResponse response = event.getResponse();
      if (response != null
          && response.getFault() == null
          && response.getStatus() >= 200
          && response.getStatus() < 300) {
        SimpleResponse.Builder res = new SimpleResponse.Builder(response.getStatus());
        for (HttpHeader h : response.getHeaders().all()) {
          res.withHeader(h.key(), h.values());
        }
        if (!response.getBodyAsString().isEmpty()) {
          res.withBody(response.getBodyAsString());
        }
        report =
            report.merge(
                VALIDATOR.validateResponse(
                    path, Request.Method.valueOf(request.getMethod().getName()), res.build()));
      }
      for (ValidationReport.Message m : report.getMessages()) {
        // The document gives setIssueProperty and doTransition an "any" JSON answer, but Jira
        // answers them with no body (doTransition with 204, which cannot carry one).
        if (m.getLevel() == ValidationReport.Level.ERROR
            && !m.getKey().equals("validation.response.body.missing")) {
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
