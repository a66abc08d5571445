package dev.accessgov.slack.emulator;

/**
 * A scripted failure the emulator answers one request with, instead of serving it.
 *
 * @param status the HTTP status (200 for an {@code ok:false} error, 429, 5xx), -1 for a connection
 *     reset, or -2 for a raw answer
 * @param error Slack's error code for an {@code ok:false} answer, the body of a raw answer, else
 *     empty
 * @param retryAfterSeconds the {@code Retry-After} of a 429, else 0
 */
public record Fault(int status, String error, int retryAfterSeconds) {

  /** HTTP 429 with {@code Retry-After} and Slack's {@code ratelimited} body. */
  public static Fault ratelimited(int retryAfterSeconds) {
    return new Fault(429, "ratelimited", retryAfterSeconds);
  }

  /** An HTTP error with no Slack body, as a load balancer in trouble answers (e.g. 503). */
  public static Fault status(int status) {
    return new Fault(status, "", 0);
  }

  /** {@code {"ok":false,"error":"invalid_auth"}}, as for a revoked or mistyped token. */
  public static Fault invalidAuth() {
    return error("invalid_auth");
  }

  /** {@code {"ok":false,"error":"<code>"}} at HTTP 200, as Slack answers its errors. */
  public static Fault error(String code) {
    return new Fault(200, code, 0);
  }

  /** HTTP 200 with exactly this JSON body, right or wrong (to test checks of answers). */
  public static Fault raw(String json) {
    return new Fault(-2, json, 0);
  }

  /** The connection is reset before any answer. */
  public static Fault connectionReset() {
    return new Fault(-1, "", 0);
  }
}
