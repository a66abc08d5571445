package dev.accessgov.jira;

import java.util.List;
import java.util.Optional;

/**
 * Where updates for Jira wait until Jira takes them, and which issue each record has. {@link
 * JiraTicketing} adds to it on the caller's thread and delivers from it on its own thread, in order
 * per ticket. {@link InMemoryOutbox} loses pending updates when the process stops; a durable
 * implementation (e.g. from {@code access-jdbc}) keeps them. Implementations are thread-safe; one
 * process at a time delivers from an outbox.
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

  /** The Jira issue key remembered for a record, or {@code pending:<record id>}, or empty. */
  Optional<String> issueKey(String recordId);

  /** Remembers the issue key (or pending key) of a record, replacing any earlier one. */
  void rememberIssueKey(String recordId, String issueKey);
}
