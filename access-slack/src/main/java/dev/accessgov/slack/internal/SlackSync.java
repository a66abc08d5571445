package dev.accessgov.slack.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Slack module's refill step, run by its {@link dev.accessgov.retry.OutboxDelivery} at the
 * start, every sync period and soon after the service reports a change: every record that waits for
 * approval, and every record whose messages may still change, whose version differs from the one
 * its messages show, gets an entry in the outbox; so does every active record about to end that was
 * not yet warned. Since it reads the store, a record committed just before a crash gets its
 * messages after the restart; and since the outbox and the memory of posted messages are durable
 * (with a durable outbox), an entry taken but not yet delivered is delivered after a restart. Not
 * API.
 */
final class SlackSync implements Runnable {
  private final Outbox outbox;
  private final Memory memory;
  private final AccessService service;
  private final Clock clock;
  private final Duration warnBefore;

  SlackSync(Outbox outbox, Memory memory, AccessService service, Clock clock, Duration warnBefore) {
    this.outbox = outbox;
    this.memory = memory;
    this.service = service;
    this.clock = clock;
    this.warnBefore = warnBefore;
  }

  /** Queues an entry for each record whose messages are behind, and each due expiry warning. */
  @Override
  public void run() {
    try (Stream<AccessRecord> waiting =
        service.findAll(RecordQuery.all().states(RecordState.PENDING_APPROVAL))) {
      waiting.forEach(this::consider);
    }
    Set<String> open = memory.open();
    boolean changed = false;
    for (Iterator<String> it = open.iterator(); it.hasNext(); ) {
      String id = it.next();
      try {
        consider(service.record(RecordId.of(id)));
      } catch (NotFoundException e) {
        it.remove();
        changed = true;
      }
    }
    if (changed) {
      memory.open(open);
    }
    if (!warnBefore.isZero()) {
      Instant now = clock.instant();
      try (Stream<AccessRecord> active =
          service.findAll(RecordQuery.all().states(RecordState.ACTIVE))) {
        active.filter(r -> endsWithin(r, now)).forEach(this::warn);
      }
    }
  }

  /** Whether {@code r} ends after {@code now} and within the warning time. */
  private boolean endsWithin(AccessRecord r, Instant now) {
    Instant end = r.expiresAt();
    return end != null && end.isAfter(now) && !end.isAfter(now.plus(warnBefore));
  }

  private void consider(AccessRecord r) {
    String id = r.id().value();
    String version = Memory.version(r);
    Optional<ObjectNode> mem = memory.of(id);
    if (mem.isPresent()
        && (mem.get().path("version").asText().equals(version)
            || mem.get().path("queued").asText().equals(version))) {
      return;
    }
    if (mem.isEmpty() && r.state() != RecordState.PENDING_APPROVAL) {
      return; // never asked in Slack: nothing to update
    }
    outbox.add(
        new OutboxEntry(
            0, "record:" + id, OutboxEntry.Kind.TRANSITION, id, 0, "{}", clock.instant()));
    ObjectNode m = mem.orElseGet(Memory::object);
    m.put("queued", version);
    memory.save(id, m);
  }

  private void warn(AccessRecord r) {
    String id = r.id().value();
    String end = String.valueOf(r.expiresAt());
    ObjectNode m = memory.orNew(id);
    if (m.path("warned").asText().equals(end)) {
      return;
    }
    ObjectNode payload =
        Memory.object().put("type", "expiry").put("to", r.subject().value()).put("record", id);
    outbox.add(
        new OutboxEntry(
            0,
            "notify:" + r.subject().value(),
            OutboxEntry.Kind.NOTE,
            id,
            0,
            payload.toString(),
            clock.instant()));
    m.put("warned", end);
    memory.save(id, m);
  }
}
