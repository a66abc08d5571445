package dev.accessgov.entra.emulator;

import com.github.tomakehurst.wiremock.http.Fault;
import org.jspecify.annotations.Nullable;

/**
 * A scripted misbehaviour of the emulated Graph for one request (or one {@code $batch} sub-request,
 * for answers that are a status).
 *
 * @param status the HTTP status to answer instead of the real one, or 0 to keep it
 * @param errorCode Graph's error code of that answer
 * @param retryAfterSeconds the {@code Retry-After} to send, or -1 for none
 * @param fault a broken connection instead of an answer, or null
 * @param delayMillis how long to hold the answer back
 * @param malformed answer 200 with a body that is not JSON
 * @param applyFirst change the state as the real request would before misbehaving (the answer is
 *     lost, not the change)
 */
public record EmulatedFailure(
    int status,
    @Nullable String errorCode,
    long retryAfterSeconds,
    @Nullable Fault fault,
    long delayMillis,
    boolean malformed,
    boolean applyFirst) {

  /** Answers {@code status} with a Graph error body; nothing changes. */
  public static EmulatedFailure status(int status) {
    String code =
        switch (status) {
          case 500 -> "generalException";
          case 502, 504 -> "UnknownError";
          case 503 -> "serviceNotAvailable";
          default -> "Request_BadRequest";
        };
    return new EmulatedFailure(status, code, -1, null, 0, false, false);
  }

  /** Answers 503 with {@code Retry-After}. */
  public static EmulatedFailure unavailable(long retryAfterSeconds) {
    return new EmulatedFailure(
        503, "serviceNotAvailable", retryAfterSeconds, null, 0, false, false);
  }

  /** Answers 429 (TooManyRequests) with {@code Retry-After}. */
  public static EmulatedFailure throttled(long retryAfterSeconds) {
    return new EmulatedFailure(429, "TooManyRequests", retryAfterSeconds, null, 0, false, false);
  }

  /** Resets the connection without answering; nothing changes. */
  public static EmulatedFailure connectionReset() {
    return new EmulatedFailure(0, null, -1, Fault.CONNECTION_RESET_BY_PEER, 0, false, false);
  }

  /** Makes the change, then resets the connection: the caller never hears that it worked. */
  public static EmulatedFailure lostAnswer() {
    return new EmulatedFailure(0, null, -1, Fault.CONNECTION_RESET_BY_PEER, 0, false, true);
  }

  /** Makes the change and answers normally, but only after {@code millis}. */
  public static EmulatedFailure slow(long millis) {
    return new EmulatedFailure(0, null, -1, null, millis, false, true);
  }

  /** Answers 200 with a body that is not JSON. */
  public static EmulatedFailure malformedJson() {
    return new EmulatedFailure(0, null, -1, null, 0, true, false);
  }

  /** Whether only a whole HTTP exchange can misbehave this way (not a batch sub-request). */
  boolean httpOnly() {
    return fault != null || malformed || delayMillis > 0;
  }
}
