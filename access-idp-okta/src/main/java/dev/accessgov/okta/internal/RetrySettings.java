package dev.accessgov.okta.internal;

import java.time.Duration;

/**
 * How calls are retried and paced. Not API; validated by the provider's builder.
 *
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the first wait after a 5xx or a lost answer; doubles per attempt
 * @param maxBackoff the longest such wait
 * @param totalTimeout the most time one call may take, waits and attempts included
 * @param slowDownBelow when fewer than this share of a bucket's requests remain, calls are spread
 *     over the time left until the bucket resets
 */
public record RetrySettings(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration totalTimeout,
    double slowDownBelow) {}
