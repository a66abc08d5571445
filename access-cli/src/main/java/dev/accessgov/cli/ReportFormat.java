package dev.accessgov.cli;

/** The formats {@code report} writes; each kind of report says which of them it has. */
enum ReportFormat {
  /** One JSON object. */
  JSON,
  /** RFC 4180 CSV with a header row. */
  CSV
}
