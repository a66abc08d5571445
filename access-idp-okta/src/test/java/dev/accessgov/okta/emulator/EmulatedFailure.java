package dev.accessgov.okta.emulator;

import com.github.tomakehurst.wiremock.http.Fault;
import org.jspecify.annotations.Nullable;

/**
 * A scripted misbehaviour of the emulated Okta for one request.
 *
 * @param status the HTTP status to answer instead of the real one, or 0 to keep it
 * @param errorCode the Okta error code of that answer
 * @param fault a broken connection instead of an answer, or null
 * @param delayMillis how long to hold the answer back
 * @param malformed answer 200 with a body that is not JSON
 * @param applyFirst change the state as the real request would before misbehaving (the answer is
 *     lost, not the change)
 */
public record EmulatedFailure(
    int status,
    @Nullable String errorCode,
    @Nullable Fault fault,
    long delayMillis,
    boolean malformed,
    boolean applyFirst) {

  /** Answers {@code status} with an Okta error body; nothing changes. */
  public static EmulatedFailure status(int status) {
    return new EmulatedFailure(
        status, status >= 500 ? "E0000009" : "E0000001", null, 0, false, false);
  }

  /** Answers 429 (E0000047) with the rate-limit headers of an exhausted window. */
  public static EmulatedFailure rateLimited() {
    return new EmulatedFailure(429, "E0000047", null, 0, false, false);
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
