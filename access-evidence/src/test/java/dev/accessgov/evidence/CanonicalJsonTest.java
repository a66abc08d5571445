package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("CanonicalJson")
class CanonicalJsonTest {

  @Nested
  @DisplayName("reproduces the examples of RFC 8785")
  class Rfc8785Examples {

    @Test
    @DisplayName("section 3.2.2.2: strings escape only quote, backslash and controls, lower-case")
    void stringExample() {
      String input = "{\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}";

      assertThat(CanonicalJson.canonicalize(input))
          .isEqualTo("{\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    @DisplayName("section 3.2.2: the literals true, false and null are written as such")
    void literalsExample() {
      assertThat(CanonicalJson.canonicalize("{\"literals\": [null, true, false]}"))
          .isEqualTo("{\"literals\":[null,true,false]}");
    }

    @Test
    @DisplayName("section 3.2.3: members are sorted by UTF-16 code units")
    void sortingExample() {
      String input =
          "{\n"
              + "  \"\\u20ac\": \"Euro Sign\",\n"
              + "  \"\\r\": \"Carriage Return\",\n"
              + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
              + "  \"1\": \"One\",\n"
              + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
              + "  \"\\u0080\": \"Control\",\n"
              + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
              + "}";

      assertThat(CanonicalJson.canonicalize(input))
          .isEqualTo(
              "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                  + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                  + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                  + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    @DisplayName("section 3.2.2: the full sample is refused because it holds floating point")
    void fullSampleHasFloats() {
      String input =
          "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
              + " \"literals\": [null, true, false]}";

      assertThatThrownBy(() -> CanonicalJson.canonicalize(input))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("non-integral number 333333333.33333329");
    }
  }

  @Nested
  @DisplayName("sorts keys")
  class Sorting {

    @Test
    @DisplayName("an emoji (surrogate pair D83D DE00) sorts before U+FB33, unlike code point order")
    void surrogatesBeforeHighBmp() {
      assertThat(CanonicalJson.canonicalize("{\"\\ufb33\": 1, \"\\ud83d\\ude00\": 2}"))
          .isEqualTo("{\"\ud83d\ude00\":2,\"\ufb33\":1}");
    }

    @Test
    @DisplayName("nested objects are sorted at every level, arrays keep their order")
    void nested() {
      assertThat(CanonicalJson.canonicalize("{\"b\": [{\"z\": 1, \"a\": 2}, 0], \"a\": {}}"))
          .isEqualTo("{\"a\":{},\"b\":[{\"a\":2,\"z\":1},0]}");
    }

    @Test
    @DisplayName("details in a map with another comparator are still written in canonical order")
    void foreignComparator() {
      SortedMap<String, @Nullable Object> reversed = new TreeMap<>(Comparator.reverseOrder());
      reversed.put("a", 1L);
      reversed.put("b", 2L);

      String body =
          utf8(
              CanonicalJson.eventBody(
                  1,
                  "r",
                  EvidenceType.REQUESTED,
                  "x",
                  EPOCH,
                  reversed,
                  EvidenceEvent.GENESIS_HASH));

      assertThat(body).contains("\"details\":{\"a\":1,\"b\":2}");
    }
  }

  @Nested
  @DisplayName("writes strings")
  class Strings {

    @Test
    @DisplayName(
        "with short escapes for \\b \\t \\n \\f \\r and lower-case \\u00xx for other controls")
    void controls() {
      assertThat(CanonicalJson.canonicalize("\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001F\\u001a\""))
          .isEqualTo("\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\\u001a\"");
    }

    @Test
    @DisplayName("with slash, DEL, U+2028 and non-ASCII as raw UTF-8")
    void rawCharacters() {
      byte[] bytes = bytesOf("\"/\\u007f\\u2028\\u00e9\\ud83d\\ude00\"");

      assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("222f7fe280a8c3a9f09f988022");
    }

    @Test
    @DisplayName("refusing a lone surrogate, which has no UTF-8 form")
    void loneSurrogate() {
      assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"k\": \"a\\ud800b\"}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lone surrogate U+D800 at index 1");
    }
  }

  @Nested
  @DisplayName("handles numbers")
  class Numbers {

    @Test
    @DisplayName("writes 64-bit integers exactly, in plain decimal")
    void longs() {
      assertThat(CanonicalJson.canonicalize("[9223372036854775807, -9223372036854775808, -0, 10]"))
          .isEqualTo("[9223372036854775807,-9223372036854775808,0,10]");
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {"1.0", "4.50", "1E30", "2e-3", "-0.0"})
    @DisplayName("refuses non-integral numbers")
    void floats(String number) {
      assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"n\": " + number + "}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("non-integral number " + number)
          .hasMessageContaining("line 1, column");
    }

    @Test
    @DisplayName("refuses integers beyond 64 bits")
    void bigIntegers() {
      assertThatThrownBy(() -> CanonicalJson.canonicalize("[9223372036854775808]"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the 64-bit range");
    }
  }

  @Nested
  @DisplayName("refuses input that has no single canonical form")
  class Refusals {

    @Test
    @DisplayName("duplicate keys, naming the key")
    void duplicateKeys() {
      assertThatThrownBy(
              () -> CanonicalJson.canonicalize("{\"a\": 1, \"b\": {\"x\": 1, \"x\": 2}}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duplicate key \"x\"");
    }

    @ParameterizedTest(name = "refuses [{0}]")
    @ValueSource(strings = {"", "{", "{\"a\" 1}", "[1,]", "{} {}", "'a'", "NaN", "01"})
    @DisplayName("invalid JSON")
    void invalid(String json) {
      assertThatThrownBy(() -> CanonicalJson.canonicalize(json))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("JSON");
    }

    @Test
    @DisplayName("detail values outside the value set when building an event body")
    void foreignDetailValue() {
      SortedMap<String, @Nullable Object> details = new TreeMap<>(Map.of("ratio", 0.5));

      assertThatThrownBy(
              () ->
                  CanonicalJson.eventBody(
                      1,
                      "r",
                      EvidenceType.REQUESTED,
                      "x",
                      EPOCH,
                      details,
                      EvidenceEvent.GENESIS_HASH))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'ratio' has a value of type java.lang.Double");
    }
  }

  @Nested
  @DisplayName("builds evidence bodies")
  class Bodies {

    @Test
    @DisplayName(
        "an event body has the members actor, details, prevHash, recordId, seq, time, type")
    void eventBody() {
      String body = utf8(CanonicalJson.eventBody(sampleEvent()));

      assertThat(body)
          .isEqualTo(
              "{\"actor\":\"person:alice\","
                  + "\"details\":{\"days\":3,\"note\":\"on call / incident \\\"7\\\"\\n\u2013 gr\u00fc\u00dfe\","
                  + "\"ticket\":null,\"urgent\":true},"
                  + "\"prevHash\":\""
                  + "ab".repeat(32)
                  + "\","
                  + "\"recordId\":\"rec-42\","
                  + "\"seq\":7,"
                  + "\"time\":\"2024-05-01T10:15:30.123Z\","
                  + "\"type\":\"APPROVED\"}");
    }

    @Test
    @DisplayName("the event line is the body with the hash added in its sorted place")
    void eventLine() {
      EvidenceEvent event = sampleEvent();

      String line = utf8(CanonicalJson.eventLine(event));

      assertThat(line)
          .isEqualTo(
              utf8(CanonicalJson.eventBody(event))
                  .replace(",\"prevHash\"", ",\"hash\":\"" + "cd".repeat(32) + "\",\"prevHash\""))
          .doesNotContain("\n");
    }

    @Test
    @DisplayName("times are written to the millisecond, whole seconds without a fraction")
    void times() {
      String body =
          utf8(
              CanonicalJson.eventBody(
                  1,
                  "r",
                  EvidenceType.EXPIRED,
                  "system:expiry",
                  Instant.parse("2024-01-01T00:00:00.000999Z"),
                  new TreeMap<>(),
                  EvidenceEvent.GENESIS_HASH));

      assertThat(body).contains("\"time\":\"2024-01-01T00:00:00Z\"");
    }

    @Test
    @DisplayName("a checkpoint line is the signed note under \"note\", newlines escaped")
    void checkpoint() {
      Instant time = Instant.parse("2024-05-01T10:15:30.123Z");
      Checkpoint checkpoint =
          CheckpointSigner.generate("example.com/log").sign(12, Merkle.emptyRoot(), time);

      String note = checkpoint.note();
      assertThat(utf8(CanonicalJson.checkpointLine(checkpoint)))
          .isEqualTo("{\"note\":\"" + note.replace("\n", "\\n") + "\"}");
    }

    @Test
    @DisplayName("each call returns a fresh array the caller may keep")
    void freshArrays() {
      EvidenceEvent event = sampleEvent();

      byte[] first = CanonicalJson.eventBody(event);
      byte[] second = CanonicalJson.eventLine(event);

      assertThat(first).isNotSameAs(second);
      assertThat(utf8(first)).startsWith("{\"actor\"").doesNotContain("\"hash\"");
    }
  }

  private static final Instant EPOCH = Instant.EPOCH;

  private static EvidenceEvent sampleEvent() {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("urgent", true);
    details.put("note", "on call / incident \"7\"\n\u2013 gr\u00fc\u00dfe");
    details.put("ticket", null);
    details.put("days", 3);
    return new EvidenceEvent(
        7,
        "rec-42",
        EvidenceType.APPROVED,
        "person:alice",
        Instant.parse("2024-05-01T10:15:30.123456789Z"),
        EvidenceDetails.copyOf(details),
        "ab".repeat(32),
        "cd".repeat(32));
  }

  private static byte[] bytesOf(String json) {
    return CanonicalJson.canonicalize(json).getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
