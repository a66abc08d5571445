package dev.accessgov.okta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.client.ApiException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.okta.GroupNotManageableException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the SDK threw into a typed {@link ProviderException} that says what Okta answered and
 * whether trying again can help. Messages carry Okta's error summary, never request headers, so no
 * credential can leak into them. Not API.
 */
final class OktaErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String providerId;
  private final Clock clock;

  OktaErrors(String providerId, Clock clock) {
    this.providerId = providerId;
    this.clock = clock;
  }

  ProviderException translate(
      OktaCall<?> call, RuntimeException failure, @Nullable ResponseMeta meta) {
    String operation = call.operation();
    if (!(failure instanceof ApiException api)) {
      return new ProviderException(
          providerId,
          operation,
          meta == null ? 0 : meta.status(),
          null,
          meta == null ? null : meta.requestId(),
          false,
          "unexpected failure in the Okta SDK: " + failure.getClass().getName(),
          failure);
    }
    int status = api.getCode() > 0 ? api.getCode() : meta == null ? 0 : meta.status();
    String requestId = meta != null ? meta.requestId() : header(api, "X-Okta-Request-Id");
    if (api.getCode() <= 0) {
      return transportFailure(operation, api, status, requestId);
    }
    OktaError error = OktaError.parse(api.getResponseBody());
    if (status == 429) {
      Instant now = clock.instant();
      Instant retryAt = meta == null ? null : meta.retryAt(now);
      return new RateLimitedException(
          providerId,
          operation,
          requestId,
          retryAt,
          "Okta rate limit reached ("
              + (error.code() == null ? "E0000047" : error.code())
              + ")"
              + (retryAt == null ? "" : "; it resets at " + retryAt));
    }
    if (status >= 300 && status < 400) {
      return new ProviderException(
          providerId,
          operation,
          status,
          error.code(),
          requestId,
          false,
          "Okta answered with a redirect to "
              + (meta == null ? "an unnamed location" : meta.location())
              + "; redirects are never followed. Set orgUrl to the org's canonical https URL",
          null);
    }
    if (status == 403 && call.groupId() != null) {
      return new GroupNotManageableException(
          providerId,
          operation,
          call.groupId(),
          error.code(),
          requestId,
          error.summary()
              + " Okta changes membership only of OKTA_GROUP groups: groups imported from Active"
              + " Directory, LDAP or an app (APP_GROUP) and built-in groups are managed at their"
              + " source. If the group is an OKTA_GROUP, the credential lacks okta.groups.manage"
              + " or an admin role that covers the group");
    }
    boolean retryable = status >= 500 || status == 408;
    return new ProviderException(
        providerId,
        operation,
        status,
        error.code(),
        requestId,
        retryable,
        hint(status, error),
        null);
  }

  private ProviderException transportFailure(
      String operation, ApiException api, int status, @Nullable String requestId) {
    Throwable cause = api.getCause() == null ? api : api.getCause();
    String message;
    if (status >= 200 && status < 300) {
      message = "Okta's answer could not be read (" + cause.getClass().getSimpleName() + ")";
    } else if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
      message = "no answer from Okta in time";
    } else {
      message = "no answer from Okta: " + cause.getClass().getSimpleName();
    }
    // A lost or unreadable answer may succeed when asked again; every call we make is idempotent.
    return new ProviderException(
        providerId, operation, status, null, requestId, true, message, cause);
  }

  private static String hint(int status, OktaError error) {
    return switch (status) {
      case 401 -> error.summary() + " Check the API token or the service app's key and client id";
      case 403 -> error.summary() + " Check the credential's scopes and admin role";
      case 404 -> error.summary();
      default -> error.summary();
    };
  }

  private static @Nullable String header(ApiException api, String name) {
    Map<String, List<String>> headers = api.getResponseHeaders();
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** Okta's error body: {@code errorCode}, {@code errorSummary} and the causes' summaries. */
  record OktaError(@Nullable String code, String summary) {
    static OktaError parse(@Nullable String body) {
      if (body == null || body.isBlank()) {
        return new OktaError(null, "(no error body)");
      }
      try {
        JsonNode node = JSON.readTree(body);
        String code = node.path("errorCode").isTextual() ? node.path("errorCode").asText() : null;
        StringBuilder summary = new StringBuilder(node.path("errorSummary").asText("(no summary)"));
        for (JsonNode cause : node.path("errorCauses")) {
          summary.append("; ").append(cause.path("errorSummary").asText());
        }
        return new OktaError(code, summary.append('.').toString());
      } catch (Exception e) {
        return new OktaError(null, "(error body is not Okta's JSON)");
      }
    }
  }
}
