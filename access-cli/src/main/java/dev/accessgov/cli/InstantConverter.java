package dev.accessgov.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a moment from the command line: an ISO-8601 instant ({@code 2026-03-31T12:00:00Z}) or a
 * date ({@code 2026-03-31}), which means the start of that day in UTC.
 */
final class InstantConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a moment; give 2026-03-31T12:00:00Z or 2026-03-31 (UTC)");
    }
  }
}
