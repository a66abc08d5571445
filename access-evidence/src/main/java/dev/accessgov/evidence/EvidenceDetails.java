package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Rules for the details of an evidence event: a flat map from non-empty string keys to strings,
 * integers ({@code Long}; {@code Integer} is widened), booleans or null. The restriction keeps the
 * canonical form free of floating point, so every implementation hashes the same bytes.
 */
public final class EvidenceDetails {
  private EvidenceDetails() {}

  /**
   * An unmodifiable, key-sorted copy of {@code details}; a map this method returned is returned as
   * it is.
   *
   * @throws IllegalArgumentException naming the key whose value has an unsupported type
   */
  public static SortedMap<String, @Nullable Object> copyOf(
      Map<String, ? extends @Nullable Object> details) {
    if (details instanceof CheckedDetails checked) {
      return checked;
    }
    TreeMap<String, @Nullable Object> copy = new TreeMap<>();
    for (Map.Entry<String, ? extends @Nullable Object> e : details.entrySet()) {
      String key = requireNonNull(e.getKey(), "details key");
      if (key.isEmpty()) {
        throw new IllegalArgumentException("evidence detail keys must not be empty");
      }
      copy.put(key, normalise(key, e.getValue()));
    }
    return new CheckedDetails(Collections.unmodifiableSortedMap(copy));
  }

  private static @Nullable Object normalise(String key, @Nullable Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Long
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException(
        "evidence detail '"
            + key
            + "' has a value of type "
            + value.getClass().getName()
            + "; only String, Long/Integer, Boolean and null are accepted");
  }
}
