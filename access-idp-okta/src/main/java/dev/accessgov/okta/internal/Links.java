package dev.accessgov.okta.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Reads Okta's RFC 8288 {@code Link} headers. Not API. */
final class Links {
  private Links() {}

  /**
   * The {@code after} query parameter of the {@code rel="next"} link in one header value, or null.
   * Okta sends either one link per header or several separated by commas.
   */
  static @Nullable String nextCursor(String headerValue) {
    for (String link : headerValue.split(",(?=\\s*<)")) {
      String[] parts = link.trim().split(";");
      if (parts.length < 2 || !parts[0].startsWith("<") || !parts[0].endsWith(">")) {
        continue;
      }
      boolean next = false;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim().replace(" ", "");
        if (param.equals("rel=\"next\"") || param.equals("rel=next")) {
          next = true;
        }
      }
      if (next) {
        return queryParam(parts[0].substring(1, parts[0].length() - 1), "after");
      }
    }
    return null;
  }

  private static @Nullable String queryParam(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
