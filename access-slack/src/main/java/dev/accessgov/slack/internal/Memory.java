package dev.accessgov.slack.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.spi.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the Slack module remembers durably, in the outbox's per-record slot ({@link
 * Outbox#rememberIssueKey}) as JSON: for each record, the messages posted about it (channel, ts,
 * recipient, the record version each shows), the version last queued and shown, the people who
 * could not be reached, and the expiry already warned of; and under {@link #OPEN} the records whose
 * messages may still change. Only the delivery thread writes a record's slot and the open set, so
 * no two writers race; notices are remembered under their own keys. Not API.
 */
final class Memory {
  /** The slot holding the ids of records whose messages may still change. */
  static final String OPEN = "_slack:open";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Outbox outbox;

  Memory(Outbox outbox) {
    this.outbox = outbox;
  }

  /** What changes a record's messages: its state, its approvals and its end. */
  static String version(AccessRecord r) {
    long approvals = r.timeline().stream().filter(e -> e.type().name().equals("APPROVED")).count();
    return r.state().name() + "/" + approvals + "/" + r.expiresAt();
  }

  /** A record's memory, empty when nothing was remembered. */
  Optional<ObjectNode> of(String recordId) {
    return outbox.issueKey(recordId).filter(s -> s.startsWith("{")).map(Memory::parseObject);
  }

  /** A record's memory, or a fresh one. */
  ObjectNode orNew(String recordId) {
    return of(recordId).orElseGet(JSON::createObjectNode);
  }

  void save(String recordId, ObjectNode memory) {
    outbox.rememberIssueKey(recordId, memory.toString());
  }

  /** The posted messages of a record's memory, creating the list when absent. */
  static ArrayNode messages(ObjectNode memory) {
    JsonNode m = memory.get("messages");
    return m instanceof ArrayNode a ? a : memory.putArray("messages");
  }

  /** The posted message to {@code recipient} for step {@code step}, or null. */
  static @Nullable ObjectNode posted(ObjectNode memory, String recipient, int step) {
    for (JsonNode m : messages(memory)) {
      if (m.path("to").asText().equals(recipient) && m.path("step").asInt(-1) == step) {
        return (ObjectNode) m;
      }
    }
    return null;
  }

  /** The records whose messages may still change, oldest first. */
  Set<String> open() {
    Set<String> ids = new LinkedHashSet<>();
    outbox
        .issueKey(OPEN)
        .filter(s -> s.startsWith("["))
        .map(Memory::parse)
        .ifPresent(a -> a.forEach(n -> ids.add(n.asText())));
    return ids;
  }

  void open(Set<String> ids) {
    ArrayNode a = JSON.createArrayNode();
    ids.forEach(a::add);
    outbox.rememberIssueKey(OPEN, a.toString());
  }

  /** Whether a notice was already taken (its key remembered). */
  boolean taken(String noticeKey) {
    return outbox.issueKey(noticeKey).isPresent();
  }

  void take(String noticeKey) {
    outbox.rememberIssueKey(noticeKey, "taken");
  }

  static List<String> texts(@Nullable JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Slack memory is not JSON", e);
    }
  }

  static ObjectNode parseObject(String json) {
    JsonNode node = parse(json);
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalStateException("Slack memory is not a JSON object");
    }
    return object;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
