package dev.accessgov.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed YAML or JSON value that remembers where it stood in its file, so that every mistake can
 * be reported at its line and column. Jackson's own tree ({@code JsonNode}) forgets locations.
 */
final class CatalogNode {
  /** What a node holds. */
  enum Kind {
    MAP("a mapping (key: value)"),
    LIST("a list"),
    STRING("a text"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    NULL("nothing (null)");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  final Kind kind;
  final int line;
  final int column;
  private final @Nullable String text;
  private final Map<String, CatalogNode> entries;
  private final Map<String, int[]> keyAt;
  private final List<CatalogNode> items;

  private CatalogNode(
      Kind kind,
      JsonLocation at,
      @Nullable String text,
      Map<String, CatalogNode> entries,
      Map<String, int[]> keyAt,
      List<CatalogNode> items) {
    this.kind = kind;
    this.line = at.getLineNr();
    this.column = at.getColumnNr();
    this.text = text;
    this.entries = entries;
    this.keyAt = keyAt;
    this.items = items;
  }

  /** The scalar's text: a string, a number's digits, {@code true}/{@code false}; or null. */
  @Nullable String text() {
    return text;
  }

  /** A mapping's entries in document order. */
  Map<String, CatalogNode> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** Where a mapping's key stands: {line, column}. */
  int[] keyAt(String key) {
    return keyAt.getOrDefault(key, new int[] {line, column});
  }

  /** A list's items. */
  List<CatalogNode> items() {
    return Collections.unmodifiableList(items);
  }

  /**
   * Reads one document from {@code parser}.
   *
   * @throws JsonProcessingException for malformed input or a key given twice (the parser must have
   *     {@code STRICT_DUPLICATE_DETECTION} on)
   */
  static CatalogNode read(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return new CatalogNode(
          Kind.NULL, parser.currentLocation(), null, Map.of(), Map.of(), List.of());
    }
    return value(parser);
  }

  private static CatalogNode value(JsonParser p) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT:
        Map<String, CatalogNode> entries = new LinkedHashMap<>();
        Map<String, int[]> keyAt = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation k = p.currentTokenLocation();
          keyAt.put(key, new int[] {k.getLineNr(), k.getColumnNr()});
          p.nextToken();
          entries.put(key, value(p));
        }
        return new CatalogNode(Kind.MAP, at, null, entries, keyAt, List.of());
      case START_ARRAY:
        List<CatalogNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p));
        }
        return new CatalogNode(Kind.LIST, at, null, Map.of(), Map.of(), items);
      case VALUE_STRING:
        return scalar(Kind.STRING, at, p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return scalar(Kind.NUMBER, at, p.getText());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return scalar(Kind.BOOLEAN, at, p.getText());
      case VALUE_NULL:
        return scalar(Kind.NULL, at, null);
      default:
        throw new JsonProcessingException("unexpected " + token, at) {
          private static final long serialVersionUID = 1L;
        };
    }
  }

  private static CatalogNode scalar(Kind kind, JsonLocation at, @Nullable String text) {
    return new CatalogNode(kind, at, text, Map.of(), Map.of(), List.of());
  }
}
