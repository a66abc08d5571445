/**
 * Time for tests, examples and benchmarks: {@link dev.accessgov.time.TestClock}, a clock that
 * stands still until the caller moves it. Pass it to {@code AccessService.builder().clock(...)} and
 * to the in-memory providers to drive expiry, review deadlines and reclaim grace periods.
 */
@NullMarked
package dev.accessgov.time;

import org.jspecify.annotations.NullMarked;
