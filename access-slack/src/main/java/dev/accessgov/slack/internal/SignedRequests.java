package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.app_backend.SlackSignature;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request comes from Slack: {@code X-Slack-Signature} compared, in constant time,
 * with the signature the SDK's {@link SlackSignature.Generator} computes (v0 HMAC-SHA256 over
 * {@code v0:{timestamp}:{body}}), the timestamp judged on the injected clock, a timestamp at most
 * five minutes old or ahead, and a signature not seen before within that window. A signature is
 * remembered until its timestamp leaves the window, after which the verifier refuses it as stale
 * anyway, so the memory holds at most one window of requests. Thread-safe. Not API.
 */
public final class SignedRequests {
  /** Slack's window: a request older (or further ahead) than this is refused. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private final Supplier<String> secret;
  private final Clock clock;
  private final int capacity;
  private final TreeMap<Instant, Set<String>> byExpiry = new TreeMap<>();
  private final Set<String> seen = new HashSet<>();

  /**
   * @param secret the app's signing secret, read per request so that it may be rotated
   * @param clock the time the window is judged on
   * @param capacity how many signatures may be remembered at once; more within one window are
   *     refused as {@link Check.Busy} rather than forgotten
   */
  public SignedRequests(Supplier<String> secret, Clock clock, int capacity) {
    this.secret = requireNonNull(secret, "secret");
    this.clock = requireNonNull(clock, "clock");
    this.capacity = capacity;
  }

  /** What {@link #check} found. */
  public sealed interface Check {
    /** Signed by Slack, within the window, not seen before; {@code body} is the decoded body. */
    record Accepted(String body) implements Check {}

    /** Not from Slack as far as can be told; nothing was read. */
    record Refused(String why) implements Check {}

    /** A request with this very signature was accepted before, within the window. */
    record Replayed(String why) implements Check {}

    /** The replay memory is full of live signatures; refused rather than remembered less. */
    record Busy(String why) implements Check {}
  }

  /** Checks one request; remembers its signature when it is accepted. */
  public Check check(Map<String, List<String>> headers, byte[] rawBody) {
    String timestamp = Headers.first(headers, SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
    String signature = Headers.first(headers, SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
    if (timestamp == null || signature == null) {
      return new Check.Refused(
          "no X-Slack-Request-Timestamp or X-Slack-Signature header; not a signed Slack request");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return new Check.Refused("X-Slack-Request-Timestamp is not a number of seconds");
    }
    Instant now = clock.instant();
    Instant sent;
    try {
      sent = Instant.ofEpochSecond(seconds);
    } catch (java.time.DateTimeException e) {
      return new Check.Refused("X-Slack-Request-Timestamp is out of range");
    }
    // Old timestamps and ones from the future are both refused.
    if (sent.isAfter(now.plus(WINDOW)) || !sent.isAfter(now.minus(WINDOW))) {
      return new Check.Refused(
          "X-Slack-Request-Timestamp " + seconds + " is more than 5 minutes from now; stale");
    }
    String body = utf8(rawBody);
    if (body == null) {
      return new Check.Refused("the body is not UTF-8 text, so Slack did not sign it");
    }
    String key = secret.get();
    if (key == null || key.isBlank()) {
      return new Check.Refused("no signing secret is configured; nothing can be verified");
    }
    // The SDK's generator computes the v0 HMAC; its Verifier would compare with String.equals,
    // whose time depends on how many leading characters match, so compare in constant time here.
    String expected = new SlackSignature.Generator(key).generate(timestamp, body);
    if (expected == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8),
            signature.getBytes(StandardCharsets.UTF_8))) {
      return new Check.Refused("X-Slack-Signature does not match the body and timestamp");
    }
    return remember(signature, sent.plus(WINDOW), now, body);
  }

  private synchronized Check remember(String signature, Instant until, Instant now, String body) {
    while (!byExpiry.isEmpty() && !byExpiry.firstKey().isAfter(now)) {
      seen.removeAll(byExpiry.pollFirstEntry().getValue());
    }
    if (seen.contains(signature)) {
      return new Check.Replayed("this signed request was handled before; a replay is refused");
    }
    if (seen.size() >= capacity) {
      return new Check.Busy(
          "more than " + capacity + " Slack requests within 5 minutes; raise rememberRequests");
    }
    seen.add(signature);
    byExpiry.computeIfAbsent(until, t -> new HashSet<>()).add(signature);
    return new Check.Accepted(body);
  }

  /** How many signatures are remembered now (for tests). */
  public synchronized int remembered() {
    return seen.size();
  }

  private static @Nullable String utf8(byte[] raw) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
