package dev.accessgov.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.ProviderException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.jira.internal.Comments;
import dev.accessgov.jira.internal.Deliveries;
import dev.accessgov.jira.internal.IssueOps;
import dev.accessgov.jira.internal.RecordFacts;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.retry.OutboxDelivery;
import dev.accessgov.spi.Outbox;
import dev.accessgov.spi.OutboxEntry;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketState;
import dev.accessgov.spi.TicketingProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TicketingProvider} on Jira Cloud: one issue per access record (or an existing issue the
 * request names), the record id and state in an issue entity property, a remote link back to the
 * host's page for the record, one comment per evidence event, and transitions that mirror the
 * record's state.
 *
 * <p>Only {@link #openOrLink} talks to Jira on the caller's thread, and only when Jira was healthy
 * at the last delivery, within {@link JiraTicketingBuilder#openTimeout}. Everything else, and the
 * create itself when Jira is down, goes through the {@link Outbox} and is delivered in order per
 * ticket by a background thread: no method here blocks on Jira or throws because Jira is down. A
 * record opened while Jira was down gets the ticket key {@code pending:<record id>}; {@link
 * #issueKeyOf} gives the real key once the issue exists.
 *
 * <p>Every delivery is safe to repeat: the create looks for the issue labelled {@code
 * accessgov-<record id>} first, comments carry a marker line and are not posted twice, remote links
 * are keyed by record id, transitions already made are skipped. Thread-safe. After {@link #close()}
 * nothing more is sent to Jira; updates not yet delivered stay in the outbox.
 */
public final class JiraTicketing implements TicketingProvider, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JiraTicketing.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final String id;
  private final URI baseUrl;
  private final IssueOps ops;
  private final Outbox outbox;
  private final Deliveries deliveries;
  private final OutboxDelivery worker;
  private final Function<RecordId, @Nullable URI> recordUrl;
  private final Duration openTimeout;
  private final Clock clock;
  private final ConcurrentHashMap<String, Object> opening = new ConcurrentHashMap<>();

  JiraTicketing(
      String id,
      URI baseUrl,
      IssueOps ops,
      Outbox outbox,
      Function<RecordId, @Nullable URI> recordUrl,
      Duration openTimeout,
      Duration lateAfter,
      Clock clock) {
    this.id = id;
    this.baseUrl = baseUrl;
    this.ops = ops;
    this.outbox = outbox;
    this.recordUrl = recordUrl;
    this.openTimeout = openTimeout;
    this.clock = clock;
    this.deliveries = new Deliveries(ops, outbox, clock, lateAfter, id);
    this.worker =
        OutboxDelivery.builder("Jira", outbox, deliveries)
            .clock(clock)
            .backoff(ops.http()::backoff)
            .threadName("access-jira-outbox-" + id)
            .build();
    worker.start();
  }

  /** A builder; see {@link JiraTicketingBuilder} for what is required and the defaults. */
  public static JiraTicketingBuilder builder() {
    return new JiraTicketingBuilder();
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Whether the Jira issue {@code key} exists and is open (its status category is not {@code
   * done}), read with {@code GET /rest/api/3/issue/{key}?fields=status} (needs <em>Browse
   * projects</em>). An issue the account cannot see is {@link TicketState#NOT_FOUND}. Retries like
   * every other call; when Jira cannot be reached it throws the retryable {@link
   * dev.accessgov.ProviderException}.
   */
  @Override
  public Optional<TicketState> ticketState(String key) {
    requireNonNull(key, "key");
    return Optional.of(ops.state(key));
  }

  /**
   * Links the issue the record names, or returns the issue already opened for the record, or
   * creates one. The create is tried at once when Jira is healthy; when it fails or Jira is known
   * to be down, the returned ticket is provisional, keyed {@code pending:<record id>}, and the
   * create waits in the outbox; asked again once the issue exists, it returns the real key, which
   * the service's {@code recover()} links, noting the delay in the record. Never throws because
   * Jira is unavailable. Once this provider is closed, or when closing cuts the create short, it
   * only queues the create, for the next process.
   */
  @Override
  public TicketRef openOrLink(AccessRecord record) {
    requireNonNull(record, "record");
    String recordId = record.id().value();
    ObjectNode facts = RecordFacts.of(record, url(record.id()));
    if (record.ticketKey() != null && !record.ticketKey().startsWith(Deliveries.PENDING)) {
      String key = record.ticketKey();
      outbox.rememberIssueKey(recordId, key);
      enqueue(key, OutboxEntry.Kind.LINK, recordId, 0, facts);
      return new TicketRef(id, key);
    }
    Object lock = opening.computeIfAbsent(recordId, k -> new Object());
    try {
      synchronized (lock) {
        Optional<String> known = outbox.issueKey(recordId);
        if (known.isPresent()) {
          // A placeholder stays provisional until the outbox has created the issue.
          return new TicketRef(id, known.get(), known.get().startsWith(Deliveries.PENDING));
        }
        if (worker.healthy()) {
          try {
            long deadline = ops.http().deadline(openTimeout);
            // The label look-up finds an issue a run before a crash created for this record.
            String key =
                ops.findByLabel(recordId, 1, deadline)
                    .orElseGet(() -> ops.create(facts, 1, deadline));
            outbox.rememberIssueKey(recordId, key);
            enqueue(key, OutboxEntry.Kind.LINK, recordId, 0, facts);
            return new TicketRef(id, key);
          } catch (ProviderException e) {
            LOG.warn(
                "Jira issue for record {} will be created later: {}", recordId, e.getMessage());
          }
        }
        String pending = Deliveries.PENDING + recordId;
        outbox.rememberIssueKey(recordId, pending);
        enqueue(pending, OutboxEntry.Kind.OPEN, recordId, 0, facts);
        return new TicketRef(id, pending, true);
      }
    } finally {
      opening.remove(recordId, lock);
    }
  }

  /** Queues the event as a comment; delivered once, in order, however often this is repeated. */
  @Override
  public void append(TicketRef ticket, EvidenceEvent event) {
    requireNonNull(ticket, "ticket");
    requireNonNull(event, "event");
    ObjectNode payload = F.objectNode();
    payload.put("time", event.time().toString());
    payload.set("body", Comments.render(event));
    enqueue(ticket.key(), OutboxEntry.Kind.COMMENT, event.recordId(), event.seq(), payload);
  }

  /**
   * Queues the move to the status mapped to {@code state} (see {@link
   * JiraTicketingBuilder#transition}); a state with no mapped transition only updates the property.
   */
  @Override
  public void transition(TicketRef ticket, RecordState state) {
    requireNonNull(ticket, "ticket");
    requireNonNull(state, "state");
    String recordId =
        ticket.key().startsWith(Deliveries.PENDING)
            ? ticket.key().substring(Deliveries.PENDING.length())
            : "";
    enqueue(
        ticket.key(),
        OutboxEntry.Kind.TRANSITION,
        recordId,
        0,
        F.objectNode().put("state", state.name()));
  }

  /**
   * A mapping for {@link JiraWebhookHandlerBuilder#accountToPerson}: an Atlassian account id to the
   * e-mail address Jira shows for it ({@code GET /rest/api/3/user?accountId=}), as a {@link
   * PersonId} for the people directory to resolve (give people their e-mail addresses as aliases).
   * Empty for an account Jira does not know, and for one whose e-mail address its owner's privacy
   * settings hide (logged as a warning: the account then maps to nobody). Needs the <em>Browse
   * users and groups</em> global permission. Each call asks Jira afresh, so a changed address is
   * never served stale.
   *
   * @throws ProviderException (from the function) when Jira cannot be asked; the webhook handler
   *     then answers 503 so that Jira delivers again
   */
  public Function<String, Optional<PersonId>> accountsByEmail() {
    return accountId -> {
      requireNonNull(accountId, "accountId");
      JsonNode user;
      try {
        user =
            ops.http()
                .call(
                    "user",
                    "GET",
                    "/rest/api/3/user?accountId="
                        + java.net.URLEncoder.encode(
                            accountId, java.nio.charset.StandardCharsets.UTF_8),
                    null);
      } catch (ProviderException e) {
        if (e.status() == 404) {
          return Optional.empty();
        }
        throw e;
      }
      String email = user.path("emailAddress").asText("");
      if (email.isBlank()) {
        LOG.warn(
            "Jira shows no e-mail address for account {} (hidden by its privacy settings, or an app"
                + " account); it maps to nobody",
            accountId);
        return Optional.empty();
      }
      return Optional.of(PersonId.of(email.strip()));
    };
  }

  /** The Jira key of the record's issue, once it exists. */
  public Optional<String> issueKeyOf(RecordId record) {
    return deliveries.realKey(requireNonNull(record, "record").value());
  }

  /**
   * Waits until every queued update reached Jira (or was given up), at most {@code timeout}. After
   * {@link #close()} it does not wait.
   *
   * @return whether the outbox is empty
   */
  public boolean flush(Duration timeout) {
    try {
      return worker.flush(requireNonNull(timeout, "timeout"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** How many updates wait for Jira. */
  public int backlog() {
    return outbox.size();
  }

  /** How many updates Jira refused for good (400, 403, 404) and were dropped, since start. */
  public long dropped() {
    return worker.dropped();
  }

  /** Whether the last delivery to Jira worked. */
  public boolean jiraHealthy() {
    return worker.healthy();
  }

  /** Queues a plain comment on a ticket, e.g. to say why a Jira action approved nothing. */
  void note(String ticketKey, String recordId, String text) {
    ObjectNode payload = F.objectNode();
    payload.set("body", Comments.note(text));
    enqueue(ticketKey, OutboxEntry.Kind.NOTE, recordId, 0, payload);
  }

  /**
   * Queues the answer to a request raised in Jira that was refused: a comment saying why (posted
   * once per issue, however often this is repeated) and the move to {@code status}.
   */
  void decline(String ticketKey, String issueId, String why, String status) {
    ObjectNode payload = F.objectNode();
    payload.set("body", Comments.declined(issueId, why));
    payload.put("once", Comments.declineKey(issueId));
    payload.put("moveTo", status);
    enqueue(ticketKey, OutboxEntry.Kind.NOTE, "", 0, payload);
  }

  IssueOps ops() {
    return ops;
  }

  private void enqueue(
      String ticket, OutboxEntry.Kind kind, String recordId, long seq, ObjectNode payload) {
    outbox.add(
        new OutboxEntry(0, ticket, kind, recordId, seq, payload.toString(), clock.instant()));
    worker.wake();
  }

  private @Nullable String url(RecordId record) {
    URI u = recordUrl.apply(record);
    return u == null ? null : u.toString();
  }

  /**
   * Stops all traffic to Jira. When this returns, nothing more is sent to Jira, by the delivery
   * thread or by any other method, and the delivery thread has ended, so the outbox's store may be
   * closed next. Updates not yet delivered stay in the outbox and the next process delivers them,
   * each once: a delivery or create in flight is abandoned (Jira may or may not have acted on it;
   * repeating it is harmless, as for a lost answer), and a retry wait is cut short. Afterwards
   * {@link #openOrLink}, {@link #append} and {@link #transition} only queue into the outbox, and a
   * {@link JiraWebhookHandler} on this provider answers 503, so that Jira delivers again later.
   * Idempotent.
   */
  @Override
  public void close() {
    worker.close();
    ops.http().close();
  }

  @Override
  public String toString() {
    return "JiraTicketing[" + id + " at " + baseUrl + ", " + outbox + "]";
  }
}
