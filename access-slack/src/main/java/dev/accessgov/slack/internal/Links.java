package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.record.RecordId;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where a message links to: the host's page for a record and the ticket's page. Not API.
 *
 * @param record the page of a record, or null when the host has none
 * @param ticket the page of a ticket key, or null
 */
public record Links(
    Function<RecordId, @Nullable URI> record, Function<String, @Nullable URI> ticket) {
  /** No links. */
  public static Links none() {
    return new Links(id -> null, key -> null);
  }

  /**
   * A link made from a template with {@code placeholder} where the (URL-encoded) value goes, e.g.
   * {@code https://access.example.com/records/{id}}.
   *
   * @param setting the builder setting it came from, named in the error
   * @throws AccessConfigurationException when the template is not an http(s) URL with the
   *     placeholder
   */
  public static <T> Function<T, @Nullable URI> template(
      String template, String placeholder, String setting, Function<T, String> value) {
    requireNonNull(template, setting);
    URI example;
    try {
      example = URI.create(template.replace(placeholder, "x"));
    } catch (IllegalArgumentException e) {
      example = null;
    }
    if (!template.contains(placeholder)
        || example == null
        || example.getHost() == null
        || !("https".equals(example.getScheme()) || "http".equals(example.getScheme()))) {
      throw new AccessConfigurationException(
          "Slack "
              + setting
              + " '"
              + template
              + "' must be an http(s) URL with "
              + placeholder
              + ", e.g. https://access.example.com/records/"
              + placeholder);
    }
    return t ->
        URI.create(
            template.replace(
                placeholder, URLEncoder.encode(value.apply(t), StandardCharsets.UTF_8)));
  }
}
