/**
 * Bounded, budgeted retries for calls to vendor APIs, on resilience4j: {@link
 * dev.accessgov.retry.RetrySettings} says how many attempts, how long to back off and how long one
 * operation may take in all; {@link dev.accessgov.retry.BudgetedRetry} runs the attempts.
 */
@NullMarked
package dev.accessgov.retry;

import org.jspecify.annotations.NullMarked;
