package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.evidence.EvidenceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders evidence events as Jira comments and reads back which events a comment carries. Every
 * event comment ends with a marker line {@code access-governance record <id> event <seq> sha256
 * <hash>}: Jira has no client-chosen comment id, so the marker is what makes a repeated delivery
 * recognisable after a crash. Not API.
 */
public final class Comments {
  private static final Pattern MARKER =
      Pattern.compile("access-governance record (\\S+) event (\\d+) sha256 ([0-9a-f]{64})");

  /** The marker line of the comment that declines a request raised in Jira. */
  private static final Pattern DECLINED =
      Pattern.compile("access-governance request (\\S+) declined");

  /** Details shown first, in this order, because they are the identity provider's answer. */
  private static final List<String> ANSWER_KEYS =
      List.of("outcome", "status", "request_id", "answered_at", "provider", "group", "idp_user");

  private Comments() {}

  /** The comment for one event: what, who, when, its details (the IdP's answer first), marker. */
  public static ObjectNode render(EvidenceEvent e) {
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(
        Adf.paragraph(
            List.of(
                Adf.strong(e.type().name()),
                Adf.text(" by "),
                Adf.code(e.actor()),
                Adf.text(" at " + e.time()))));
    List<List<ObjectNode>> items = new ArrayList<>();
    for (String key : ANSWER_KEYS) {
      addDetail(items, key, e.details().get(key));
    }
    for (Map.Entry<String, @Nullable Object> d : e.details().entrySet()) {
      if (!ANSWER_KEYS.contains(d.getKey())) {
        addDetail(items, d.getKey(), d.getValue());
      }
    }
    if (!items.isEmpty()) {
      blocks.add(Adf.bullets(items));
    }
    blocks.add(
        Adf.paragraph(
            List.of(
                Adf.text(
                    "access-governance record " + e.recordId() + " event " + e.seq() + " sha256 "),
                Adf.code(e.hash()))));
    return Adf.doc(blocks);
  }

  private static void addDetail(List<List<ObjectNode>> items, String key, @Nullable Object value) {
    if (value != null && !value.toString().isEmpty()) {
      items.add(List.of(Adf.strong(key + ": "), Adf.text(value.toString())));
    }
  }

  /** A comment that is not an event (a note about something the library did not do). */
  public static ObjectNode note(String text) {
    return Adf.doc(
        List.of(Adf.paragraph(List.of(Adf.strong("access-governance: "), Adf.text(text)))));
  }

  /**
   * The comment that declines a request raised in Jira: why, that nothing was granted, and a marker
   * line {@code access-governance request <issue id> declined} by which a repeat is recognised.
   */
  public static ObjectNode declined(String issueId, String why) {
    return Adf.doc(
        List.of(
            Adf.paragraph(
                List.of(
                    Adf.strong("access-governance: "),
                    Adf.text("this request was declined: " + why + "."))),
            Adf.paragraph(
                List.of(
                    Adf.text(
                        "Nothing was granted. Correct the request and raise a new one, or ask the"
                            + " application's owner."))),
            Adf.paragraph(
                List.of(Adf.text("access-governance request " + issueId + " declined")))));
  }

  /** The key under which the declining comment of a request is remembered. */
  public static String declineKey(String issueId) {
    return "declined#" + issueId;
  }

  /** {@code doc} with a closing paragraph saying the comment arrived late, and why. */
  public static ObjectNode withDelayNote(JsonNode doc, Instant recorded, Instant posted) {
    ObjectNode copy = doc.deepCopy();
    Duration late = Duration.between(recorded, posted);
    ((com.fasterxml.jackson.databind.node.ArrayNode) copy.withArray("content"))
        .add(
            Adf.paragraph(
                List.of(
                    Adf.text(
                        "Posted "
                            + late.toSeconds()
                            + " s after it was recorded ("
                            + recorded
                            + "): Jira was unavailable or slow, the event waited in the outbox."))));
    return copy;
  }

  /** The record id and sequence number a comment body carries, if it is an event comment. */
  public static Optional<String> eventOf(JsonNode body) {
    Matcher m = MARKER.matcher(Adf.plainText(body));
    return m.find()
        ? Optional.of(eventKey(m.group(1), Long.parseLong(m.group(2))))
        : Optional.empty();
  }

  /** The {@link #declineKey} a comment body carries, if it declines a request. */
  public static Optional<String> declineOf(JsonNode body) {
    Matcher m = DECLINED.matcher(Adf.plainText(body));
    return m.find() ? Optional.of(declineKey(m.group(1))) : Optional.empty();
  }

  /** The key under which a delivered event is remembered: record id and sequence number. */
  public static String eventKey(String recordId, long seq) {
    return recordId + "#" + seq;
  }
}
