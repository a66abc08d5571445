package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reading and writing the value set of {@link CanonicalJson}: strings, 64-bit integers, booleans,
 * null, objects and arrays. Parsed objects become {@link TreeMap}s, whose natural order is the
 * UTF-16 code unit order RFC 8785 sorts by; arrays become lists; integers become {@code Long}s.
 */
final class CanonicalValues {
  private CanonicalValues() {}

  /**
   * Parses one JSON value.
   *
   * @throws IllegalArgumentException naming the problem, see {@link CanonicalJson#canonicalize}
   */
  static @Nullable Object read(String json) {
    try (JsonParser p = CanonicalJson.FACTORY.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("invalid JSON: no value found");
      }
      Object value = readValue(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException(
            "invalid JSON: content after the value at " + describe(p));
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the value starting at the parser's current token. */
  private static @Nullable Object readValue(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT:
        TreeMap<String, @Nullable Object> object = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          if (object.containsKey(key)) {
            throw new IllegalArgumentException(
                "duplicate key \"" + key + "\" at " + describe(p) + "; RFC 8785 forbids them");
          }
          p.nextToken();
          object.put(key, readValue(p));
        }
        return object;
      case START_ARRAY:
        List<@Nullable Object> array = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(p));
        }
        return array;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return readLong(p, "number");
      case VALUE_NUMBER_FLOAT:
        throw new IllegalArgumentException(
            "non-integral number "
                + p.getText()
                + " at "
                + describe(p)
                + "; canonical evidence JSON supports integers only");
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException(
            "invalid JSON: unexpected " + token + " at " + describe(p));
    }
  }

  /**
   * The current integer token as a long.
   *
   * @throws IllegalArgumentException if it does not fit in 64 bits
   */
  static long readLong(JsonParser p, String name) throws IOException {
    if (p.getNumberType() != JsonParser.NumberType.INT
        && p.getNumberType() != JsonParser.NumberType.LONG) {
      throw new IllegalArgumentException(
          "integer " + p.getText() + " in '" + name + "' is outside the 64-bit range");
    }
    return p.getLongValue();
  }

  /** Writes a scalar of the value set; {@code where} names it in the error message. */
  static void writeScalar(JsonGenerator g, @Nullable Object value, String where)
      throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String) {
      writeString(g, (String) value, where);
    } else if (value instanceof Boolean) {
      g.writeBoolean((Boolean) value);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else {
      throw new IllegalArgumentException(
          "'"
              + where
              + "' has a value of type "
              + value.getClass().getName()
              + "; canonical evidence JSON holds only strings, integers, booleans and null");
    }
  }

  /** Writes any value {@link #read} produces, objects in their maps' order. */
  static void writeValue(JsonGenerator g, @Nullable Object value, String where) throws IOException {
    if (value instanceof Map<?, ?>) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        String key = (String) entry.getKey();
        g.writeFieldName(wellFormed(key, "key"));
        writeValue(g, entry.getValue(), key);
      }
      g.writeEndObject();
    } else if (value instanceof List<?>) {
      g.writeStartArray();
      for (Object element : (List<?>) value) {
        writeValue(g, element, where);
      }
      g.writeEndArray();
    } else {
      writeScalar(g, value, where);
    }
  }

  /** Writes a string after checking it is well-formed. */
  static void writeString(JsonGenerator g, String value, String name) throws IOException {
    requireNonNull(value, name);
    if (plainAscii(value)) {
      // Nothing to escape and nothing to encode: the bytes are the characters. Most evidence text
      // (ids, hashes, actors, times) is like this, and Jackson's escaping path is the verifier's
      // largest cost.
      byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      g.writeRawUTF8String(bytes, 0, bytes.length);
    } else {
      g.writeString(wellFormed(value, name));
    }
  }

  /** Whether every character is printable ASCII other than {@code "} and {@code \}. */
  private static boolean plainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns {@code s} if it is well-formed UTF-16. A lone surrogate has no UTF-8 form, and Jackson
   * would escape it instead of failing, producing bytes no other RFC 8785 implementation agrees on.
   *
   * @throws IllegalArgumentException naming {@code name} and the position of a lone surrogate
   */
  static String wellFormed(String s, String name) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new IllegalArgumentException(
              String.format(
                  "'%s' holds a lone surrogate U+%04X at index %d; only well-formed Unicode text"
                      + " can be canonicalized",
                  name, (int) c, i));
        }
      }
    }
    return s;
  }

  private static String describe(JsonParser p) {
    return "line "
        + p.currentLocation().getLineNr()
        + ", column "
        + p.currentLocation().getColumnNr();
  }
}
