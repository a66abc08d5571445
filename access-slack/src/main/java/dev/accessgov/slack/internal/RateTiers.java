package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.methods.MethodsRateLimitTier;
import com.slack.api.methods.MethodsRateLimits;
import dev.accessgov.RateLimitedException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Paces calls to Slack's documented rate tiers, per method per workspace, as the SDK's own table
 * ({@link MethodsRateLimits}) lists them: e.g. {@code users.lookupByEmail} Tier 3 (50 a minute),
 * {@code users.info} Tier 4 (100), and {@code chat.postMessage}'s special tier, 60 a minute per
 * channel. Each limit is a resilience4j {@link RateLimiter} with a one-minute window; a caller
 * waits for a permit at most as long as its operation has left, then fails retryably. When Slack
 * answers 429 anyway (another app on the same token), the retry waits for Slack's {@code
 * Retry-After}; a concurrent caller of the same method that is throttled too waits for its own.
 * Thread-safe. Not API.
 */
public final class RateTiers {
  private final ToIntFunction<String> perMinute;
  private final Duration window;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  private RateTiers(ToIntFunction<String> perMinute, Duration window) {
    this.perMinute = perMinute;
    this.window = window;
  }

  /** Slack's tiers, from the SDK's table. */
  public static RateTiers slacks() {
    return new RateTiers(
        method -> {
          MethodsRateLimitTier tier = MethodsRateLimits.lookupRateLimitTier(method);
          Integer n = tier == null ? null : MethodsRateLimitTier.getAllowedRequestsPerMinute(tier);
          return n == null ? 20 : n; // Tier 2, Slack's default for unlisted methods
        },
        Duration.ofMinutes(1));
  }

  /** The same limit, {@code perWindow} calls per {@code window}, for every method (tests). */
  public static RateTiers uniform(int perWindow, Duration window) {
    return new RateTiers(method -> perWindow, window);
  }

  /**
   * Waits for a permit of {@code method} (and of {@code channel} for chat.postMessage) for at most
   * {@code maxWait} (the operation's time budget; the first call of a method sets it for all).
   *
   * @throws RateLimitedException when no permit came in time (retryable)
   */
  void acquire(String method, @Nullable String channel, Duration maxWait) {
    requireNonNull(method, "method");
    String key =
        method.equals("chat.postMessage") && channel != null ? method + "#" + channel : method;
    RateLimiter limiter = limiters.computeIfAbsent(key, k -> limiter(k, method, maxWait));
    if (!limiter.acquirePermission()) {
      throw new RateLimitedException(
          SlackApi.PROVIDER,
          method,
          null,
          null,
          "Slack's rate tier for " + method + " is used up for now; the call will be retried");
    }
  }

  /** A limiter whose callers wait at most {@code maxWait}, the first caller's time budget. */
  private RateLimiter limiter(String key, String method, Duration maxWait) {
    return RateLimiter.of(
        key,
        RateLimiterConfig.custom()
            .limitForPeriod(Math.max(1, perMinute.applyAsInt(method)))
            .limitRefreshPeriod(window)
            .timeoutDuration(maxWait)
            .build());
  }
}
