package dev.accessgov.entra.internal;

import com.azure.core.exception.ClientAuthenticationException;
import com.microsoft.graph.models.odataerrors.MainError;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.entra.GroupNotManageableException;
import dev.accessgov.entra.GroupNotManageableException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the SDK threw, or what a batch sub-response said, into a typed {@link
 * ProviderException} carrying Graph's status, error code and {@code request-id}, and whether trying
 * again can help. Messages carry Graph's error message, never request headers, so no token can leak
 * into them. Not API.
 */
public final class GraphErrors {
  private final String providerId;
  private final Clock clock;

  GraphErrors(String providerId, Clock clock) {
    this.providerId = providerId;
    this.clock = clock;
  }

  /** The id of the provider whose calls these errors describe. */
  String providerId() {
    return providerId;
  }

  ProviderException translate(
      GraphCall<?> call, RuntimeException failure, @Nullable ResponseMeta meta) {
    String operation = call.operation();
    if (failure instanceof ClientAuthenticationException) {
      return new ProviderException(
          providerId,
          operation,
          401,
          "token_request_failed",
          null,
          false,
          "Entra ID issued no token ("
              + failure.getClass().getSimpleName()
              + "). Check the"
              + " tenant id, client id and the client secret or certificate",
          null);
    }
    if (failure instanceof TokenUnavailableException) {
      // The token endpoint did not answer in time or at all: may work when asked again.
      return new ProviderException(
          providerId,
          operation,
          0,
          "token_unavailable",
          null,
          true,
          Objects.toString(failure.getMessage(), "the token endpoint did not answer"),
          null);
    }
    if (failure instanceof ApiException api && api.getResponseStatusCode() > 0) {
      MainError error = failure instanceof ODataError od ? od.getError() : null;
      String requestId =
          meta != null && meta.requestId() != null ? meta.requestId() : innerId(error);
      return fromAnswer(
          operation,
          call.groupId(),
          api.getResponseStatusCode(),
          error == null ? null : error.getCode(),
          error == null || error.getMessage() == null ? "(no error message)" : error.getMessage(),
          requestId,
          meta == null ? -1 : meta.retryAfterSeconds(),
          meta == null ? null : meta.location());
    }
    int status = meta == null ? 0 : meta.status();
    String requestId = meta == null ? null : meta.requestId();
    IOException io = ioCause(failure);
    String message;
    if (status >= 200 && status < 300) {
      message = "Graph's answer could not be read (" + failure.getClass().getSimpleName() + ")";
    } else if (io instanceof InterruptedIOException) {
      message = "no answer from Graph in time";
    } else if (io != null) {
      message = "no answer from Graph: " + io.getClass().getSimpleName();
    } else {
      return new ProviderException(
          providerId,
          operation,
          status,
          null,
          requestId,
          false,
          "unexpected failure in the Graph SDK: " + failure.getClass().getName(),
          failure);
    }
    // A lost or unreadable answer may succeed when asked again; every call we repeat is idempotent.
    return new ProviderException(providerId, operation, status, null, requestId, true, message, io);
  }

  /**
   * The typed error for one Graph answer that is not a success.
   *
   * @param groupId the group a membership change targets, else null
   * @param retryAfterSeconds {@code Retry-After}, or -1
   */
  public ProviderException fromAnswer(
      String operation,
      @Nullable String groupId,
      int status,
      @Nullable String code,
      String message,
      @Nullable String requestId,
      long retryAfterSeconds,
      @Nullable String location) {
    Instant now = clock.instant();
    Instant retryAt = retryAfterSeconds >= 0 ? now.plusSeconds(retryAfterSeconds) : null;
    if (status == 429) {
      return new RateLimitedException(
          providerId,
          operation,
          requestId,
          retryAt,
          "Graph throttled the call ("
              + (code == null ? "TooManyRequests" : code)
              + ")"
              + (retryAt == null ? "" : "; it accepts calls again at " + retryAt));
    }
    if (status == 503 && retryAt != null) {
      return new ServiceBusyException(
          providerId, operation, code, requestId, retryAt, message + " Retry after " + retryAt);
    }
    if (status >= 300 && status < 400) {
      return new ProviderException(
          providerId,
          operation,
          status,
          code,
          requestId,
          false,
          "Graph answered with a redirect to "
              + (location == null ? "an unnamed location" : location)
              + "; redirects are never followed. Check graphBaseUrl",
          null);
    }
    if (status == 403 && groupId != null) {
      return new GroupNotManageableException(
          providerId,
          operation,
          groupId,
          Reason.REFUSED,
          code,
          requestId,
          message
              + " Graph refused to change this group's members: grant the app the application"
              + " permission GroupMember.ReadWrite.All with admin consent, and check that the group"
              + " is not in a restricted management administrative unit");
    }
    boolean retryable = status >= 500 || status == 408;
    return new ProviderException(
        providerId, operation, status, code, requestId, retryable, hint(status, message), null);
  }

  private static String hint(int status, String message) {
    return switch (status) {
      case 401 -> message + " Check the credential and that its tenant is the right one";
      case 403 -> message + " Check the app's Graph application permissions and admin consent";
      default -> message;
    };
  }

  private static @Nullable String innerId(@Nullable MainError error) {
    return error == null || error.getInnerError() == null
        ? null
        : error.getInnerError().getRequestId();
  }

  private static @Nullable IOException ioCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** Whether a membership change's answer means the user was already a member. */
  public static boolean alreadyMember(int status, @Nullable String message) {
    return status == 400 && message != null && message.contains("already exist");
  }
}
