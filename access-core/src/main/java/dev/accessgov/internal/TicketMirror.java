package dev.accessgov.internal;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketingProvider;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors committed changes to the ticketing system, if there is one. Best effort: the evidence
 * chain is the source of truth, so a ticketing failure is logged and never blocks a grant or a
 * revoke. Not API.
 */
final class TicketMirror {
  private static final Logger log = LoggerFactory.getLogger(TicketMirror.class);

  private final @Nullable TicketingProvider ticketing;

  /** Records linked to a provisional ticket, to link again once the real one exists. */
  private final Set<RecordId> provisional = ConcurrentHashMap.newKeySet();

  TicketMirror(@Nullable TicketingProvider ticketing) {
    this.ticketing = ticketing;
  }

  boolean enabled() {
    return ticketing != null;
  }

  /** Opens or links the record's ticket; null when there is no ticketing or it failed. */
  @Nullable TicketRef open(AccessRecord record) {
    if (ticketing == null) {
      return null;
    }
    try {
      return ticketing.openOrLink(record);
    } catch (RuntimeException e) {
      log.warn("could not open a ticket for record {}: {}", record.id(), e.toString());
      return null;
    }
  }

  /** Remembers whether the record's ticket is still provisional. */
  void track(RecordId id, boolean isProvisional) {
    if (isProvisional) {
      provisional.add(id);
    } else {
      provisional.remove(id);
    }
  }

  /** Records whose ticket was provisional when last linked. */
  List<RecordId> provisional() {
    return List.copyOf(provisional);
  }

  void publish(AccessRecord record, List<EvidenceEvent> added) {
    if (ticketing == null || record.ticketKey() == null || added.isEmpty()) {
      return;
    }
    TicketRef ticket = new TicketRef(ticketing.id(), record.ticketKey());
    try {
      for (EvidenceEvent e : added) {
        ticketing.append(ticket, e);
      }
      ticketing.transition(ticket, record.state());
    } catch (RuntimeException e) {
      log.warn(
          "ticket {} of record {} is behind the evidence: {}",
          ticket.key(),
          record.id(),
          e.toString());
    }
  }

  String providerId() {
    return ticketing == null ? "" : ticketing.id();
  }
}
