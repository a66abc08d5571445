package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.ProviderException;
import dev.accessgov.record.RecordState;
import dev.accessgov.retry.OutboxDelivery;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What each kind of outbox entry does in Jira. A ticket named {@code pending:<record id>} is
 * resolved to the issue its {@code OPEN} entry created (that entry is always ahead of the rest in
 * the ticket's queue). Not API.
 */
public final class Deliveries implements OutboxDelivery.Delivery {
  /** The prefix of a ticket key handed out while the issue is still to be created. */
  public static final String PENDING = "pending:";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IssueOps ops;
  private final Outbox outbox;
  private final Clock clock;
  private final Duration lateAfter;
  private final String providerId;

  /** Deliveries through {@code ops}, resolving pending keys through {@code outbox}. */
  public Deliveries(
      IssueOps ops, Outbox outbox, Clock clock, Duration lateAfter, String providerId) {
    this.ops = ops;
    this.outbox = outbox;
    this.clock = clock;
    this.lateAfter = lateAfter;
    this.providerId = providerId;
  }

  @Override
  public void deliver(OutboxEntry e) {
    JsonNode payload = parse(e.payload());
    switch (e.kind()) {
      case OPEN -> open(e, (ObjectNode) payload);
      case LINK -> ops.link(resolve(e), (ObjectNode) payload);
      case COMMENT -> {
        JsonNode body = payload.path("body");
        Instant now = clock.instant();
        if (Duration.between(e.enqueuedAt(), now).compareTo(lateAfter) > 0) {
          body = Comments.withDelayNote(body, e.enqueuedAt(), now);
        }
        ops.comment(resolve(e), e.recordId(), e.seq(), body);
      }
      case TRANSITION ->
          ops.transition(
              resolve(e), e.recordId(), RecordState.valueOf(payload.path("state").asText()));
      case NOTE -> note(resolve(e), payload);
    }
  }

  /**
   * A note; with {@code once}, posted only if the issue lacks it; with {@code moveTo}, followed by
   * that transition (a request declined in Jira is answered and closed by one entry, in order).
   */
  private void note(String key, JsonNode payload) {
    String once = payload.path("once").asText("");
    if (once.isEmpty()) {
      ops.note(key, payload.path("body"));
    } else {
      ops.noteOnce(key, once, payload.path("body"));
    }
    String moveTo = payload.path("moveTo").asText("");
    if (!moveTo.isEmpty()) {
      ops.moveTo(key, moveTo);
    }
  }

  private void open(OutboxEntry e, ObjectNode facts) {
    if (realKey(e.recordId()).isPresent()) {
      return;
    }
    // A create whose answer was lost, or a crash after it, left an issue labelled for the record.
    // Creating is not idempotent, so it is tried once per delivery, after this look-up.
    String key =
        ops.findByLabel(e.recordId(), Integer.MAX_VALUE, ops.http().deadline())
            .orElseGet(() -> ops.create(facts, 1, ops.http().deadline()));
    outbox.rememberIssueKey(e.recordId(), key);
    ops.link(key, facts);
  }

  /** The Jira key of a record's issue, when it has been created. */
  public Optional<String> realKey(String recordId) {
    return outbox.issueKey(recordId).filter(k -> !k.startsWith(PENDING));
  }

  private String resolve(OutboxEntry e) {
    if (!e.ticket().startsWith(PENDING)) {
      return e.ticket();
    }
    String recordId = e.ticket().substring(PENDING.length());
    return realKey(recordId)
        .orElseThrow(
            () ->
                new ProviderException(
                    providerId,
                    e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    0,
                    null,
                    null,
                    false,
                    "the issue for record " + recordId + " was never created",
                    null));
  }

  private static JsonNode parse(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException("outbox payload is not JSON", e);
    }
  }
}
