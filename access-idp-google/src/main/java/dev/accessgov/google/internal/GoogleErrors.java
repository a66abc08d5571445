package dev.accessgov.google.internal;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import dev.accessgov.ProviderException;
import dev.accessgov.google.GoogleRateLimitedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the Directory client threw into a typed {@link ProviderException} that says what
 * Google answered ({@code error.errors[0].reason} becomes the error code) and whether trying again
 * can help. Messages carry Google's error message, never request headers, so no credential can leak
 * into them. Not API.
 */
final class GoogleErrors {
  /** The 403 reasons Google uses for throttling; they are retried like a 429. */
  static final Set<String> QUOTA_REASONS =
      Set.of("userRateLimitExceeded", "rateLimitExceeded", "quotaExceeded");

  private final String providerId;
  private final Clock clock;

  GoogleErrors(String providerId, Clock clock) {
    this.providerId = providerId;
    this.clock = clock;
  }

  ProviderException translate(String operation, IOException failure) {
    if (failure instanceof HttpResponseException http) {
      return fromResponse(operation, http);
    }
    if (failure instanceof Retryable auth) {
      return fromTokenEndpoint(operation, failure, auth.isRetryable());
    }
    if (failure instanceof UnreadableAnswer unreadable) {
      return new ProviderException(
          providerId,
          operation,
          unreadable.status(),
          null,
          null,
          true,
          "Google's answer could not be read ("
              + unreadable.reason.getClass().getSimpleName()
              + ")",
          failure);
    }
    String message =
        failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException
            ? "no answer from Google in time"
            : "no answer from Google: " + failure.getClass().getSimpleName();
    // A lost answer may succeed when asked again; every call we repeat is idempotent.
    return new ProviderException(providerId, operation, 0, null, null, true, message, failure);
  }

  private ProviderException fromResponse(String operation, HttpResponseException http) {
    int status = http.getStatusCode();
    GoogleJsonError details =
        http instanceof GoogleJsonResponseException json ? json.getDetails() : null;
    String reason = reason(details);
    String message =
        details != null && details.getMessage() != null
            ? details.getMessage()
            : "(no Google error body; HTTP " + status + ")";
    if (status == 429 || (status == 403 && reason != null && QUOTA_REASONS.contains(reason))) {
      return new GoogleRateLimitedException(
          providerId, operation, status, reason, null, retryAt(http.getHeaders()), message);
    }
    if (status >= 300 && status < 400) {
      return new ProviderException(
          providerId,
          operation,
          status,
          reason,
          null,
          false,
          "Google answered with a redirect to "
              + http.getHeaders().getLocation()
              + "; redirects are never followed. Check rootUrl",
          null);
    }
    boolean retryable = status >= 500 || status == 408;
    return new ProviderException(
        providerId, operation, status, reason, null, retryable, hint(status, message), null);
  }

  private ProviderException fromTokenEndpoint(
      String operation, IOException failure, boolean retryable) {
    int status =
        failure.getCause() instanceof HttpResponseException http ? http.getStatusCode() : 0;
    // The token endpoint's message names the OAuth error (e.g. unauthorized_client) and never the
    // key or the assertion.
    return new ProviderException(
        providerId,
        operation,
        status,
        "oauth2",
        null,
        retryable,
        "the service account could not get an access token: "
            + failure.getMessage()
            + (retryable
                ? ""
                : ". Check the key, and that domain-wide delegation in the Admin console grants"
                    + " the service account's client id the scopes this provider requests"),
        retryable ? failure : null);
  }

  private static @Nullable String reason(@Nullable GoogleJsonError details) {
    if (details == null) {
      return null;
    }
    List<GoogleJsonError.ErrorInfo> errors = details.getErrors();
    if (errors != null && !errors.isEmpty() && errors.get(0).getReason() != null) {
      return errors.get(0).getReason();
    }
    // Some answers carry only the gRPC-style status, e.g. "PERMISSION_DENIED".
    Object status = details.get("status");
    return status == null ? null : status.toString();
  }

  private @Nullable Instant retryAt(HttpHeaders headers) {
    Object value = headers.get("retry-after");
    String text =
        value instanceof List<?> list && !list.isEmpty()
            ? String.valueOf(list.get(0))
            : value == null ? null : value.toString();
    if (text == null) {
      return null;
    }
    try {
      return clock.instant().plusSeconds(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      // An HTTP date: rare from Google; treated as absent, so exponential backoff applies.
      return null;
    }
  }

  private static String hint(int status, String message) {
    return switch (status) {
      case 401 -> message + ". Check the service account key and that the access token is valid";
      case 403 ->
          message
              + ". Check that the delegated admin may manage the group and its users, and that"
              + " domain-wide delegation grants the scope";
      default -> message;
    };
  }

  /** A 2xx answer whose body could not be parsed; retried like a lost answer. */
  static final class UnreadableAnswer extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final Throwable reason;

    UnreadableAnswer(int status, Throwable cause) {
      super("unreadable answer with HTTP " + status, cause);
      this.reason = cause;
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}
