package dev.accessgov.slack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.ProviderException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.policy.Decision;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.slack.internal.RecordMessages.Rendered;
import dev.accessgov.spi.OutboxEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one outbox entry to Slack. A record's entry ({@code TRANSITION}, ticket {@code
 * record:<id>}) makes its messages match the record as it is now: while it waits for a step, each
 * eligible approver (or the application's channel) has a message with Approve / Deny for that step;
 * every message posted before shows the current facts, with buttons only for whoever may still
 * decide. Each message posted is remembered at once, so a repeated delivery posts nothing twice
 * unless the process died between Slack's answer and that write. A notice entry ({@code NOTE}) is
 * one direct message. Runs on the delivery thread only. Not API.
 */
final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  /** Records in these states change no more: their messages are final. */
  static final Set<RecordState> FINAL =
      Set.of(RecordState.DENIED, RecordState.REVOKED, RecordState.EXPIRED, RecordState.FAILED);

  private final SlackApi api;
  private final Recipients recipients;
  private final Memory memory;
  private final AccessService service;
  private final Catalog catalog;
  private final Map<String, String> channels;
  private final Links links;
  private final Clock clock;

  Deliveries(
      SlackApi api,
      Recipients recipients,
      Memory memory,
      AccessService service,
      Catalog catalog,
      Map<String, String> channels,
      Links links,
      Clock clock) {
    this.api = api;
    this.recipients = recipients;
    this.memory = memory;
    this.service = service;
    this.catalog = catalog;
    this.channels = Map.copyOf(channels);
    this.links = links;
    this.clock = clock;
  }

  /** Delivers {@code entry}; throws when Slack did not take it (the entry stays). */
  void deliver(OutboxEntry entry) {
    if (entry.kind() == OutboxEntry.Kind.NOTE) {
      notice(Memory.parse(entry.payload()));
    } else {
      // A decision made while this delivery talked to Slack is shown before it ends, so the
      // messages never stay behind the record once the outbox is empty.
      for (int round = 0; round < 3 && record(entry.recordId()); round++) {
        // the record changed meanwhile: once more
      }
    }
  }

  /**
   * Makes a record's messages match the record.
   *
   * @return whether the record changed while this ran (its messages may be behind)
   */
  boolean record(String recordId) {
    RecordId id = RecordId.of(recordId);
    AccessRecord r;
    Optional<Decision.NeedsApproval> pending;
    try {
      r = service.record(id);
      pending = service.pendingApproval(id);
    } catch (NotFoundException e) {
      LOG.warn("Slack: record {} is gone; its messages stay as they are", recordId);
      return false;
    }
    ObjectNode mem = memory.orNew(recordId);
    String version = Memory.version(r);
    if (pending.isPresent()) {
      post(r, pending.get(), mem, version);
    }
    for (JsonNode m : Memory.messages(mem)) {
      if (!m.path("shown").asText().equals(version) && !m.path("gone").asBoolean()) {
        update(r, pending.orElse(null), (ObjectNode) m, version);
        memory.save(recordId, mem);
      }
    }
    mem.put("version", version);
    memory.save(recordId, mem);
    Set<String> open = memory.open();
    boolean watch = !FINAL.contains(r.state()) && !Memory.messages(mem).isEmpty();
    if (watch ? open.add(recordId) : open.remove(recordId)) {
      memory.open(open);
    }
    return !Memory.version(service.record(id)).equals(version);
  }

  /** Posts the pending step's message to each of its recipients that has none yet. */
  private void post(
      AccessRecord r, Decision.NeedsApproval pending, ObjectNode mem, String version) {
    Rendered rendered = RecordMessages.render(r, catalog, pending, true, links);
    List<String> unreachable = Memory.texts(mem.get("unreachable"));
    for (String to : targets(r, pending)) {
      if (Memory.posted(mem, to, pending.stepIndex()) != null || unreachable.contains(to)) {
        continue;
      }
      String channel;
      if (to.startsWith("channel:")) {
        channel = to.substring("channel:".length());
      } else {
        PersonId person = PersonId.of(to.substring("person:".length()));
        Optional<String> user = recipients.userOf(person);
        if (user.isEmpty()) {
          LOG.info(
              "Slack: approver {} of record {} has no Slack account found by e-mail; not asked"
                  + " in Slack",
              person,
              r.id());
          mem.withArray("unreachable").add(to);
          memory.save(r.id().value(), mem);
          continue;
        }
        channel = recipients.dm(user.get());
      }
      ChatPostMessageResponse answer = postMessage(channel, rendered);
      ObjectNode m = Memory.messages(mem).addObject();
      m.put("to", to)
          .put("step", pending.stepIndex())
          .put("channel", answer.getChannel())
          .put("ts", answer.getTs())
          .put("shown", version);
      memory.save(r.id().value(), mem);
    }
  }

  /** Who is asked: the application's channel, else each active eligible approver by id. */
  private List<String> targets(AccessRecord r, Decision.NeedsApproval pending) {
    Optional<Role> role = catalog.role(r.roleId());
    if (role.isPresent()) {
      String channel = channels.get(catalog.applicationOf(role.get()).id());
      if (channel != null) {
        return List.of("channel:" + channel);
      }
    }
    List<String> out = new ArrayList<>();
    pending.eligible().stream().map(PersonId::value).sorted().forEach(p -> out.add("person:" + p));
    return out;
  }

  /** Shows the record as it is now on one posted message. */
  private void update(
      AccessRecord r,
      Decision.@org.jspecify.annotations.Nullable NeedsApproval pending,
      ObjectNode m,
      String version) {
    String to = m.path("to").asText();
    boolean buttons =
        pending != null
            && m.path("step").asInt(-1) == pending.stepIndex()
            && (to.startsWith("channel:")
                || pending.eligible().contains(PersonId.of(to.substring("person:".length()))));
    Rendered rendered = RecordMessages.render(r, catalog, pending, buttons, links);
    String channel = m.path("channel").asText();
    String ts = m.path("ts").asText();
    try {
      api.call(
          "chat.update",
          null,
          c ->
              c.chatUpdate(
                  q -> q.channel(channel).ts(ts).text(rendered.text()).blocks(rendered.blocks())));
      m.put("shown", version);
    } catch (ProviderException e) {
      if (e.retryable()) {
        throw e;
      }
      // Deleted by a person, or the channel archived: nothing left to update.
      LOG.warn(
          "Slack: message {} in {} of record {} cannot be updated ({}); left as it is",
          ts,
          channel,
          r.id(),
          e.errorCode());
      m.put("gone", true);
    }
  }

  private ChatPostMessageResponse postMessage(String channel, Rendered rendered) {
    return api.call(
        "chat.postMessage",
        channel,
        c ->
            c.chatPostMessage(
                q -> q.channel(channel).text(rendered.text()).blocks(rendered.blocks())));
  }

  /** Delivers one notice as a direct message; one to a person Slack does not know is dropped. */
  private void notice(JsonNode n) {
    PersonId to = PersonId.of(n.path("to").asText());
    Optional<Rendered> rendered = render(n);
    if (rendered.isEmpty()) {
      return;
    }
    Optional<String> user = recipients.userOf(to);
    if (user.isEmpty()) {
      LOG.info(
          "Slack: {} has no Slack account found by e-mail; {} not sent",
          to,
          n.path("type").asText());
      return;
    }
    postMessage(recipients.dm(user.get()), rendered.get());
  }

  /** A notice's message as things stand now, or empty when there is nothing left to say. */
  private Optional<Rendered> render(JsonNode n) {
    switch (n.path("type").asText()) {
      case "reminder" -> {
        List<ReviewItem> items =
            service
                .reviews()
                .pending(
                    CampaignId.of(n.path("campaign").asText()), PersonId.of(n.path("to").asText()));
        return items.isEmpty()
            ? Optional.empty()
            : Optional.of(
                NoticeMessages.reminder(
                    n.path("campaignName").asText(),
                    Instant.parse(n.path("deadline").asText()),
                    items));
      }
      case "reclaim" -> {
        String role =
            catalog
                .role(dev.accessgov.catalog.RoleId.of(n.path("role").asText()))
                .map(Role::name)
                .orElse(n.path("role").asText());
        return Optional.of(
            NoticeMessages.reclaim(
                role,
                n.path("record").asText(),
                Instant.parse(n.path("removeAfter").asText()),
                n.path("policy").asText()));
      }
      case "expiry" -> {
        AccessRecord r;
        try {
          r = service.record(RecordId.of(n.path("record").asText()));
        } catch (NotFoundException e) {
          return Optional.empty();
        }
        return r.state() == RecordState.ACTIVE && r.expiresAt() != null
            ? Optional.of(NoticeMessages.expiring(r, catalog, clock.instant()))
            : Optional.empty();
      }
      default -> {
        LOG.warn("Slack: unknown notice type {}; dropped", n.path("type").asText());
        return Optional.empty();
      }
    }
  }
}
