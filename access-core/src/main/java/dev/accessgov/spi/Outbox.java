package dev.accessgov.spi;

import java.util.List;
import java.util.Optional;

/**
 * Where updates for a ticketing system wait until it takes them, and which ticket each record has.
 * A {@link TicketingProvider} such as {@code JiraTicketing} adds to it on the caller's thread and
 * delivers from it on its own thread, in order per ticket. {@link
 * dev.accessgov.inmemory.InMemoryOutbox} loses pending updates when the process stops; a durable
 * one ({@code AccessStores}' {@code outbox(name)} in {@code access-jdbc}) keeps them across
 * restarts. Implementations are thread-safe; one process at a time delivers from an outbox.
 */
public interface Outbox {

  /**
   * Appends the entry to its ticket's queue.
   *
   * @return the entry with its assigned id (greater than every id assigned before)
   */
  OutboxEntry add(OutboxEntry entry);

  /** The oldest entry of each ticket that has any, oldest first, at most {@code max}. */
  List<OutboxEntry> heads(int max);

  /** Removes a delivered (or abandoned) entry; removing an absent id does nothing. */
  void remove(long id);

  /** How many entries wait, over all tickets. */
  int size();

  /** The ticket key remembered for a record, or {@code pending:<record id>}, or empty. */
  Optional<String> issueKey(String recordId);

  /** Remembers the issue key (or pending key) of a record, replacing any earlier one. */
  void rememberIssueKey(String recordId, String issueKey);
}
