package dev.accessgov.google.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a successful call returned, and the HTTP status it came with. Not API.
 *
 * @param value the parsed body (null for answers without one, such as a delete's 204)
 * @param status the HTTP status
 * @param requestId the request id the answer carried, or null (Google's Directory API sends none;
 *     kept so receipts can carry one when a proxy adds it)
 * @param <T> the body's type
 */
public record GoogleAnswer<T>(@Nullable T value, int status, @Nullable String requestId) {}
