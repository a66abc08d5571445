package dev.accessgov.google.internal;

import java.time.Duration;

/**
 * How calls are retried and paced. Not API; validated by the provider's builder.
 *
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the first wait after a quota error, a 5xx or a lost answer; doubles per
 *     attempt
 * @param maxBackoff the longest such wait
 * @param totalTimeout the most time one SPI operation may take, waits and attempts included
 * @param requestsPerMinute the pace calls are spread to, 0 for no pacing
 */
public record RetrySettings(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration totalTimeout,
    int requestsPerMinute) {}
