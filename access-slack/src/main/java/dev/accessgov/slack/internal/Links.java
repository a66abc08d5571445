package dev.accessgov.slack.internal;

import dev.accessgov.record.RecordId;
import java.net.URI;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where a message links to: the host's page for a record and the ticket's page. Not API.
 *
 * @param record the page of a record, or null when the host has none
 * @param ticket the page of a ticket key, or null
 */
public record Links(
    Function<RecordId, @Nullable URI> record, Function<String, @Nullable URI> ticket) {
  /** No links. */
  public static Links none() {
    return new Links(id -> null, key -> null);
  }
}
