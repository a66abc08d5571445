package dev.accessgov.jira.internal;

import java.time.Duration;

/**
 * How Jira calls are retried. Not API; validated by the builder.
 *
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the first wait after a 5xx or a lost answer; doubles per attempt
 * @param maxBackoff the longest such wait, and the longest pause of the outbox
 * @param totalTimeout the most time one call may take, waits and attempts included
 */
public record RetrySettings(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration totalTimeout) {}
