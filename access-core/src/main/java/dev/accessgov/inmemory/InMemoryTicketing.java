package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.NotFoundException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TicketingProvider} in memory: tickets keyed {@code <project>-1}, {@code <project>-2},
 * ..., one comment per evidence event, status mirroring the record's state. Used by tests and
 * examples to see what a ticketing system would show.
 */
public final class InMemoryTicketing implements TicketingProvider {
  private final String project;
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, String> ticketByRecord = new ConcurrentHashMap<>();

  /**
   * A ticket as this provider holds it.
   *
   * @param key the key
   * @param recordId the record it mirrors
   * @param comments one line per event: {@code <seq> <type> by <actor>}
   * @param status the record state it mirrors
   */
  public record Ticket(String key, String recordId, List<String> comments, RecordState status) {}

  private static final class MutableTicket {
    final String key;
    final String recordId;
    final Map<Long, String> comments = new TreeMap<>();
    RecordState status = RecordState.PENDING_APPROVAL;

    MutableTicket(String key, String recordId) {
      this.key = key;
      this.recordId = recordId;
    }
  }

  private final Map<String, MutableTicket> state = new ConcurrentHashMap<>();

  /** A provider that opens tickets in {@code project}. */
  public InMemoryTicketing(String project) {
    this.project = requireNonNull(project, "project");
  }

  @Override
  public String id() {
    return "memory-tickets";
  }

  @Override
  public TicketRef openOrLink(AccessRecord record) {
    requireNonNull(record, "record");
    String key =
        ticketByRecord.computeIfAbsent(
            record.id().value(),
            id -> {
              String k =
                  record.ticketKey() != null
                      ? record.ticketKey()
                      : project + "-" + counter.incrementAndGet();
              state.computeIfAbsent(k, kk -> new MutableTicket(kk, id));
              return k;
            });
    return new TicketRef(id(), key);
  }

  @Override
  public void append(TicketRef ticket, EvidenceEvent event) {
    MutableTicket t = require(ticket);
    synchronized (t) {
      t.comments.putIfAbsent(
          event.seq(), event.seq() + " " + event.type() + " by " + event.actor());
    }
  }

  @Override
  public void transition(TicketRef ticket, RecordState status) {
    MutableTicket t = require(ticket);
    synchronized (t) {
      t.status = requireNonNull(status, "status");
    }
  }

  /** The ticket with this key, as it stands now. */
  public Ticket ticket(String key) {
    MutableTicket t = require(new TicketRef(id(), key));
    synchronized (t) {
      return new Ticket(
          t.key, t.recordId, List.copyOf(new ArrayList<>(t.comments.values())), t.status);
    }
  }

  private MutableTicket require(TicketRef ticket) {
    MutableTicket t = state.get(requireNonNull(ticket, "ticket").key());
    if (t == null) {
      throw new NotFoundException("no ticket " + ticket.key());
    }
    return t;
  }
}
