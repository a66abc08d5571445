package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link Outbox} in memory: updates survive Jira outages but not a restart of the process. The
 * default of {@code JiraTicketing}.
 */
public final class InMemoryOutbox implements Outbox {
  private final Map<String, ArrayDeque<OutboxEntry>> queues = new LinkedHashMap<>();
  private final Map<String, String> issueKeys = new HashMap<>();
  private long lastId;
  private int size;

  /** An empty outbox. */
  public InMemoryOutbox() {}

  @Override
  public synchronized OutboxEntry add(OutboxEntry entry) {
    OutboxEntry stored = requireNonNull(entry, "entry").withId(++lastId);
    queues.computeIfAbsent(stored.ticket(), t -> new ArrayDeque<>()).addLast(stored);
    size++;
    return stored;
  }

  @Override
  public synchronized List<OutboxEntry> heads(int max) {
    List<OutboxEntry> heads = new ArrayList<>();
    for (ArrayDeque<OutboxEntry> queue : queues.values()) {
      heads.add(queue.peekFirst());
    }
    heads.sort(Comparator.comparingLong(OutboxEntry::id));
    return List.copyOf(heads.subList(0, Math.min(max, heads.size())));
  }

  @Override
  public synchronized void remove(long id) {
    for (var it = queues.entrySet().iterator(); it.hasNext(); ) {
      ArrayDeque<OutboxEntry> queue = it.next().getValue();
      if (queue.removeIf(e -> e.id() == id)) {
        size--;
        if (queue.isEmpty()) {
          it.remove();
        }
        return;
      }
    }
  }

  @Override
  public synchronized int size() {
    return size;
  }

  @Override
  public synchronized Optional<String> issueKey(String recordId) {
    return Optional.ofNullable(issueKeys.get(requireNonNull(recordId, "recordId")));
  }

  @Override
  public synchronized void rememberIssueKey(String recordId, String issueKey) {
    issueKeys.put(requireNonNull(recordId, "recordId"), requireNonNull(issueKey, "issueKey"));
  }

  @Override
  public String toString() {
    return "InMemoryOutbox[" + size() + " waiting]";
  }
}
