package dev.accessgov.jira.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a Jira answer or a lost connection into a typed {@link ProviderException} saying what Jira
 * answered and whether trying again can help. Messages carry Jira's error messages, never request
 * headers, so no credential can leak into them. Not API.
 */
final class JiraErrors {
  private static final ObjectMapper ERRORS =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final String providerId;
  private final Clock clock;

  JiraErrors(String providerId, Clock clock) {
    this.providerId = providerId;
    this.clock = clock;
  }

  /** The request id Jira stamps on every answer ({@code X-AREQUESTID}), or null. */
  static @Nullable String requestId(HttpHeaders headers) {
    return headers.firstValue("X-AREQUESTID").orElse(null);
  }

  ProviderException answer(String operation, int status, HttpHeaders headers, String body) {
    String requestId = requestId(headers);
    if (status == 429) {
      Instant retryAt = retryAt(headers);
      return new RateLimitedException(
          providerId,
          operation,
          requestId,
          retryAt,
          "Jira rate limit reached"
              + (retryAt == null ? "" : "; it accepts calls again at " + retryAt));
    }
    if (status >= 300 && status < 400) {
      return new ProviderException(
          providerId,
          operation,
          status,
          null,
          requestId,
          false,
          "Jira answered with a redirect to "
              + headers.firstValue("Location").orElse("an unnamed location")
              + "; redirects are never followed. Set baseUrl to the site's canonical https URL",
          null);
    }
    boolean retryable = status >= 500 || status == 408;
    ErrorBody said = ErrorBody.of(body);
    return new ProviderException(
        providerId,
        operation,
        status,
        said.code(),
        requestId,
        retryable,
        messages(status, said),
        null);
  }

  ProviderException lost(String operation, Exception cause) {
    String message =
        cause instanceof HttpTimeoutException
            ? "no answer from Jira in time"
            : "no answer from Jira: " + cause.getClass().getSimpleName();
    // A lost answer may succeed when asked again; the outbox makes repeats harmless.
    return new ProviderException(providerId, operation, 0, null, null, true, message, cause);
  }

  /** The transport was closed: nothing was sent, or what was in flight was abandoned. */
  ProviderException closed(String operation) {
    // Retryable: another process, on the outbox this one leaves, may well succeed.
    return new ProviderException(
        providerId,
        operation,
        0,
        null,
        null,
        true,
        "the Jira provider is closed; nothing more is sent to Jira",
        null);
  }

  /** The calling thread was interrupted, before sending or while waiting for the answer. */
  ProviderException interrupted(String operation, boolean sent) {
    return new ProviderException(
        providerId,
        operation,
        0,
        null,
        null,
        true,
        sent
            ? "interrupted while waiting for Jira; the request is abandoned"
            : "interrupted; the request was not sent",
        null);
  }

  ProviderException unreadable(String operation, int status, HttpHeaders headers) {
    return new ProviderException(
        providerId,
        operation,
        status,
        null,
        requestId(headers),
        true,
        "Jira's answer is not the JSON expected",
        null);
  }

  /** {@code Retry-After} (seconds) or {@code X-RateLimit-Reset} (ISO 8601), whichever is later. */
  @Nullable Instant retryAt(HttpHeaders headers) {
    Instant at = null;
    String after = headers.firstValue("Retry-After").orElse(null);
    if (after != null) {
      try {
        at = clock.instant().plusSeconds(Math.max(0, Long.parseLong(after.trim())));
      } catch (NumberFormatException e) {
        at = null; // Jira sends seconds; an HTTP date is treated as absent
      }
    }
    String reset = headers.firstValue("X-RateLimit-Reset").orElse(null);
    if (reset != null) {
      try {
        Instant r = OffsetDateTime.parse(reset.trim()).toInstant();
        at = at == null || r.isAfter(at) ? r : at;
      } catch (DateTimeParseException e) {
        // Keep Retry-After alone when the reset is not a timestamp.
      }
    }
    return at;
  }

  private static String messages(int status, ErrorBody body) {
    List<String> parts = body.messages();
    String said = parts.isEmpty() ? "(no error message)" : String.join("; ", parts);
    return switch (status) {
      case 401 -> said + ". Check the e-mail and API token, or the OAuth token";
      case 403 -> said + ". Check the account's project permissions (see the module README)";
      case 404 -> said + ". The issue, project or endpoint does not exist or is not visible";
      default -> said;
    };
  }

  /**
   * An error answer of either API: the platform's {@code ErrorCollection} ({@code errorMessages},
   * {@code errors} by field) or JSM's {@code ErrorResponse} ({@code errorMessage}, {@code
   * i18nErrorMessage.i18nKey}). Anything else (an HTML page from a proxy, say) says nothing.
   */
  record ErrorBody(
      @Nullable List<String> errorMessages,
      @Nullable Map<String, String> errors,
      @Nullable String errorMessage,
      @Nullable I18nMessage i18nErrorMessage) {
    private static final int MAX_MESSAGE = 300;
    private static final ErrorBody NONE = new ErrorBody(null, null, null, null);

    static ErrorBody of(@Nullable String body) {
      if (body == null || body.isBlank()) {
        return NONE;
      }
      try {
        ErrorBody read = ERRORS.readValue(body, ErrorBody.class);
        return read == null ? NONE : read;
      } catch (JsonProcessingException | RuntimeException e) {
        return NONE;
      }
    }

    /** What Jira said, each message on one line and bounded, so a log line stays one line. */
    List<String> messages() {
      List<String> parts = new ArrayList<>();
      if (errorMessages != null) {
        errorMessages.forEach(m -> parts.add(clean(m)));
      }
      if (errors != null) {
        errors.forEach((field, m) -> parts.add(clean(field) + ": " + clean(m)));
      }
      if (errorMessage != null) {
        parts.add(clean(errorMessage));
      }
      parts.removeIf(String::isEmpty);
      return parts;
    }

    /** JSM's i18n key, a stable code for the error; null from the platform API. */
    @Nullable String code() {
      return i18nErrorMessage == null || i18nErrorMessage.i18nKey() == null
          ? null
          : clean(i18nErrorMessage.i18nKey());
    }

    private static String clean(@Nullable String s) {
      if (s == null) {
        return "";
      }
      String line = s.replaceAll("\\p{Cntrl}+", " ").trim();
      return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "…";
    }
  }

  /** JSM's {@code I18nErrorMessage}. */
  record I18nMessage(@Nullable String i18nKey, @Nullable List<String> parameters) {}
}
