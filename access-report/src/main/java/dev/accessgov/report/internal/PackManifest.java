package dev.accessgov.report.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.record.AccessRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The manifest of an evidence pack: which records it is about and which events are theirs. A pack
 * of one grant has {@value #RECORD} (one record's fields at the top level); a pack of a review
 * campaign has {@value #CAMPAIGN} ({@code campaignId} and a {@code records} array of the same
 * objects). It holds nothing but those ids and sequences: what a record is (subject, role, state,
 * answers) is read from its verified events, never from a manifest an attacker could rewrite; a
 * manifest with any other field is refused. Not API.
 *
 * @param file the manifest's file name
 * @param campaignId the campaign, for a campaign pack; otherwise null
 * @param records each record's event sequences, by record id, in manifest order
 */
public record PackManifest(
    String file, @Nullable String campaignId, Map<String, List<Long>> records) {
  /** The manifest of a pack of one grant. */
  public static final String RECORD = "record.json";

  /** The manifest of a pack of one review campaign. */
  public static final String CAMPAIGN = "campaign.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks the fields and copies the map, keeping its order. */
  public PackManifest {
    requireNonNull(file, "file");
    Map<String, List<Long>> copy = new LinkedHashMap<>();
    requireNonNull(records, "records").forEach((id, seqs) -> copy.put(id, List.copyOf(seqs)));
    records = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Writes the manifest of one grant into {@code dir}: {@code recordId, subject, role, state,
   * sequences} and {@code walkthrough}, the five audit answers as text.
   */
  public static void writeRecord(Path dir, AccessRecord record, List<Long> sequences) {
    write(dir.resolve(RECORD), entry(record, sequences));
  }

  /** Writes the manifest of a campaign's records into {@code dir}. */
  public static void writeCampaign(
      Path dir, String campaignId, List<AccessRecord> records, Map<String, List<Long>> sequences) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("campaignId", campaignId);
    ArrayNode list = root.putArray("records");
    for (AccessRecord r : records) {
      list.add(entry(r, sequences.getOrDefault(r.id().value(), List.of())));
    }
    write(dir.resolve(CAMPAIGN), root);
  }

  private static ObjectNode entry(AccessRecord record, List<Long> sequences) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("recordId", record.id().value());
    ArrayNode seqs = node.putArray("sequences");
    sequences.forEach(seqs::add);
    return node;
  }

  private static void write(Path file, ObjectNode root) {
    try {
      MAPPER.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * Reads the manifest in {@code dir}: {@value #RECORD} if there is one, else {@value #CAMPAIGN}.
   *
   * @throws IllegalArgumentException when there is neither, or it lacks a text {@code recordId} or
   *     an array of whole-number {@code sequences} for a record
   */
  public static PackManifest read(Path dir) {
    if (Files.isRegularFile(dir.resolve(RECORD))) {
      JsonNode root = tree(dir.resolve(RECORD));
      onlyFields(root, RECORD, "recordId", "sequences");
      Map<String, List<Long>> records = new LinkedHashMap<>();
      add(records, root, RECORD);
      return new PackManifest(RECORD, null, records);
    }
    if (Files.isRegularFile(dir.resolve(CAMPAIGN))) {
      JsonNode root = tree(dir.resolve(CAMPAIGN));
      onlyFields(root, CAMPAIGN, "campaignId", "records");
      JsonNode id = root.get("campaignId");
      JsonNode list = root.get("records");
      if (id == null || !id.isTextual() || list == null || !list.isArray() || list.isEmpty()) {
        throw new IllegalArgumentException(
            CAMPAIGN + " needs a text \"campaignId\" and a non-empty array \"records\"");
      }
      Map<String, List<Long>> records = new LinkedHashMap<>();
      for (JsonNode entry : list) {
        onlyFields(entry, CAMPAIGN, "recordId", "sequences");
        add(records, entry, CAMPAIGN);
      }
      return new PackManifest(CAMPAIGN, id.asText(), records);
    }
    throw new IllegalArgumentException("the pack has no " + RECORD + " or " + CAMPAIGN);
  }

  private static JsonNode tree(Path file) {
    try {
      JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(file.getFileName() + " is not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file.getFileName() + " is not readable JSON: " + e.getMessage(), e);
    }
  }

  /** Refuses any field but {@code allowed}: a manifest makes no claim the events do not back. */
  private static void onlyFields(JsonNode node, String file, String... allowed) {
    List<String> known = List.of(allowed);
    for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            file
                + " has a field \""
                + name
                + "\", which a pack does not take on trust: what a record is comes from its"
                + " verified events; a manifest holds only "
                + known);
      }
    }
  }

  private static void add(Map<String, List<Long>> records, JsonNode entry, String file) {
    JsonNode id = entry.get("recordId");
    JsonNode seqs = entry.get("sequences");
    if (id == null || !id.isTextual() || seqs == null || !seqs.isArray()) {
      throw new IllegalArgumentException(
          file + " needs a text \"recordId\" and an array \"sequences\" for each record");
    }
    List<Long> sequences = new ArrayList<>();
    for (JsonNode seq : seqs) {
      if (!seq.isIntegralNumber()) {
        throw new IllegalArgumentException(file + " has a sequence that is not a number: " + seq);
      }
      sequences.add(seq.asLong());
    }
    if (records.put(id.asText(), sequences) != null) {
      throw new IllegalArgumentException(file + " lists record " + id.asText() + " twice");
    }
  }
}
