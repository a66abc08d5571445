package dev.accessgov.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Evidence details as a JSON object in a text column. Details are flat strings, integers, booleans
 * and nulls, so JSON keeps them exactly; integers read back as {@code Integer} or {@code Long} and
 * {@link dev.accessgov.evidence.EvidenceDetails} widens them to {@code Long}. Not API.
 */
final class DetailsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER = MAPPER.writer();
  private static final ObjectReader READER =
      MAPPER.readerFor(new TypeReference<LinkedHashMap<String, @Nullable Object>>() {});

  private DetailsJson() {}

  static String write(Map<String, @Nullable Object> details) {
    try {
      return WRITER.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("evidence details could not be written as JSON", e);
    }
  }

  static Map<String, @Nullable Object> read(String json) {
    try {
      return READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored evidence details are not valid JSON: " + json, e);
    }
  }
}
