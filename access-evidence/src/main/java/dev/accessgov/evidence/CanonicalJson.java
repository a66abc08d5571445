package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values evidence uses: strings, integers,
 * booleans, null, objects with string keys and, for {@link #canonicalize}, arrays. These are the
 * bytes that get hashed ({@link #eventBody}), signed ({@link Checkpoint#body()}) and exported
 * ({@link #eventLine}), so any implementation in any language that follows RFC 8785 reproduces
 * them.
 *
 * <p>The canonical form has no whitespace; object members are sorted by their names compared as
 * UTF-16 code units ({@link String#compareTo}); strings escape only {@code "}, {@code \} and
 * control characters below U+0020 ({@code \b \t \n \f \r} short, others as lower-case {@code
 * \}{@code u00xx}) and carry everything else, including non-ASCII text, as raw UTF-8; integers are
 * plain decimal.
 *
 * <p>Two restrictions follow from the value set. There are no floating-point numbers, so the
 * ECMAScript number formatting of RFC 8785 section 3.2.2.3 never applies. Integers are Java {@code
 * long}s written exactly; RFC 8785 assumes IEEE 754 doubles, so the two agree for magnitudes up to
 * 2<sup>53</sup>, which covers every sequence number and count evidence carries. Strings must be
 * well-formed UTF-16 (no lone surrogates), as I-JSON requires.
 *
 * <p>All methods are thread-safe. Every returned array is a fresh copy owned by the caller.
 */
public final class CanonicalJson {
  /**
   * The one factory for reading and writing evidence JSON. Jackson's defaults would write U+1F600
   * as the escaped pair {@code \uD83D\uDE00} and control characters in upper-case hex; RFC 8785
   * wants the raw four UTF-8 bytes and lower-case hex.
   */
  static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .characterEscapes(Rfc8785Escapes.INSTANCE)
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
          .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private static final SerializedString ACTOR = new SerializedString("actor");
  private static final SerializedString DETAILS = new SerializedString("details");
  private static final SerializedString HASH = new SerializedString("hash");
  private static final SerializedString NOTE = new SerializedString("note");
  private static final SerializedString PREV_HASH = new SerializedString("prevHash");
  private static final SerializedString RECORD_ID = new SerializedString("recordId");
  private static final SerializedString SEQ = new SerializedString("seq");
  private static final SerializedString TIME = new SerializedString("time");
  private static final SerializedString TYPE = new SerializedString("type");

  private CanonicalJson() {}

  /**
   * The bytes an event's hash is computed over: the canonical JSON of {@code {"actor", "details",
   * "prevHash", "recordId", "seq", "time", "type"}}, where {@code time} is {@link Instant#toString}
   * of the time truncated to milliseconds and {@code type} is the constant's name.
   *
   * @param details flat details as described by {@link EvidenceDetails}; sorted here whatever the
   *     map's own order
   * @throws IllegalArgumentException if {@code seq} is below 1, a detail value is not a string,
   *     integer, boolean or null, or a string is not well-formed UTF-16
   */
  public static byte[] eventBody(
      long seq,
      String recordId,
      EvidenceType type,
      String actor,
      Instant time,
      SortedMap<String, @Nullable Object> details,
      String prevHash) {
    return writeEvent(seq, recordId, type, actor, time, details, prevHash, null).toByteArray();
  }

  /**
   * The hashed bytes of {@code event}: {@link #eventBody(long, String, EvidenceType, String,
   * Instant, SortedMap, String)} of its fields, without its {@code hash}.
   */
  public static byte[] eventBody(EvidenceEvent event) {
    return writeEventBody(event).toByteArray();
  }

  /**
   * The export form of {@code event}: the canonical JSON of all its fields including {@code
   * "hash"}, without a line terminator. It never contains a raw line break, so events can be stored
   * one per line.
   */
  public static byte[] eventLine(EvidenceEvent event) {
    return writeEventLine(event).toByteArray();
  }

  /**
   * The export form of {@code checkpoint}: the canonical JSON of {@code {"note": <the signed
   * note>}} ({@link Checkpoint#note()}), without a line terminator.
   */
  public static byte[] checkpointLine(Checkpoint checkpoint) {
    return writeCheckpointLine(checkpoint).toByteArray();
  }

  /**
   * Re-emits any JSON text within the supported value set in canonical form; meant for tests and
   * tools that compare against other RFC 8785 implementations.
   *
   * @param json one JSON value, usually an object; insignificant whitespace is allowed
   * @return the canonical form of the same value
   * @throws IllegalArgumentException naming the problem when {@code json} is not valid JSON, holds
   *     a non-integral number or an integer outside the 64-bit range, repeats a key within an
   *     object, has content after the value, or holds a string that is not well-formed UTF-16
   */
  public static String canonicalize(String json) {
    @Nullable Object value = CanonicalValues.read(requireNonNull(json, "json"));
    CanonicalBuffer out = CanonicalBuffer.acquire();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      CanonicalValues.writeValue(g, value, "value");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
  }

  /** {@link #eventBody(EvidenceEvent)} into this thread's buffer, without copying. */
  static CanonicalBuffer writeEventBody(EvidenceEvent e) {
    return writeEvent(
        e.seq(), e.recordId(), e.type(), e.actor(), e.time(), e.details(), e.prevHash(), null);
  }

  /** {@link #eventLine} into this thread's buffer, without copying. */
  static CanonicalBuffer writeEventLine(EvidenceEvent e) {
    return writeEvent(
        e.seq(), e.recordId(), e.type(), e.actor(), e.time(), e.details(), e.prevHash(), e.hash());
  }

  /** {@link #checkpointLine} into this thread's buffer, without copying. */
  static CanonicalBuffer writeCheckpointLine(Checkpoint c) {
    CanonicalBuffer out = CanonicalBuffer.acquire();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName(NOTE);
      CanonicalValues.writeString(g, c.note(), "note");
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Writes an event body into this thread's buffer; with a {@code hash} it is the export line. The
   * member names are written in their sorted order by hand, which is what RFC 8785 sorting yields.
   */
  static CanonicalBuffer writeEvent(
      long seq,
      String recordId,
      EvidenceType type,
      String actor,
      Instant time,
      SortedMap<String, @Nullable Object> details,
      String prevHash,
      @Nullable String hash) {
    return writeEvent(seq, recordId, type, actor, time, details, prevHash, hash, null);
  }

  /**
   * {@link #writeEventLine} of {@code e} into this thread's buffer, noting in {@code hashSpan}
   * where the {@code ,"hash":"..."} member starts and ends: the line without those bytes is the
   * event's body, so one serialization gives both the leaf hash (the line) and the chain hash (the
   * body).
   */
  static CanonicalBuffer writeEventLine(EvidenceEvent e, int[] hashSpan) {
    return writeEvent(
        e.seq(),
        e.recordId(),
        e.type(),
        e.actor(),
        e.time(),
        e.details(),
        e.prevHash(),
        e.hash(),
        requireNonNull(hashSpan, "hashSpan"));
  }

  private static CanonicalBuffer writeEvent(
      long seq,
      String recordId,
      EvidenceType type,
      String actor,
      Instant time,
      SortedMap<String, @Nullable Object> details,
      String prevHash,
      @Nullable String hash,
      int @Nullable [] hashSpan) {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, was " + seq);
    }
    requireNonNull(type, "type");
    requireNonNull(time, "time");
    requireNonNull(details, "details");
    CanonicalBuffer out = CanonicalBuffer.acquire();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName(ACTOR);
      CanonicalValues.writeString(g, actor, "actor");
      g.writeFieldName(DETAILS);
      writeDetails(g, details);
      if (hash != null) {
        if (hashSpan != null) {
          g.flush();
          hashSpan[0] = out.size();
        }
        g.writeFieldName(HASH);
        CanonicalValues.writeString(g, hash, "hash");
        if (hashSpan != null) {
          g.flush();
          hashSpan[1] = out.size();
        }
      }
      g.writeFieldName(PREV_HASH);
      CanonicalValues.writeString(g, prevHash, "prevHash");
      g.writeFieldName(RECORD_ID);
      CanonicalValues.writeString(g, recordId, "recordId");
      g.writeFieldName(SEQ);
      g.writeNumber(seq);
      g.writeFieldName(TIME);
      g.writeString(time.truncatedTo(ChronoUnit.MILLIS).toString());
      g.writeFieldName(TYPE);
      g.writeString(type.name());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void writeDetails(JsonGenerator g, SortedMap<String, @Nullable Object> details)
      throws IOException {
    // A naturally ordered SortedMap (what EvidenceDetails builds) already iterates in RFC 8785
    // order; only a map with some other comparator needs re-sorting.
    Comparator<? super String> order = details.comparator();
    SortedMap<String, @Nullable Object> sorted = details;
    if (order != null && order != Comparator.naturalOrder()) {
      // Not new TreeMap<>(details): that copy constructor keeps the foreign comparator.
      sorted = new TreeMap<>();
      sorted.putAll(details);
    }
    g.writeStartObject();
    for (Map.Entry<String, @Nullable Object> entry : sorted.entrySet()) {
      String key = requireNonNull(entry.getKey(), "details key");
      g.writeFieldName(CanonicalValues.wellFormed(key, "details key"));
      CanonicalValues.writeScalar(g, entry.getValue(), key);
    }
    g.writeEndObject();
  }
}
