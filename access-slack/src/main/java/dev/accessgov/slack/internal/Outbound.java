package dev.accessgov.slack.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.retry.BudgetedRetry;
import dev.accessgov.retry.OutboxDelivery;
import dev.accessgov.review.Reminder;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import dev.accessgov.spi.PeopleDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything this module sends to Slack, assembled: the client, the outbox and its memory, and,
 * once started on a service, the delivery thread. Notices given before the start wait in the
 * outbox. Thread-safe. Not API.
 */
public final class Outbound implements AutoCloseable {
  private final SlackApi api;
  private final Outbox outbox;
  private final Memory memory;
  private final Catalog catalog;
  private final PeopleDirectory people;
  private final Map<String, String> channels;
  private final Links links;
  private final Duration syncEvery;
  private final Duration warnBefore;
  private @Nullable OutboxDelivery worker;
  private boolean closed;

  /** The parts; nothing runs until {@link #start}. */
  public Outbound(
      SlackApi api,
      Outbox outbox,
      Catalog catalog,
      PeopleDirectory people,
      Map<String, String> channels,
      Links links,
      Duration syncEvery,
      Duration warnBefore) {
    this.api = api;
    this.outbox = outbox;
    this.memory = new Memory(outbox);
    this.catalog = catalog;
    this.people = people;
    this.channels = Map.copyOf(channels);
    this.links = links;
    this.syncEvery = syncEvery;
    this.warnBefore = warnBefore;
  }

  /**
   * Starts syncing with and delivering for {@code service}.
   *
   * @throws IllegalStateException when started before or closed
   */
  public synchronized void start(AccessService service) {
    if (closed || worker != null) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    Deliveries deliveries =
        new Deliveries(
            api,
            new Recipients(api, people),
            memory,
            service,
            catalog,
            channels,
            links,
            api.client().clock());
    Clock clock = api.client().clock();
    BudgetedRetry retry = new BudgetedRetry("Slack", api.client().retry(), clock);
    worker =
        OutboxDelivery.builder("Slack", outbox, deliveries::deliver)
            .clock(clock)
            .backoff(retry::backoffMillis)
            .refill(new SlackSync(outbox, memory, service, clock, warnBefore), syncEvery)
            .threadName("accessgov-slack")
            .build();
    worker.start();
  }

  /** Asks for a sync soon; does nothing before the start. */
  public void changed() {
    OutboxDelivery w = current();
    if (w != null) {
      w.refillSoon();
    }
  }

  /** Whether the last delivery worked; true before the start. */
  public boolean healthy() {
    OutboxDelivery w = current();
    return w == null || w.healthy();
  }

  /** Syncs and waits until everything queued is delivered; false on timeout or before start. */
  public boolean flush(Duration timeout) throws InterruptedException {
    OutboxDelivery w = current();
    return w != null && w.flush(timeout);
  }

  /** Queues a reminder, once per reminder id. */
  public void remind(Reminder r) {
    ObjectNode payload =
        Memory.object()
            .put("type", "reminder")
            .put("to", r.reviewer().value())
            .put("campaign", r.campaignId().toString())
            .put("campaignName", r.campaignName())
            .put("deadline", r.deadline().toString());
    queue("reminder:" + r.id(), r.reviewer().value(), r.campaignId().toString(), payload);
  }

  /** Queues a reclaim notice, once per notice id. */
  public void notice(ReclaimNotice n) {
    ObjectNode payload =
        Memory.object()
            .put("type", "reclaim")
            .put("to", n.subject().value())
            .put("record", n.recordId().value())
            .put("role", n.roleId().value())
            .put("policy", n.policy())
            .put("removeAfter", n.removeAfter().toString());
    queue("reclaim:" + n.id(), n.subject().value(), n.recordId().value(), payload);
  }

  private synchronized void queue(String key, String to, String about, ObjectNode payload) {
    if (memory.taken(key)) {
      return;
    }
    outbox.add(
        new OutboxEntry(
            0,
            "notify:" + to,
            OutboxEntry.Kind.NOTE,
            about,
            0,
            payload.toString(),
            api.client().clock().instant()));
    memory.take(key);
    OutboxDelivery w = worker;
    if (w != null) {
      w.wake();
    }
  }

  private synchronized @Nullable OutboxDelivery current() {
    return worker;
  }

  /** Stops the delivery thread, then the client. Idempotent. */
  @Override
  public void close() {
    OutboxDelivery w;
    synchronized (this) {
      closed = true;
      w = worker;
    }
    if (w != null) {
      w.close();
    }
    api.close();
  }
}
