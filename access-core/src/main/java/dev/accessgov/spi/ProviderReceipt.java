package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an external system answered to one call, kept as evidence.
 *
 * @param providerId the provider's {@code id()}
 * @param operation the operation, e.g. {@code addMember}
 * @param status the HTTP status (0 for providers that do not speak HTTP, like the in-memory ones)
 * @param requestId the vendor's request id, or null
 * @param answeredAt when the answer arrived, by the provider's clock
 */
public record ProviderReceipt(
    String providerId,
    String operation,
    int status,
    @Nullable String requestId,
    Instant answeredAt) {
  /** Checks required fields. */
  public ProviderReceipt {
    requireNonNull(providerId, "providerId");
    requireNonNull(operation, "operation");
    requireNonNull(answeredAt, "answeredAt");
  }
}
