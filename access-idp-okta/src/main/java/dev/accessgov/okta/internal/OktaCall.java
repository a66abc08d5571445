package dev.accessgov.okta.internal;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One SDK call to make, with what is needed to retry it and to explain its failure. Not API.
 *
 * @param operation the SPI operation it serves, e.g. {@code addMember}
 * @param bucket the Okta rate-limit bucket (endpoint family) the call counts against
 * @param groupId the group a membership change targets, else null
 * @param sdk the call itself; idempotent, so it may be repeated
 * @param <T> what the SDK returns
 */
public record OktaCall<T>(
    String operation, String bucket, @Nullable String groupId, Supplier<T> sdk) {}
