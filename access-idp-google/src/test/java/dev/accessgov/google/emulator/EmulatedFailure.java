package dev.accessgov.google.emulator;

import com.github.tomakehurst.wiremock.http.Fault;
import org.jspecify.annotations.Nullable;

/**
 * A scripted misbehaviour of the emulated Directory API for one request.
 *
 * @param status the HTTP status to answer instead of the real one, or 0 to keep it
 * @param reason Google's reason in that answer ({@code errors[0].reason})
 * @param fault a broken connection instead of an answer, or null
 * @param delayMillis how long to hold the answer back
 * @param malformed answer 200 with a body that is not JSON
 * @param applyFirst change the state as the real request would before misbehaving (the answer is
 *     lost, not the change)
 */
public record EmulatedFailure(
    int status,
    @Nullable String reason,
    @Nullable Fault fault,
    long delayMillis,
    boolean malformed,
    boolean applyFirst) {

  /** Answers {@code status} with Google's error body; nothing changes. */
  public static EmulatedFailure status(int status) {
    String reason =
        switch (status) {
          case 500 -> "backendError";
          case 503 -> "backendError";
          case 429 -> "rateLimitExceeded";
          case 400 -> "invalid";
          case 403 -> "forbidden";
          default -> "unknown";
        };
    return new EmulatedFailure(status, reason, null, 0, false, false);
  }

  /** Answers {@code status} with the given reason; nothing changes. */
  public static EmulatedFailure status(int status, String reason) {
    return new EmulatedFailure(status, reason, null, 0, false, false);
  }

  /** Answers 403 {@code userRateLimitExceeded}, Google's per-user quota error. */
  public static EmulatedFailure userRateLimited() {
    return status(403, "userRateLimitExceeded");
  }

  /** Resets the connection without answering; nothing changes. */
  public static EmulatedFailure connectionReset() {
    return new EmulatedFailure(0, null, Fault.CONNECTION_RESET_BY_PEER, 0, false, false);
  }

  /** Makes the change, then resets the connection: the caller never hears that it worked. */
  public static EmulatedFailure lostAnswer() {
    return new EmulatedFailure(0, null, Fault.CONNECTION_RESET_BY_PEER, 0, false, true);
  }

  /** Makes the change and answers normally, but only after {@code millis}. */
  public static EmulatedFailure slow(long millis) {
    return new EmulatedFailure(0, null, null, millis, false, true);
  }

  /** Answers 200 with a body that is not JSON. */
  public static EmulatedFailure malformedJson() {
    return new EmulatedFailure(0, null, null, 0, true, false);
  }
}
