package dev.accessgov.entra.internal;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One SDK call to make, with what is needed to retry it and to explain its failure. Not API.
 *
 * @param operation the operation it serves, e.g. {@code addMember}
 * @param groupId the group a membership change targets, else null
 * @param sdk the call itself; idempotent, so it may be repeated
 * @param expectedStatus the only success status Graph answers this call with (204 for a change of a
 *     membership reference); another 2xx is not taken as done but retried. 0 for any 2xx
 * @param <T> what the SDK returns
 */
public record GraphCall<T>(
    String operation, @Nullable String groupId, Supplier<T> sdk, int expectedStatus) {

  /** A call that succeeds with any 2xx answer. */
  public GraphCall(String operation, @Nullable String groupId, Supplier<T> sdk) {
    this(operation, groupId, sdk, 0);
  }
}
