package dev.accessgov.report.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@value #FILE} of an evidence pack: which record the pack is about and which events are its.
 * Only {@code recordId} and {@code sequences} are checked on verification; the other fields are for
 * the reader. Not API.
 *
 * @param recordId the record
 * @param sequences the sequence numbers of its events
 */
public record RecordManifest(String recordId, List<Long> sequences) {
  /** The file name inside a pack. */
  public static final String FILE = "record.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks the fields and copies the list. */
  public RecordManifest {
    requireNonNull(recordId, "recordId");
    sequences = List.copyOf(requireNonNull(sequences, "sequences"));
  }

  /**
   * Writes the manifest of {@code record} into {@code dir}: {@code recordId, subject, role, state,
   * sequences} and {@code walkthrough}, the five audit answers as text.
   */
  public static void write(Path dir, AccessRecord record, List<Long> sequences) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("recordId", record.id().value());
    root.put("subject", record.subject().value());
    root.put("role", record.roleId().value());
    root.put("state", record.state().name());
    ArrayNode seqs = root.putArray("sequences");
    sequences.forEach(seqs::add);
    ArrayNode answers = root.putArray("walkthrough");
    record.walkthrough().answers().stream().map(Answer::text).forEach(answers::add);
    try {
      MAPPER.writeValue(dir.resolve(FILE).toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + dir.resolve(FILE), e);
    }
  }

  /**
   * Reads the manifest in {@code dir}.
   *
   * @throws IllegalArgumentException when the file is missing or lacks a text {@code recordId} or
   *     an array of whole-number {@code sequences}
   */
  public static RecordManifest read(Path dir) {
    Path file = dir.resolve(FILE);
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the pack has no " + FILE, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(FILE + " is not readable JSON: " + e.getMessage(), e);
    }
    JsonNode id = root == null ? null : root.get("recordId");
    JsonNode seqs = root == null ? null : root.get("sequences");
    if (id == null || !id.isTextual() || seqs == null || !seqs.isArray()) {
      throw new IllegalArgumentException(
          FILE + " needs a text \"recordId\" and an array \"sequences\"");
    }
    List<Long> sequences = new ArrayList<>();
    for (JsonNode seq : seqs) {
      if (!seq.isIntegralNumber()) {
        throw new IllegalArgumentException(FILE + " has a sequence that is not a number: " + seq);
      }
      sequences.add(seq.asLong());
    }
    return new RecordManifest(id.asText(), sequences);
  }
}
