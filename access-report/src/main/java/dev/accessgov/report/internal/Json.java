package dev.accessgov.report.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.accessgov.report.Provenance;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON setup every report shares: instants and durations as ISO-8601 text, and streams left
 * open for their owner. Not API.
 */
public final class Json {
  /** Binds report records and builds trees. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .registerModule(
              new SimpleModule("access-report-times")
                  .addSerializer(Instant.class, ToStringSerializer.instance)
                  .addSerializer(Duration.class, ToStringSerializer.instance));

  private Json() {}

  /**
   * A report's root object, starting with {@code provenance}: the record's fields under their
   * names, or null when none was given, so that a reader always finds the field.
   */
  public static ObjectNode root(@Nullable Provenance provenance) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("provenance", provenance == null ? NullNode.instance : MAPPER.valueToTree(provenance));
    return root;
  }

  /** {@code tree} as a JSON string. */
  public static String text(JsonNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report tree could not be written as JSON", e);
    }
  }

  /** Writes {@code tree} as UTF-8 JSON to {@code out}, leaving it open; {@code what} names it. */
  public static void write(JsonNode tree, OutputStream out, String what) {
    try {
      MAPPER.writeValue(out, tree);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + what, e);
    }
  }
}
