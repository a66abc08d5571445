package dev.accessgov.entra.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a successful call returned, and the response it came in. Not API.
 *
 * @param value the SDK's result (null for 204 answers)
 * @param meta the response's status and request id
 * @param <T> what the SDK returns
 */
public record GraphAnswer<T>(@Nullable T value, ResponseMeta meta) {}
