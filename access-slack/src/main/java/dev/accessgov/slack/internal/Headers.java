package dev.accessgov.slack.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Header lookup by case-insensitive name, as HTTP defines it. Not API. */
public final class Headers {
  private Headers() {}

  /** The first value of the header {@code name}, in any case, or null when absent. */
  public static @Nullable String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey() != null
          && h.getKey().equalsIgnoreCase(name)
          && h.getValue() != null
          && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }
}
