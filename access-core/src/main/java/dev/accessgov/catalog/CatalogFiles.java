package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.accessgov.AccessConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a {@link Catalog} from a YAML or JSON file, and writes one. The document holds what {@link
 * Catalog#builder()} can express, under the builders' names:
 *
 * <pre>{@code
 * applications:
 *   - id: github
 *     name: GitHub
 *     owner: olivia
 *     roles:
 *       - id: github/admin
 *         tier: PRIVILEGED                  # STANDARD, SENSITIVE, PRIVILEGED, EMERGENCY
 *         groups:
 *           - {provider: okta, group: gh-admin}
 *         approval: [manager, appOwner]     # auto, manager, appOwner, {anyOf: [..]},
 *                                           # {quorum: 2, approvers: [..]}; default: the tier's
 *         expiry: {required: true, minimum: PT1H, defaultDuration: PT4H, maximum: PT8H}
 *         maxLifetime: PT72H                # ISO-8601 durations; default: the tier's
 * sodRules:
 *   - name: admin-vs-auditor
 *     roles: [github/admin, github/audit]
 *     action: REFUSE                        # or EXTRA_APPROVAL with extraStep: {anyOf: [carol]}
 * birthrights:                            # roles people hold from the day they join
 *   - name: engineering-github
 *     role: github/read
 *     when: {department: engineering, location: [Berlin, Paris]}   # also title, employmentType
 *     approval: automatic                   # default; or application-owner, role-policy
 *   - {name: wiki-for-all, role: wiki/read, everyone: true}
 * }</pre>
 *
 * <p>Every mistake is a {@link CatalogFileException} naming the file, line and column and what to
 * fix. Stateless and thread-safe.
 */
public final class CatalogFiles {
  /** The format of a catalog document. */
  public enum Format {
    /** YAML ({@code .yaml}, {@code .yml}); reads JSON too. */
    YAML,
    /** JSON ({@code .json}). */
    JSON
  }

  private static final JsonFactory YAML_FACTORY = new YAMLFactory();
  private static final JsonFactory JSON_FACTORY = new JsonFactory();

  private CatalogFiles() {}

  /**
   * Loads the catalog in {@code file}, YAML or JSON by its extension ({@code .yaml}, {@code .yml},
   * {@code .json}), UTF-8.
   *
   * @throws CatalogFileException for a mistake in the file, at its line and column
   * @throws AccessConfigurationException when the file cannot be read or has another extension
   */
  public static Catalog load(Path file) {
    requireNonNull(file, "file");
    Format format = formatOf(file.getFileName() == null ? "" : file.getFileName().toString());
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString(), format);
    } catch (IOException e) {
      throw new AccessConfigurationException(
          "cannot read the catalog file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Reads a catalog document from {@code reader}, which stays open; its format follows {@code
   * sourceName}'s extension ({@code .json} is JSON, anything else YAML, which also reads JSON).
   *
   * @param sourceName the name errors report, e.g. the file or resource name
   * @throws CatalogFileException for a mistake in the document, at its line and column
   */
  public static Catalog read(Reader reader, String sourceName) {
    requireNonNull(sourceName, "sourceName");
    Format format =
        sourceName.toLowerCase(Locale.ROOT).endsWith(".json") ? Format.JSON : Format.YAML;
    return read(reader, sourceName, format);
  }

  /**
   * Reads a catalog document in {@code format}.
   *
   * @param sourceName the name errors report, e.g. the file or resource name
   * @throws CatalogFileException for a mistake in the document, at its line and column
   */
  public static Catalog read(Reader reader, String sourceName, Format format) {
    requireNonNull(reader, "reader");
    requireNonNull(sourceName, "sourceName");
    requireNonNull(format, "format");
    JsonFactory factory = format == Format.JSON ? JSON_FACTORY : YAML_FACTORY;
    CatalogNode root;
    try (JsonParser parser = factory.createParser(reader)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      // The caller opened the reader and closes it.
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      root = CatalogNode.read(parser);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new CatalogFileException(
          sourceName,
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          "not valid " + format + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading catalog " + sourceName + " failed", e);
    }
    return new CatalogReader(sourceName).catalog(root);
  }

  /**
   * Writes {@code catalog} to {@code out}, which stays open, as a document in {@code format} that
   * {@link #read} turns back into an equal catalog: every role's approval, expiry and lifetime cap
   * are written out, defaults included.
   */
  public static void write(Catalog catalog, Writer out, Format format) {
    requireNonNull(catalog, "catalog");
    requireNonNull(out, "out");
    requireNonNull(format, "format");
    ObjectMapper mapper =
        format == Format.JSON
            ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            : new ObjectMapper(new YAMLFactory());
    // The caller opened the writer and closes it.
    mapper.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    try {
      mapper.writeValue(out, CatalogWriter.document(catalog));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the catalog failed", e);
    }
  }

  private static Format formatOf(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Format.YAML;
    }
    if (name.endsWith(".json")) {
      return Format.JSON;
    }
    throw new AccessConfigurationException(
        "catalog file "
            + fileName
            + " has no known extension; name it .yaml, .yml (YAML) or .json (JSON)");
  }
}
