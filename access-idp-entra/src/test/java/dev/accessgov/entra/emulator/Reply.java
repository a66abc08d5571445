package dev.accessgov.entra.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One answer of the emulated Graph, to an HTTP request or to a {@code $batch} sub-request. */
record Reply(int status, Map<String, String> headers, @Nullable JsonNode body) {
  static Reply of(int status, @Nullable JsonNode body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return new Reply(status, headers, body);
  }

  static Reply error(int status, String code, String message, String requestId) {
    return of(status, GraphJson.error(code, message, requestId));
  }

  Reply with(String header, String value) {
    headers.put(header, value);
    return this;
  }
}
