package dev.accessgov.catalog;

import dev.accessgov.catalog.CatalogNode.Kind;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the scalars, lists and mappings of a catalog document, failing with a {@link
 * CatalogFileException} at the node that is not what was expected.
 */
final class CatalogValues {
  private final String source;

  CatalogValues(String source) {
    this.source = source;
  }

  <E extends Enum<E>> E constant(CatalogNode node, Class<E> type, String what) {
    String text = string(node, what);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text)) {
        return e;
      }
    }
    throw fail(
        node,
        "unknown "
            + what
            + " '"
            + text
            + "'; accepted: "
            + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
  }

  Duration duration(CatalogNode node, String what) {
    String text = string(node, what);
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw fail(
          node,
          what
              + " '"
              + text
              + "' is not a duration; write it in ISO-8601, e.g. PT15M (15 minutes), PT8H (8"
              + " hours), P30D (30 days)");
    }
  }

  String string(CatalogNode node, String what) {
    if (node.kind != Kind.STRING && node.kind != Kind.NUMBER) {
      throw fail(node, what + " must be a text, not " + node.kind.description);
    }
    return String.valueOf(node.text());
  }

  boolean bool(CatalogNode node, String what) {
    if (node.kind != Kind.BOOLEAN) {
      throw fail(node, what + " must be true or false, not " + node.kind.description);
    }
    return Boolean.parseBoolean(node.text());
  }

  int integer(CatalogNode node, String what) {
    if (node.kind == Kind.NUMBER) {
      try {
        return Integer.parseInt(String.valueOf(node.text()));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw fail(node, what + " must be a whole number, e.g. 2");
  }

  List<CatalogNode> list(CatalogNode node, String what) {
    if (node.kind != Kind.LIST) {
      throw fail(node, what + " must be a list, not " + node.kind.description);
    }
    return node.items();
  }

  /** Checks {@code node} is a mapping with only {@code accepted} keys. */
  void map(CatalogNode node, String what, List<String> accepted) {
    if (node.kind != Kind.MAP) {
      throw fail(node, what + " must be a mapping (key: value), not " + node.kind.description);
    }
    for (String key : node.entries().keySet()) {
      if (!accepted.contains(key)) {
        int[] at = node.keyAt(key);
        throw new CatalogFileException(
            source,
            at[0],
            at[1],
            "unknown key '"
                + key
                + "' in "
                + what
                + "; accepted keys: "
                + String.join(", ", accepted));
      }
    }
  }

  CatalogNode required(CatalogNode map, String key, String what) {
    CatalogNode value = map.entries().get(key);
    if (value == null || value.kind == Kind.NULL) {
      throw fail(value == null ? map : value, what + " has no '" + key + "'; add it");
    }
    return value;
  }

  CatalogFileException fail(CatalogNode node, String problem) {
    return new CatalogFileException(source, node.line, node.column, problem);
  }
}
