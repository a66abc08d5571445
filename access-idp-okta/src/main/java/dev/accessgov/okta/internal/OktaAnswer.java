package dev.accessgov.okta.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a successful call returned, and the response it came in. Not API.
 *
 * @param value the SDK's result (null for 204 answers)
 * @param meta the response's status, request id and headers
 * @param <T> what the SDK returns
 */
public record OktaAnswer<T>(@Nullable T value, ResponseMeta meta) {}
