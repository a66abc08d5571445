package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Parses the lines of an export: one canonical JSON object per line. A line must be exactly the
 * canonical form of the value it holds, so that the export has one byte representation per chain
 * and any edited byte shows, not only edits that change a value.
 *
 * <p>Every problem is reported as an {@link IllegalArgumentException} whose message says what is
 * wrong with the line; the caller adds the file and line number.
 */
final class EvidenceLines {
  private static final List<String> EVENT_FIELDS =
      List.of("actor", "details", "hash", "prevHash", "recordId", "seq", "time", "type");
  private static final List<String> CHECKPOINT_FIELDS = List.of("note");

  private static final String NOT_CANONICAL = "the line is not in RFC 8785 canonical form";

  /** How the hash member of a canonical event line starts: it follows the details. */
  private static final byte[] HASH_MEMBER = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);

  private EvidenceLines() {}

  /** The event on {@code bytes[offset, offset + length)}, which must be its canonical line. */
  static EvidenceEvent parseEvent(byte[] bytes, int offset, int length) {
    Members m = parseObject(bytes, offset, length, EVENT_FIELDS);
    EvidenceEvent event =
        new EvidenceEvent(
            m.integer("seq"),
            m.text("recordId"),
            eventType(m.text("type")),
            m.text("actor"),
            instant(m.text("time")),
            m.details(),
            m.text("prevHash"),
            m.text("hash"));
    if (!CanonicalJson.writeEventLine(event).contentEquals(bytes, offset, length)) {
      throw new IllegalArgumentException(NOT_CANONICAL);
    }
    return event;
  }

  /**
   * What verification needs of the event line in {@code bytes[0, length)}: the fields the
   * order-dependent checks use, and where its hash member is, so that both hashes can be taken over
   * the line's own bytes. Unlike {@link #parseEvent} it neither reads the details nor re-serializes
   * the line: whatever a verifier does not read is still bound by the hashes of the exact bytes.
   *
   * @throws IllegalArgumentException if the line is not a JSON object with exactly the event's
   *     members, one of them has the wrong kind of value, or its hash member is not where and as
   *     the canonical form has it
   */
  static EventFields eventFields(byte[] bytes, int length) {
    long seq = 0;
    String recordId = null;
    String type = null;
    String time = null;
    String prevHash = null;
    String hash = null;
    int hashEnd = -1;
    int seen = 0;
    try (JsonParser p = CanonicalJson.FACTORY.createParser(bytes, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        int field = EVENT_FIELDS.indexOf(name);
        if (field < 0) {
          throw new IllegalArgumentException("unknown field \"" + name + "\"");
        }
        if ((seen & (1 << field)) != 0) {
          throw new IllegalArgumentException("field \"" + name + "\" appears twice");
        }
        seen |= 1 << field;
        JsonToken token = p.nextToken();
        if (name.equals("details")) {
          if (token != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("field \"details\" must be an object");
          }
          p.skipChildren();
        } else if (name.equals("seq")) {
          if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException("field \"seq\" must be an integer");
          }
          seq = CanonicalValues.readLong(p, name);
        } else {
          if (token != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("field \"" + name + "\" must be a string");
          }
          String text = p.getText();
          switch (name) {
            case "recordId" -> recordId = text;
            case "type" -> type = text;
            case "time" -> time = text;
            case "prevHash" -> prevHash = text;
            case "hash" -> {
              hash = text;
              hashEnd = (int) p.currentLocation().getByteOffset();
            }
            default -> {} // actor: bound by the hashes, checked by nothing else
          }
        }
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (seen != (1 << EVENT_FIELDS.size()) - 1) {
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < EVENT_FIELDS.size(); i++) {
        if ((seen & (1 << i)) == 0) {
          missing.add(EVENT_FIELDS.get(i));
        }
      }
      throw new IllegalArgumentException("missing field(s) " + missing);
    }
    eventType(requireNonNull(type));
    int hashStart = hashEnd - HASH_MEMBER.length - EvidenceEvent.GENESIS_HASH.length() - 1;
    if (hashStart < 0
        || !Arrays.equals(
            bytes, hashStart, hashStart + HASH_MEMBER.length, HASH_MEMBER, 0, HASH_MEMBER.length)) {
      // A canonical line has exactly ,"hash":"<64 hex digits>" there.
      throw new IllegalArgumentException(NOT_CANONICAL);
    }
    return new EventFields(
        seq,
        requireNonNull(recordId),
        instant(requireNonNull(time)),
        requireNonNull(prevHash),
        requireNonNull(hash),
        hashStart,
        hashEnd);
  }

  /**
   * The fields of an event line that verification checks, and the span {@code [hashStart, hashEnd)}
   * of its {@code ,"hash":"..."} member: the line without that span is the event's body.
   */
  record EventFields(
      long seq,
      String recordId,
      Instant time,
      String prevHash,
      String hash,
      int hashStart,
      int hashEnd) {}

  /** The checkpoint on {@code bytes[offset, offset + length)}, which must be its canonical line. */
  static Checkpoint parseCheckpoint(byte[] bytes, int offset, int length) {
    Members m = parseObject(bytes, offset, length, CHECKPOINT_FIELDS);
    Checkpoint checkpoint = Checkpoint.parse(m.text("note"));
    if (!CanonicalJson.writeCheckpointLine(checkpoint).contentEquals(bytes, offset, length)) {
      throw new IllegalArgumentException(NOT_CANONICAL);
    }
    return checkpoint;
  }

  /**
   * Reads one flat object whose members are exactly {@code fields}. Values are strings or longs,
   * except {@code details}, a flat object of scalars.
   */
  private static Members parseObject(byte[] bytes, int offset, int length, List<String> fields) {
    Members members = new Members();
    try (JsonParser p = CanonicalJson.FACTORY.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!fields.contains(name)) {
          throw new IllegalArgumentException("unknown field \"" + name + "\"");
        }
        if (members.values.containsKey(name)) {
          throw new IllegalArgumentException("field \"" + name + "\" appears twice");
        }
        members.values.put(name, memberValue(p, p.nextToken(), name));
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> missing = new ArrayList<>(fields);
    missing.removeAll(members.values.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing field(s) " + missing);
    }
    return members;
  }

  private static Object memberValue(JsonParser p, JsonToken token, String name) throws IOException {
    if (name.equals("details")) {
      return readDetails(p);
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return CanonicalValues.readLong(p, name);
    }
    if (token == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    throw new IllegalArgumentException("field \"" + name + "\" must be a string or an integer");
  }

  /** The members of one parsed line, with typed access that reports a value of the wrong kind. */
  private static final class Members {
    final Map<String, Object> values = new HashMap<>();

    String text(String name) {
      Object value = values.get(name);
      if (!(value instanceof String)) {
        throw new IllegalArgumentException("field \"" + name + "\" must be a string");
      }
      return (String) value;
    }

    long integer(String name) {
      Object value = values.get(name);
      if (!(value instanceof Long)) {
        throw new IllegalArgumentException("field \"" + name + "\" must be an integer");
      }
      return (Long) value;
    }

    @SuppressWarnings("unchecked") // memberValue stores only readDetails' map under "details"
    SortedMap<String, @Nullable Object> details() {
      // parseObject has checked that every field, details included, is present.
      return (SortedMap<String, @Nullable Object>) requireNonNull(values.get("details"), "details");
    }
  }

  private static TreeMap<String, @Nullable Object> readDetails(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("field \"details\" must be an object");
    }
    TreeMap<String, @Nullable Object> details = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (details.containsKey(key)) {
        throw new IllegalArgumentException("detail \"" + key + "\" appears twice");
      }
      details.put(key, detailValue(p, p.nextToken(), key));
    }
    return details;
  }

  private static @Nullable Object detailValue(JsonParser p, JsonToken token, String key)
      throws IOException {
    switch (token) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return CanonicalValues.readLong(p, key);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException(
            "detail \"" + key + "\" must be a string, integer, boolean or null");
    }
  }

  private static EvidenceType eventType(String name) {
    try {
      return EvidenceType.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown event type \"" + name + "\"", e);
    }
  }

  private static Instant instant(String text) {
    try {
      return CanonicalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time \"" + text + "\" is not an ISO-8601 instant", e);
    }
  }
}
