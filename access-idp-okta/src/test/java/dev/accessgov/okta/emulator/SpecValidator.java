package dev.accessgov.okta.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the requests the SDK sent, and the emulator's answers, against Okta's OpenAPI document in
 * {@code src/test/resources/specs/okta-management.trimmed.json} (a copy of the official excerpt).
 */
public final class SpecValidator {
  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(specFile().toUri().toString())
          // Merge allOf schemas first: validating each part alone rejects the other's properties.
          .withResolveCombinators(true)
          .build();

  private SpecValidator() {}

  /** The spec: system property {@code okta.spec}, set by the module's build. */
  public static Path specFile() {
    String configured =
        System.getProperty("okta.spec", "src/test/resources/specs/okta-management.trimmed.json");
    Path path = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(
          "Okta spec not found at " + path + "; it ships in src/test/resources/specs");
    }
    return path;
  }

  /**
   * Every spec violation among the recorded exchanges, one line each; empty when all conform.
   * Exchanges the emulator broke on purpose (no response, malformed body) are checked for their
   * request only.
   */
  public static List<String> violations(List<ServeEvent> events) {
    return violations(events, true);
  }

  /**
   * Like {@link #violations(List)}, checking the answers too only when {@code checkResponses};
   * tests that make the emulator answer outside the spec on purpose (500, 401) check requests.
   */
  public static List<String> violations(List<ServeEvent> events, boolean checkResponses) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest request = event.getRequest();
      if (!request.getUrl().startsWith("/api/")) {
        continue; // the OAuth token endpoint is not part of the management API document
      }
      SimpleRequest.Builder req =
          new SimpleRequest.Builder(request.getMethod().getName(), path(request.getUrl()));
      for (HttpHeader h : request.getHeaders().all()) {
        req.withHeader(h.key(), h.values());
      }
      request.getQueryParams().forEach((k, v) -> req.withQueryParam(k, v.values()));
      if (request.getBody() != null && request.getBody().length > 0) {
        req.withBody(request.getBodyAsString());
      }
      ValidationReport report = VALIDATOR.validateRequest(req.build());
      LoggedResponse response = event.getResponse();
      if (checkResponses
          && response != null
          && response.getStatus() > 0
          && !response.getBodyAsString().startsWith("{\"id\": \"00u-trunc")) {
        SimpleResponse.Builder res = new SimpleResponse.Builder(response.getStatus());
        for (HttpHeader h : response.getHeaders().all()) {
          res.withHeader(h.key(), h.values());
        }
        if (!response.getBodyAsString().isEmpty()) {
          res.withBody(response.getBodyAsString());
        }
        report =
            report.merge(
                VALIDATOR.validateResponse(path(request.getUrl()), methodOf(request), res.build()));
      }
      for (ValidationReport.Message m : report.getMessages()) {
        if (m.getLevel() == ValidationReport.Level.ERROR) {
          problems.add(
              request.getMethod()
                  + " "
                  + request.getUrl()
                  + ": "
                  + m.getKey()
                  + " "
                  + m.getMessage());
        }
      }
    }
    return problems;
  }

  private static com.atlassian.oai.validator.model.Request.Method methodOf(LoggedRequest request) {
    return com.atlassian.oai.validator.model.Request.Method.valueOf(request.getMethod().getName());
  }

  private static String path(String url) {
    return url.split("\\?", 2)[0];
  }
}
