package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

/**
 * A ticket in a ticketing system.
 *
 * @param providerId the ticketing provider's {@code id()}
 * @param key the ticket's key, e.g. {@code ACCESS-42}
 */
public record TicketRef(String providerId, String key) {
  /** Checks both are present. */
  public TicketRef {
    requireNonNull(providerId, "providerId");
    requireNonNull(key, "key");
  }
}
