package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.NotFoundException;
import dev.accessgov.ProviderException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketState;
import dev.accessgov.spi.TicketingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static final String PENDING = "pending:";

  private final Map<String, MutableTicket> state = new ConcurrentHashMap<>();
  private volatile boolean unreachable;
  private final Map<String, TicketState> scripted = new ConcurrentHashMap<>();

  /** A provider that opens tickets in {@code project}. */
  public InMemoryTicketing(String project) {
    this.project = requireNonNull(project, "project");
  }

  @Override
  public String id() {
    return "memory-tickets";
  }

  /**
   * Makes the system unreachable (or reachable again). While unreachable, a record without a ticket
   * gets a {@linkplain TicketRef#provisional() provisional} one keyed {@code pending:<record id>},
   * whose comments and status are kept and carried over to the real ticket, which is opened at the
   * first {@link #openOrLink} once the system is reachable.
   */
  public InMemoryTicketing unreachable(boolean unreachable) {
    this.unreachable = unreachable;
    return this;
  }

  /**
   * Scripts what {@link #ticketState} answers for {@code key}, as if the ticket had been opened (or
   * closed) by people in the ticketing system. Overrides what this provider knows of its own
   * tickets.
   */
  public InMemoryTicketing ticketState(String key, TicketState state) {
    scripted.put(requireNonNull(key, "key"), requireNonNull(state, "state"));
    return this;
  }

  /**
   * The state scripted with {@link #ticketState(String, TicketState)}; else, for a ticket this
   * provider opened or linked, open while the record it mirrors is live and closed after; else
   * {@link TicketState#NOT_FOUND}. A retryable {@link ProviderException} while {@linkplain
   * #unreachable unreachable}.
   */
  @Override
  public Optional<TicketState> ticketState(String key) {
    requireNonNull(key, "key");
    if (unreachable) {
      throw new ProviderException(
          id(), "ticketState", 0, null, null, true, "ticketing system unreachable", null);
    }
    TicketState given = scripted.get(key);
    if (given != null) {
      return Optional.of(given);
    }
    MutableTicket own = key.startsWith(PENDING) ? null : state.get(key);
    if (own == null) {
      return Optional.of(TicketState.NOT_FOUND);
    }
    synchronized (own) {
      return Optional.of(own.status.isLive() ? TicketState.EXISTS_OPEN : TicketState.CLOSED);
    }
  }

  @Override
  public TicketRef openOrLink(AccessRecord record) {
    requireNonNull(record, "record");
    String recordId = record.id().value();
    String known = ticketByRecord.get(recordId);
    if (known != null) {
      return new TicketRef(id(), known);
    }
    String pendingKey = PENDING + recordId;
    if (unreachable) {
      state.computeIfAbsent(pendingKey, k -> new MutableTicket(k, recordId));
      return new TicketRef(id(), pendingKey, true);
    }
    String key =
        ticketByRecord.computeIfAbsent(
            recordId,
            id -> {
              String given = record.ticketKey();
              String k =
                  given != null && !given.startsWith(PENDING)
                      ? given
                      : project + "-" + counter.incrementAndGet();
              MutableTicket opened = state.computeIfAbsent(k, kk -> new MutableTicket(kk, id));
              MutableTicket queued = state.remove(pendingKey);
              if (queued != null) {
                synchronized (queued) {
                  opened.comments.putAll(queued.comments);
                  opened.status = queued.status;
                }
              }
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
