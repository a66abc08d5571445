package dev.accessgov.entra.internal;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One SDK call to make, with what is needed to retry it and to explain its failure. Not API.
 *
 * @param operation the operation it serves, e.g. {@code addMember}
 * @param groupId the group a membership change targets, else null
 * @param sdk the call itself; idempotent, so it may be repeated
 * @param <T> what the SDK returns
 */
public record GraphCall<T>(String operation, @Nullable String groupId, Supplier<T> sdk) {}
