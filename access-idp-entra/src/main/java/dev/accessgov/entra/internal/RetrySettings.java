package dev.accessgov.entra.internal;

import java.time.Duration;

/**
 * How calls are retried. Not API; validated by the provider's builder.
 *
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the first wait after a 5xx or a lost answer; doubles per attempt
 * @param maxBackoff the longest such wait
 * @param totalTimeout the most time one operation may take, waits and attempts included
 */
public record RetrySettings(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration totalTimeout) {}
